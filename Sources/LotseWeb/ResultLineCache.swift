// ResultLineCache: the result lines of the results page by service id, kept like JSONCache —
// until the directory changes (emptied on every commit of this process) or for a few seconds
// (changes by other processes show up after `lifetime`), and only for the Berlin day they
// were made on (the staleness marks change at midnight). Bounded in entries.
import Dispatch
import Foundation
import Templating

/// Rendered-ready result lines of public services, keyed by service id.
public final class ResultLineCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (line: TemplateValue, created: UInt64)] = [:]
    private var day = ""
    /// Lines kept at most; the cache is emptied when it would grow past them.
    public let maximumCount: Int
    /// How long a line is trusted, in nanoseconds.
    public let lifetime: UInt64
    /// Monotonic nanoseconds.
    private let clock: @Sendable () -> UInt64

    /// Creates a cache.
    public init(maximumCount: Int = 4096, lifetimeSeconds: Double = 10,
                clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.maximumCount = maximumCount
        self.lifetime = UInt64(lifetimeSeconds * 1e9)
        self.clock = clock
    }

    /// The lines of `ids` in order for the Berlin date `day`; `load` builds the lines of the
    /// ids not cached (keyed by id; an id it leaves out is left out of the answer too).
    public func lines(_ ids: [String], day: String, load: ([String]) throws -> [String: TemplateValue]) rethrows -> [TemplateValue] {
        let now = clock()
        var found: [String: TemplateValue] = [:]
        var missing: [String] = []
        lock.withLock {
            if self.day != day {
                entries.removeAll(keepingCapacity: true)
                self.day = day
            }
            for id in ids {
                // An entry stored by another thread after `now` was read is fresh (compared by
                // addition, since `now - created` would underflow).
                if let entry = entries[id], now < entry.created + lifetime { found[id] = entry.line } else { missing.append(id) }
            }
        }
        if !missing.isEmpty {
            let loaded = try load(missing)
            lock.withLock {
                guard self.day == day else { return }
                if entries.count + loaded.count > maximumCount { entries.removeAll(keepingCapacity: true) }
                for (id, line) in loaded { entries[id] = (line, now) }
            }
            found.merge(loaded) { _, new in new }
        }
        return ids.compactMap { found[$0] }
    }

    /// Forgets everything.
    public func clear() {
        lock.withLock { entries.removeAll(keepingCapacity: true) }
    }
}

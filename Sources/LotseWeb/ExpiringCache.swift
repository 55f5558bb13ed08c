// ExpiringCache: what the web layer keeps of directory data between requests — the API's
// encoded JSON (`JSONCache`) and the results page's result lines (`ResultLineCache`). Entries
// are kept until the directory changes (the app empties the caches on every commit of this
// process) or for `lifetime` (changes by other processes, e.g. a CLI import, show up after
// it), and only within one epoch (the results page's Berlin day: its staleness marks change
// at midnight). Bounded in cost: the cache is emptied when it would grow past the bound.
import Dispatch
import Foundation
import Templating

/// A cost-bounded cache of values keyed by strings, with a lifetime per entry.
public final class ExpiringCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (value: Value, created: UInt64)] = [:]
    private var total = 0
    private var epoch = ""
    /// Upper bound of the summed cost of the entries.
    public let maximumCost: Int
    /// How long an entry is trusted, in nanoseconds.
    public let lifetime: UInt64
    private let cost: @Sendable (Value) -> Int
    /// Monotonic nanoseconds.
    private let clock: @Sendable () -> UInt64

    /// Creates a cache whose entries cost `cost` each, at most `maximumCost` in all.
    public init(maximumCost: Int, lifetimeSeconds: Double, cost: @escaping @Sendable (Value) -> Int,
                clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.maximumCost = maximumCost
        self.lifetime = UInt64(lifetimeSeconds * 1e9)
        self.cost = cost
        self.clock = clock
    }

    /// The cached value for `key` in `epoch`, building and storing it when absent or expired.
    public func value(_ key: String, epoch: String = "", build: () throws -> Value?) rethrows -> Value? {
        try values([key], epoch: epoch) { keys in try build().map { [keys[0]: $0] } ?? [:] }.first
    }

    /// The values of `keys` in order for `epoch`; `load` builds those not cached (keyed like
    /// them; a key it leaves out is left out of the answer too).
    public func values(_ keys: [String], epoch: String = "", load: ([String]) throws -> [String: Value]) rethrows -> [Value] {
        let now = clock()
        var found: [String: Value] = [:]
        var missing: [String] = []
        lock.withLock {
            if self.epoch != epoch { removeAll(); self.epoch = epoch }
            for key in keys {
                // An entry stored by another thread after `now` was read is fresh (compared by
                // addition, since `now - created` would underflow).
                if let entry = entries[key], now < entry.created + lifetime { found[key] = entry.value } else { missing.append(key) }
            }
        }
        if !missing.isEmpty {
            let loaded = try load(missing)
            lock.withLock {
                guard self.epoch == epoch else { return }
                for (key, value) in loaded {
                    let size = cost(value)
                    if total + size > maximumCost { removeAll() }
                    if let old = entries.updateValue((value, now), forKey: key) { total -= cost(old.value) }
                    total += size
                }
            }
            found.merge(loaded) { _, new in new }
        }
        return keys.compactMap { found[$0] }
    }

    /// Forgets everything.
    public func clear() {
        lock.withLock { removeAll() }
    }

    /// Call with the lock held.
    private func removeAll() {
        entries.removeAll(keepingCapacity: true)
        total = 0
    }
}

/// Encoded JSON of directory objects, bounded in bytes.
public typealias JSONCache = ExpiringCache<[UInt8]>

extension ExpiringCache where Value == [UInt8] {
    /// A cache of at most `maximumBytes` of JSON.
    public convenience init(maximumBytes: Int = 24 << 20, lifetimeSeconds: Double = 10,
                            clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.init(maximumCost: maximumBytes, lifetimeSeconds: lifetimeSeconds, cost: { $0.count }, clock: clock)
    }
}

/// The results page's result lines of public services, keyed by service id.
public typealias ResultLineCache = ExpiringCache<TemplateValue>

extension ExpiringCache where Value == TemplateValue {
    /// A cache of at most `maximumCount` lines.
    public convenience init(maximumCount: Int = 4096, lifetimeSeconds: Double = 10,
                            clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.init(maximumCost: maximumCount, lifetimeSeconds: lifetimeSeconds, cost: { _ in 1 }, clock: clock)
    }

    /// The lines of `ids` in order for the Berlin date `day` (see `values`).
    public func lines(_ ids: [String], day: String, load: ([String]) throws -> [String: TemplateValue]) rethrows -> [TemplateValue] {
        try values(ids, epoch: day, load: load)
    }
}

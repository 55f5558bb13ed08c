// JSONCache: encoded JSON of directory objects, kept until the directory changes (cleared on
// every commit of this process) or for a few seconds (changes by other processes, e.g. a CLI
// import, show up after `lifetime`). Bounded in bytes.
import Dispatch
import Foundation

/// A byte-bounded cache of encoded JSON keyed by strings.
public final class JSONCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (bytes: [UInt8], created: UInt64)] = [:]
    private var size = 0
    /// Upper bound of cached bytes; the cache is emptied when it would be exceeded.
    public let maximumBytes: Int
    /// How long an entry is trusted, in nanoseconds.
    public let lifetime: UInt64
    /// Monotonic nanoseconds.
    private let clock: @Sendable () -> UInt64

    /// Creates a cache.
    public init(maximumBytes: Int = 24 << 20, lifetimeSeconds: Double = 10,
                clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.maximumBytes = maximumBytes
        self.lifetime = UInt64(lifetimeSeconds * 1e9)
        self.clock = clock
    }

    /// The cached bytes for `key`, building and storing them when absent or expired.
    public func value(_ key: String, build: () throws -> [UInt8]?) rethrows -> [UInt8]? {
        let now = clock()
        // Another thread may have stored the entry after `now` was read: such an entry is fresh
        // (comparing by addition, since `now - created` would underflow).
        if let entry = lock.withLock({ entries[key] }), now < entry.created + lifetime { return entry.bytes }
        guard let bytes = try build() else { return nil }
        lock.withLock {
            if size + bytes.count > maximumBytes {
                entries.removeAll(keepingCapacity: true)
                size = 0
            }
            if let old = entries.updateValue((bytes, now), forKey: key) { size -= old.bytes.count }
            size += bytes.count
        }
        return bytes
    }

    /// Forgets everything.
    public func clear() {
        lock.withLock {
            entries.removeAll(keepingCapacity: true)
            size = 0
        }
    }
}

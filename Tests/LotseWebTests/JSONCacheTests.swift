// JSONCache: entries expire after their lifetime, an entry stored by another thread after this
// one read the clock counts as fresh (this once trapped on unsigned underflow under load), and
// the byte bound empties the cache instead of growing past it.
import Foundation
import LotseWeb
import Testing

/// A monotonic clock the cache tests set by hand (also used by `ResultLineCacheTests`).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: UInt64 = 0
    var now: UInt64 {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

@Suite struct JSONCacheTests {

    @Test func entriesExpireAfterTheirLifetime() {
        let clock = ManualClock()
        let cache = JSONCache(lifetimeSeconds: 1, clock: { clock.now })
        var builds = 0
        let build = { () -> [UInt8]? in builds += 1; return Array("{\"n\":\(builds)}".utf8) }
        clock.now = 5_000_000_000
        #expect(cache.value("a", build: build) == Array("{\"n\":1}".utf8))
        clock.now += 999_999_999
        #expect(cache.value("a", build: build) == Array("{\"n\":1}".utf8))
        clock.now += 1
        #expect(cache.value("a", build: build) == Array("{\"n\":2}".utf8))
        #expect(builds == 2)
    }

    @Test func anEntryNewerThanTheCallersClockIsFresh() {
        let clock = ManualClock()
        let cache = JSONCache(lifetimeSeconds: 1, clock: { clock.now })
        clock.now = 2_000_000_000
        _ = cache.value("a") { Array("new".utf8) }
        clock.now = 1_000_000_000   // a request that read the clock before the entry was stored
        #expect(cache.value("a") { Array("rebuilt".utf8) } == Array("new".utf8))
    }

    @Test func theByteBoundEmptiesTheCache() {
        let cache = JSONCache(maximumBytes: 10)
        _ = cache.value("a") { Array(repeating: 1, count: 6) }
        _ = cache.value("b") { Array(repeating: 2, count: 6) }   // 12 > 10: "a" goes
        #expect(cache.value("a") { [9] } == [9])                 // rebuilt: it was dropped
        #expect(cache.value("b") { [9] } == Array(repeating: 2, count: 6))   // kept: 6 + 1 bytes fit
    }
}

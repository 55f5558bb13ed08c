// ResultLineCache: cached lines answer without loading, missing ones are loaded once and
// merged in the order asked for, lines expire after their lifetime, a new Berlin day and
// `clear` (every commit) empty the cache, and the count bound empties instead of growing.
import Foundation
import LotseWeb
import Templating
import Testing

@Suite struct ResultLineCacheTests {
    /// A loader that records what it was asked for and names each line after its id and call.
    final class Loader {
        var calls: [[String]] = []
        func load(_ ids: [String]) -> [String: TemplateValue] {
            calls.append(ids)
            return Dictionary(uniqueKeysWithValues: ids.filter { $0 != "hidden" }.map { ($0, TemplateValue.string("\($0)#\(calls.count)")) })
        }
    }

    @Test func cachedLinesAreNotLoadedAgain() {
        let clock = ManualClock()
        let cache = ResultLineCache(lifetimeSeconds: 10, clock: { clock.now })
        let loader = Loader()
        #expect(cache.lines(["a", "b"], day: "2026-11-18", load: loader.load) == [.string("a#1"), .string("b#1")])
        #expect(cache.lines(["c", "a", "hidden", "b"], day: "2026-11-18", load: loader.load)
                == [.string("c#2"), .string("a#1"), .string("b#1")])
        #expect(loader.calls == [["a", "b"], ["c", "hidden"]])
    }

    @Test func linesExpireAndAreForgottenOnANewDayAndOnClear() {
        let clock = ManualClock()
        let cache = ResultLineCache(lifetimeSeconds: 1, clock: { clock.now })
        let loader = Loader()
        _ = cache.lines(["a"], day: "2026-11-18", load: loader.load)
        clock.now += 999_999_999
        #expect(cache.lines(["a"], day: "2026-11-18", load: loader.load) == [.string("a#1")])
        clock.now += 1
        #expect(cache.lines(["a"], day: "2026-11-18", load: loader.load) == [.string("a#2")])
        #expect(cache.lines(["a"], day: "2026-11-19", load: loader.load) == [.string("a#3")])
        cache.clear()
        #expect(cache.lines(["a"], day: "2026-11-19", load: loader.load) == [.string("a#4")])
    }

    @Test func theCountBoundEmptiesTheCache() {
        let cache = ResultLineCache(maximumCount: 3)
        let loader = Loader()
        _ = cache.lines(["a", "b", "c"], day: "d", load: loader.load)
        _ = cache.lines(["d"], day: "d", load: loader.load)   // would be 4: emptied first, then d
        #expect(cache.lines(["d", "a"], day: "d", load: loader.load) == [.string("d#2"), .string("a#3")])
        #expect(loader.calls.last == ["a"])
    }
}

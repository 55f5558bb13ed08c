// Facet counting: Sozialraum counts read in place equal the area filter's, and the facet
// groups kept per query answer as a fresh count does — for another minute ("open now"
// changes), another page of the same query (the same groups) and a new snapshot.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchFacetTests {
    private func directory() throws -> Fixture {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        _ = try fixture.service("Treff Johannstadt", organization: org, area: "dd-jo", terms: ["n-sch"],
                                schedule: ("WE", "09:00", "12:00"))
        _ = try fixture.service("Treff Gruna", organization: org, area: "dd-gr", terms: ["n-suc"], coverage: ["dd-alt"])
        _ = try fixture.service("Beratung Dresden", organization: org, terms: ["n-sch"], coverage: ["dd"])
        _ = try fixture.service("Pflege Striesen", organization: org, area: "dd-st", terms: ["n-tag"])
        return fixture
    }

    @Test func areaCountsReadInPlaceEqualTheAreaFilter() throws {
        let fixture = try directory()
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        let some = Bitset(count: index.count, members: [0, 2])
        var checked = 0
        for node in 0..<index.areas.codes.count {
            for scope in [index.all, some, Bitset(count: index.count)] {
                #expect(index.areaCount(node, within: scope) == scope.intersectionCount(index.areaFilter(node)), "\(index.areas.codes[node])")
            }
            if index.areaFilter(node).cardinality > 0 { checked += 1 }
        }
        #expect(checked >= 5)
    }

    @Test func keptFacetsAnswerLikeAFreshCount() throws {
        let fixture = try directory()
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        var query = SearchQuery(text: "treff")
        query.needs = ["beratung"]
        let first = try index.search(query, facets: true, now: Fixture.now).facets
        query.offset = 20
        let again = try index.search(query, facets: true, now: Fixture.now).facets
        let fresh = index.countFacets(query, filters: try index.filterBits(query, terms: SearchTerms.parse(query.text), now: Fixture.now),
                                      now: Fixture.now)
        #expect(first == fresh && again == fresh)
        #expect(index.facetCache.withLock { $0.count } == 1)
        #expect(fresh.first { $0.name == "sozialraum" }?.values.contains { $0.code == "dresden" && $0.count == 2 } == true)
    }

    @Test func openNowIsCountedForTheMinuteOfTheRequest() throws {
        let fixture = try directory()
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        func openCount(_ now: Date) throws -> Int? {
            try index.search(SearchQuery(), facets: true, now: now).facets.first { $0.name == "openNow" }?.values.first?.count
        }
        #expect(try openCount(Fixture.now) == 1)                          // Wednesday 10:30 in Berlin
        #expect(try openCount(Fixture.now.addingTimeInterval(7200)) == nil) // 12:30: closed, no value
        #expect(try openCount(Fixture.now.addingTimeInterval(20)) == 1)
        #expect(SearchIndex.FacetKey(SearchQuery(), now: Fixture.now) == SearchIndex.FacetKey(SearchQuery(), now: Fixture.now.addingTimeInterval(20)))
        #expect(SearchIndex.FacetKey(SearchQuery(), now: Fixture.now) != SearchIndex.FacetKey(SearchQuery(), now: Fixture.now.addingTimeInterval(60)))
        var fixed = SearchQuery()
        fixed.openAt = Fixture.now
        #expect(SearchIndex.FacetKey(fixed, now: Fixture.now) == SearchIndex.FacetKey(fixed, now: Fixture.now.addingTimeInterval(3600)))
    }

    @Test func theCacheIsBounded() throws {
        let fixture = try directory()
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        for number in 0...SearchIndex.facetCacheLimit {
            _ = try index.search(SearchQuery(text: "treff \(number)"), facets: true, now: Fixture.now)
        }
        #expect(index.facetCache.withLock { $0.count } == 1)
        index.clearCache()
        #expect(index.facetCache.withLock { $0.count } == 0)
    }

    @Test func depthsAreKeptWithTheSnapshot() throws {
        let fixture = try directory()
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        #expect(index.depthCache.withLock { $0 } == nil)
        let depths = index.facetDepths()
        #expect(depths["dresden-johannstadt"] == 2 && depths["dresden"] == 0)
        #expect(index.depthCache.withLock { $0 } == depths)
        #expect(index.facetDepths() == depths)
    }
}

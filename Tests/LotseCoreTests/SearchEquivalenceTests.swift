// Property test: on a generated directory, random mixes of text, filters, anchors and paging
// give consistent answers — a page is the slice of the full ranking, a filter only removes
// services, every listed service is found by its own name, and the same query gives the same
// answer from an index built again (the build is deterministic).
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchEquivalenceTests {
    @Test func randomQueriesGiveConsistentAnswers() throws {
        let fixture = try Fixture()
        try fixture.store.pool.write { db in _ = try SyntheticDirectory(services: 600, seed: 7).generate(into: db) }
        let words = try fixture.store.pool.read { db in
            try db.query("SELECT name FROM search_document ORDER BY rowid LIMIT 200") { $0.string(0) }
        }.flatMap { $0.split(separator: " ").map(String.init) }
        let areas = ["dresden", "dresden-altstadt", "dresden-johannstadt", "dresden-gruna", "bremen", "bremen-ostertor"]
        var random = SeededRandom(seed: 99)
        let (index, now) = try fixture.store.pool.read { (try SearchIndex.build($0, now: Fixture.now), Fixture.now) }
        let rebuilt = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        var nonEmpty = 0
        for _ in 0..<300 {
            var query = SearchQuery(limit: random.int(1...30))
            query.offset = random.chance(0.3) ? random.int(0...40) : 0
            if random.chance(0.7) {
                var terms: [String] = []
                for _ in 0..<random.int(1...2) {
                    let word = random.pick(words)
                    let start = random.int(0...max(0, word.count - 3))
                    let length = random.int(1...max(1, word.count - start))
                    terms.append(String(Array(word)[start..<(start + length)]))
                }
                query.text = terms.joined(separator: " ")
            }
            if random.chance(0.3) { query.needs = [random.pick(["beratung", "pflege", "alltag.mittagstisch", "beratung.sucht"])] }
            if random.chance(0.2) { query.targetGroups = [random.pick(["senioren", "familien"])] }
            if random.chance(0.3) { query.sozialraum = random.pick(areas) }
            if random.chance(0.3) { query.near = random.pick(areas) }
            if random.chance(0.15) { query.accessibility = random.chance(0.5) ? ["aufzug"] : ["aufzug", "barrierefreies-wc"] }
            if random.chance(0.15) { query.languages = [random.pick(["tr", "ar", "de"])] }
            if random.chance(0.15) { query.capacity = [random.pick(CapacityStatus.allCases)] }
            if random.chance(0.1) { query.organizationKinds = [random.pick(OrganizationKind.allCases)] }
            if random.chance(0.1) { query.legalBases = [random.pick(["sgb-xi", "kostenfrei"])] }
            if random.chance(0.1) { query.openAt = now.addingTimeInterval(Double(random.int(0...7 * 24)) * 3600) }
            let result = try index.search(query, now: now)
            var everything = query
            everything.offset = 0
            everything.limit = 10_000
            let full = try index.search(everything, now: now)
            #expect(full.total == result.total && full.serviceIDs.count == full.total, "total differs for \(query)")
            let slice = Array(full.serviceIDs.dropFirst(query.offset).prefix(query.limit))
            #expect(result.serviceIDs == slice, "page is not the slice of the ranking for \(query)")
            var unfiltered = SearchQuery(text: query.text, limit: 10_000)
            unfiltered.near = query.near
            let wider = Set(try index.search(unfiltered, now: now).serviceIDs)
            #expect(Set(full.serviceIDs).isSubset(of: wider), "a filter added services for \(query)")
            #expect(try rebuilt.search(query, now: now) == result, "a rebuilt index answers differently for \(query)")
            if result.total > 0 { nonEmpty += 1 }
        }
        // The generator must give the property something to compare.
        #expect(nonEmpty > 100)
    }

    @Test func everyListedServiceIsFoundByItsName() throws {
        let fixture = try Fixture()
        try fixture.store.pool.write { db in _ = try SyntheticDirectory(services: 300, seed: 3).generate(into: db) }
        try fixture.store.pool.read { db in
            let index = try SearchIndex.build(db, now: Fixture.now)
            let names = try db.query("""
                SELECT s.id, d.name FROM service s JOIN organization o ON o.id = s.organization_id
                JOIN search_document d ON d.service_id = s.id
                WHERE \(Listing.condition) ORDER BY s.rowid LIMIT 80
                """) { ($0.string(0), $0.string(1)) }
            let nameOf = Dictionary(try db.query("SELECT service_id, name FROM search_document") { ($0.string(0), $0.string(1)) },
                                    uniquingKeysWith: { first, _ in first })
            for (id, name) in names {
                let result = try index.search(SearchQuery(text: name, limit: 1000), now: Fixture.now)
                #expect(result.serviceIDs.contains(id), "\(name) (\(id)) is not found")
                // The best hit has every word of the name in its own name (services may share words).
                let best = try #require(result.serviceIDs.first.flatMap { nameOf[$0] })
                let words = Set(best.split(separator: " ").map(String.init))
                let wanted = SearchTerms.parse(name).map(\.text)
                #expect(wanted.allSatisfy { words.contains($0) }, "best hit for \(name): \(best)")
            }
        }
    }
}

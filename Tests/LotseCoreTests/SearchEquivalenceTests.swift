// Property test: on a generated directory, the in-memory index and the SQL engine return the
// same totals and the same pages for random mixes of text, filters, anchors and paging.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SearchEquivalenceTests {
    @Test func enginesAgreeOnRandomQueries() throws {
        let fixture = try Fixture()
        try fixture.store.pool.write { db in _ = try SyntheticDirectory(services: 600, seed: 7).generate(into: db) }
        let words = try fixture.store.pool.read { db in
            try db.query("SELECT name FROM search_document ORDER BY rowid LIMIT 200") { $0.string(0) }
        }.flatMap { $0.split(separator: " ").map(String.init) }
        let areas = ["dresden", "dresden-altstadt", "dresden-johannstadt", "dresden-gruna", "bremen", "bremen-ostertor"]
        var random = SeededRandom(seed: 99)
        let (index, now) = try fixture.store.pool.read { (try SearchIndex.build($0, now: Fixture.now), Fixture.now) }
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
            let sql = try fixture.store.pool.read { try SQLSearch.search(query, in: $0, now: now) }
            let memory = try index.search(query, now: now)
            #expect(sql.total == memory.total, "total differs for \(query)")
            #expect(sql.serviceIDs == memory.serviceIDs, "page differs for \(query)")
            if sql.total > 0 { nonEmpty += 1 }
        }
        // The generator must give the property something to compare.
        #expect(nonEmpty > 100)
    }
}

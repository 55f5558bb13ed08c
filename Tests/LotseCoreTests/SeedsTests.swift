// The shipped sample network loads completely, with no orphan rows, and covers what the
// sample must show (every organization kind, three cities, the special cases).
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct SeedsTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds").path

    @Test func seedsLoadWithoutOrphansAndCoverTheSample() throws {
        let fixture = try Fixture(vocabulary: false)
        let report = try SeedLoader.load(from: Self.seeds, into: fixture.store)
        #expect(report.committed && report.problemCount == 0 && report.warningCount == 0, "\(report.summary)")
        try fixture.store.pool.read { db in
            func count(_ sql: String, _ values: SQLBindable?...) throws -> Int {
                try db.query(sql, values: values) { $0.int(0) }.first ?? 0
            }
            #expect(try db.query("PRAGMA foreign_key_check") { $0.string(0) }.isEmpty)
            // Polymorphic attribute links point at existing rows.
            #expect(try count("""
                SELECT count(*) FROM attribute a WHERE NOT EXISTS (SELECT 1 FROM service WHERE id = a.link_id)
                AND NOT EXISTS (SELECT 1 FROM location WHERE id = a.link_id)
                """) == 0)
            #expect(try count("SELECT count(*) FROM organization") >= 60)
            #expect(try count("SELECT count(*) FROM service") >= 150)
            #expect(try count("SELECT count(DISTINCT kind) FROM organization") == OrganizationKind.allCases.count)
            #expect(try count("SELECT count(*) FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf'") >= 50)
            #expect(try count("SELECT count(*) FROM sozialraum WHERE parent_id = (SELECT id FROM sozialraum WHERE code = 'berlin')") == 12)
            for code in ["bremen", "berlin", "dresden", "dresden-gruna", "dresden-johannstadt-nord"] {
                #expect(try count("SELECT count(*) FROM sozialraum WHERE code = ?", code) == 1, "\(code)")
            }
            #expect(try count("SELECT count(*) FROM cooperation") >= 25)
            #expect(try count("SELECT count(*) FROM location WHERE visibility = 'internal'") >= 1)
            #expect(try count("SELECT count(*) FROM contact WHERE email NOT LIKE '%example.org'") == 0)
            #expect(try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'sample_data'") == "1")
            let documents = try count("SELECT count(*) FROM search_document")
            #expect(try documents == count("SELECT count(*) FROM service"))
        }
    }

    @Test func sampleSupportsTheDocumentedSearches() throws {
        let fixture = try Fixture(vocabulary: false)
        try SeedLoader.load(from: Self.seeds, into: fixture.store)
        #expect(try fixture.search("Schuldnerberatung").count >= 3)
        var query = SearchQuery(text: "beratung")
        query.sozialraum = "dresden"
        #expect(try fixture.search(query).count >= 5)
        // The shelter's invented street is confidential.
        #expect(try fixture.search("schutzhof").isEmpty)
    }

    @Test func facetDepthsOfTheIndexMatchTheOutline() throws {
        let fixture = try Fixture(vocabulary: false)
        try SeedLoader.load(from: Self.seeds, into: fixture.store)
        try fixture.store.pool.read { db in
            let depths = try SearchIndex.build(db).facetDepths()
            let outline = try DirectoryOutline.terms(.need, in: db) + DirectoryOutline.areas(in: db)
            #expect(outline.contains { $0.depth == 2 })
            for entry in outline { #expect(depths[entry.code] == entry.depth, "\(entry.code)") }
        }
    }
}

// The bulk refresh (FTS5 rebuilt once, its triggers dropped and restored) leaves exactly the
// index that the row-by-row trigger path builds, and the triggers work again afterwards.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct SearchDocumentsTests {
    /// The FTS5 rows matching a few folded terms, as a comparable fingerprint of the index.
    private func matches(_ db: Database) throws -> [String: [Int]] {
        var found: [String: [Int]] = [:]
        for term in ["beratung", "pflege", "strasse", "dresden", "wohnen", "schuldner"] {
            found[term] = try db.query("SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid", "\"\(term)\"") { $0.int(0) }
        }
        return found
    }

    @Test func bulkRefreshBuildsTheSameIndexAndRestoresTheTriggers() throws {
        let fixture = try Fixture(vocabulary: false)
        _ = try SeedLoader.load(from: SeedsTests.seeds, into: fixture.store)
        try fixture.store.pool.write { db in
            let before = try matches(db)
            let triggers = try db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_document' ORDER BY name") {
                $0.string(0) + $0.string(1)
            }
            #expect(triggers.count == 3)
            #expect(before.values.allSatisfy { !$0.isEmpty })

            // Every service dirty, and texts changed underneath: the rebuild must pick up the new text.
            try db.execute("UPDATE search_document SET body = ''")
            try db.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            #expect(try matches(db) != before)
            try SearchDocuments.markAll(db)
            let rewritten = try SearchDocuments.refresh(db, bulkThreshold: 1)
            #expect(rewritten == (try db.scalarInt("SELECT count(*) FROM service")))
            #expect(try matches(db) == before)
            try db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            #expect(try db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_document' ORDER BY name") {
                $0.string(0) + $0.string(1)
            } == triggers)

            // A small change afterwards goes through the restored triggers.
            try db.execute("UPDATE service SET name = 'Zwiebelkuchenberatung' WHERE rowid = (SELECT min(rowid) FROM service)")
            #expect(try SearchDocuments.refresh(db) == 1)
            #expect(try db.query("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", "\"zwiebelkuchen\"") { $0.int(0) }.count == 1)
            try db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        }
    }
}

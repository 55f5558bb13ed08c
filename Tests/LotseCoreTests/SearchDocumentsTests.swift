// Search documents after migration 013: no FTS5 index or trigger is left, every service has
// its document by field, and a single write rewrites only that service's document.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct SearchDocumentsTests {
    @Test func aMigratedDatabaseHasNoFullTextIndexOrTrigger() throws {
        let fixture = try Fixture(vocabulary: false)
        _ = try SeedLoader.load(from: SeedsTests.seeds, into: fixture.store)
        try fixture.store.pool.read { db in
            let fts = try db.query("""
                SELECT name FROM sqlite_master WHERE name LIKE 'search_fts%' OR sql LIKE '%fts5%'
                   OR (type = 'trigger' AND tbl_name = 'search_document')
                """) { $0.string(0) }
            #expect(fts.isEmpty)
            let services = try db.scalarInt("SELECT count(*) FROM service")
            #expect(try db.scalarInt("SELECT count(*) FROM search_document") == services)
            #expect(try db.scalarInt("SELECT count(*) FROM search_dirty") == 0)
        }
    }

    @Test func writingAllDocumentsGivesWhatTheMarksGive() throws {
        // The bulk path (every service, in entry order) and the marked path write the same text,
        // whether folded on the writer's thread or in the background.
        let fixture = try Fixture(vocabulary: false)
        _ = try SeedLoader.load(from: SeedsTests.seeds, into: fixture.store)
        func documents() throws -> [String] {
            try fixture.store.pool.read { db in
                try db.query("""
                    SELECT service_id || '|' || sort_key || '|' || name || '|' || terms || '|' || description || '|'
                           || organization || '|' || place || '|' || extra
                    FROM search_document ORDER BY service_id
                    """) { $0.string(0) }
            }
        }
        let marked = try documents()
        #expect(marked.count > 100)
        // The seeds fit one batch, folded on the writer's thread; batches of ten are folded in
        // the background while the next ones are read and written.
        for batch in [SearchDocuments.foldingBatch, 10] {
            let written = try fixture.store.pool.write { db in
                try db.execute("DELETE FROM search_document")
                return try SearchDocuments.refreshAll(db, foldingBatch: batch)
            }
            #expect(written == marked.count)
            #expect(try documents() == marked)
        }
    }

    @Test func theMigrationRewritesTheDocumentsOfAnOlderDatabase() throws {
        let path = NSTemporaryDirectory() + "lotse-migrate-\(UUID().uuidString).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // A database at the migration before 013, with a service and its old FTS5 document,
        // created private like Lotse creates its files (alone, this test runs before any
        // `Store.open` has restricted the umask).
        FileModes.restrictUmask()
        do {
            let db = try Database(path: path)
            let before = Migrator(Array(Schema.migrations.prefix { $0.name != "013_one_search_engine" }))
            _ = try before.migrate(db)
            try db.execute("PRAGMA application_id = \(Schema.applicationID)")
            try db.execute("""
                INSERT INTO organization(id, name, kind, membership_status, created_at, last_modified)
                VALUES ('o', 'Verein', 'traeger', 'member', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """)
            try db.execute("""
                INSERT INTO service(id, organization_id, name, description, status, capacity_status, hidden, created_at, last_modified)
                VALUES ('s', 'o', 'Schuldnerberatung', '', 'active', 'unknown', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """)
            try db.execute("INSERT INTO search_document(service_id, sort_key, name, body) VALUES ('s', 'schuldnerberatung', 'schuldnerberatung', '')")
            try db.execute("DELETE FROM search_dirty")
            #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'") == 1)
        }
        let store = try Store.open(path: path)
        #expect(store.appliedOnOpen.contains("013_one_search_engine"))
        try store.pool.read { db in
            #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_fts%' OR type = 'trigger' AND tbl_name = 'search_document'") == 0)
            #expect(try db.scalarString("SELECT name FROM search_document WHERE service_id = 's'") == "schuldnerberatung")
            let found = try SearchIndex.build(db).search(SearchQuery(text: "beratung")).serviceIDs
            #expect(found == ["s"])
        }
        try store.close()
    }

    @Test func fieldsGoToTheirColumns() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Nachbarschaftswerk")
        let service = try fixture.service("Mittagstisch", organization: org, description: "Warmes Essen", area: "dd-gr",
                                          street: "Hauptstraße 1", terms: ["n-mit"], locationTerms: ["b-auf"])
        let row = try fixture.store.pool.read { db in
            try db.query("SELECT name, terms, description, organization, place, extra FROM search_document WHERE service_id = ?", service) {
                (0..<6).map($0.string)
            }.first
        }
        let fields = try #require(row)
        #expect(fields[0] == "mittagstisch")
        #expect(fields[1].contains("mittagstisch"))
        #expect(fields[2] == "warmes essen")
        #expect(fields[3] == "nachbarschaftswerk")
        #expect(fields[4].contains("hauptstrasse") && fields[4].contains("gruna"))
        #expect(fields[5].contains("aufzug"))
    }

    @Test func aSingleWriteRewritesOneDocument() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Verein")
        for index in 0..<5 { try fixture.service("Treff \(index)", organization: org) }
        try fixture.store.pool.write { db in
            try db.execute("UPDATE service SET capacity_status = 'waitlist' WHERE name = 'Treff 3'")
            #expect(try SearchDocuments.refresh(db) == 1)
            #expect(try SearchDocuments.refresh(db) == 0)
        }
    }
}

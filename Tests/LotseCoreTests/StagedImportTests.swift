// Drills for imports on a running server: the rows are prepared on a copy while the server
// keeps writing (another Store on the same file holding the server lock, as `lotse serve` in a
// second process would), a dry run never takes the write lock, and a row the server changed
// meanwhile makes the swap start over instead of overwriting the server's change. Without a
// server the import runs in place, all or nothing, and no server can start meanwhile.
import Foundation
import Testing
@testable import LotseCore
import SQLite

@Suite(.serialized) struct StagedImportTests {
    /// Imports one organization with `services` services (ids `imp-svc-N`) through `importer`.
    static func rows(_ importer: TableImporter, services: Int, name: String = "Importiertes Angebot") throws {
        let organizations = try importer.begin(table: "organization", source: "organization.csv", columns: ["id", "name"])
        try importer.importRow(organizations, ["imp-org", "Importträger"], line: 2)
        let session = try importer.begin(table: "service", source: "service.csv", columns: ["id", "organization_id", "name"])
        for number in 0..<services {
            try importer.importRow(session, ["imp-svc-\(number)", "imp-org", "\(name) \(number)"], line: number + 2)
        }
    }

    /// A running server on the fixture's database: its own connections and the lock `lotse
    /// serve` holds.
    static func runningServer(_ fixture: Fixture) throws -> (Store, ServerLock) {
        (try Store.open(path: fixture.path), try ServerLock.forServer(databasePath: fixture.path))
    }

    func serverWrite(_ server: Store, _ name: String) throws {
        try server.pool.write { db in
            try db.execute("UPDATE organization SET name = ? WHERE id = 'org-1'", name)
            try SearchDocuments.refresh(db)
        }
    }

    @Test func theServerKeepsWritingWhileAnImportIsPrepared() throws {
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        _ = try fixture.service("Mittagstisch am Markt", organization: "org-1")
        try fixture.sql("UPDATE service SET description = 'warm und günstig' WHERE id = 'svc-2'")   // this writer used the index
        let (server, serverLock) = try Self.runningServer(fixture)
        defer { try? server.close(); serverLock.release() }
        var staged = StagedImport(store: fixture.store)
        var serverWrote = false
        let report = try staged.run(options: ImportOptions()) { importer in
            try Self.rows(importer, services: 50)
            // The import is half done: a web write must go through at once, not wait 5 s and fail.
            let started = Date()
            try serverWrite(server, "Träger eins, umbenannt")
            #expect(Date().timeIntervalSince(started) < 1)
            serverWrote = true
        }
        #expect(serverWrote && report.committed && !staged.ranInPlace)
        let (services, name, found) = try fixture.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM service WHERE id LIKE 'imp-svc-%'"),
             try db.scalarString("SELECT name FROM organization WHERE id = 'org-1'"),
             try db.scalarInt("SELECT count(*) FROM search_document WHERE service_id LIKE 'imp-svc-%'"))
        }
        #expect(services == 50)
        #expect(name == "Träger eins, umbenannt")
        #expect(found == 50)
        // Both the importing process and the server go on writing the same search texts.
        try fixture.sql("UPDATE service SET name = 'Suppenküche Nord' WHERE id = 'imp-svc-7'")
        try serverWrite(server, "Träger eins, zum zweiten Mal")
        let (dirty, renamed, reorganized) = try fixture.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM search_dirty"),
             try db.scalarInt("SELECT count(*) FROM search_document WHERE name LIKE '%suppenk%'"),
             try db.scalarInt("SELECT count(*) FROM search_document WHERE organization LIKE '%zweiten%'"))
        }
        #expect(dirty == 0 && renamed == 1 && reorganized == 1)
        #expect(staged.lastSwapSeconds < 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix((fixture.path as NSString).lastPathComponent + ".import") }
        #expect(leftovers.isEmpty)
    }

    @Test func aDryRunTakesNoWriteLock() throws {
        let fixture = try Fixture()
        let other = try Store.open(path: fixture.path)
        defer { try? other.close() }
        // Another process holds the write lock for the whole dry run.
        try other.pool.writeWithoutTransaction { try $0.executeScript("BEGIN IMMEDIATE") }
        defer { _ = try? other.pool.writeWithoutTransaction { try $0.executeScript("ROLLBACK") } }
        var staged = StagedImport(store: fixture.store)
        let started = Date()
        #expect(throws: ImportRolledBack.self) {
            _ = try staged.run(options: ImportOptions(dryRun: true)) { try Self.rows($0, services: 20) }
        }
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM service") } == 0)
    }

    @Test func aRowChangedMeanwhileIsNeverOverwritten() throws {
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        let (server, serverLock) = try Self.runningServer(fixture)
        defer { try? server.close(); serverLock.release() }
        // Every attempt conflicts: the import is refused as a whole, the server's change stays.
        var staged = StagedImport(store: fixture.store)
        staged.attempts = 2
        var runs = 0
        #expect(throws: LotseError.self) {
            _ = try staged.run(options: ImportOptions()) { importer in
                runs += 1
                let session = try importer.begin(table: "organization", source: "o.csv", columns: ["id", "name"])
                try importer.importRow(session, ["org-1", "Name aus dem Import"], line: 2)
                try importer.importRow(session, ["org-neu", "Neuer Träger"], line: 3)
                try serverWrite(server, "Name vom Webdienst \(runs)")
            }
        }
        #expect(runs == 2)
        let names = try fixture.store.pool.read { try $0.query("SELECT name FROM organization ORDER BY id") { $0.string(0) } }
        #expect(names == ["Name vom Webdienst 2"])
        // A conflict on the first attempt only: the second copy sees the change and wins.
        var second = StagedImport(store: fixture.store)
        runs = 0
        let report = try second.run(options: ImportOptions()) { importer in
            runs += 1
            let session = try importer.begin(table: "organization", source: "o.csv", columns: ["id", "name"])
            try importer.importRow(session, ["org-1", "Name aus dem Import"], line: 2)
            if runs == 1 { try serverWrite(server, "Zwischendurch geändert") }
        }
        #expect(runs == 2 && report.committed)
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT name FROM organization WHERE id = 'org-1'") } == "Name aus dem Import")
    }

    @Test func aTableFilledMeanwhileMakesTheWholeCopyStartOver() throws {
        // No services yet: the replay copies the import's services whole. The server adds one
        // meanwhile, so the first replay is refused and the second merges row by row.
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        let (server, serverLock) = try Self.runningServer(fixture)
        defer { try? server.close(); serverLock.release() }
        var staged = StagedImport(store: fixture.store)
        var runs = 0
        let report = try staged.run(options: ImportOptions()) { importer in
            runs += 1
            try Self.rows(importer, services: 30)
            if runs == 1 {
                try server.pool.write { db in
                    try db.execute("""
                        INSERT INTO service(id, organization_id, name, created_at, last_modified)
                        VALUES ('svc-web', 'org-1', 'Beratung vom Webdienst', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                        """)
                    try SearchDocuments.refresh(db)
                }
            }
        }
        #expect(runs == 2 && report.committed)
        let (ids, documents) = try fixture.store.pool.read { db in
            (try db.query("SELECT id FROM service ORDER BY rowid") { $0.string(0) },
             try db.scalarInt("SELECT count(*) FROM search_document"))
        }
        #expect(ids == ["svc-web"] + (0..<30).map { "imp-svc-\($0)" })
        #expect(documents == 31)
    }

    @Test func aReferencedRowDeletedMeanwhileIsNeverLeftDangling() throws {
        // The copied services point at an organization the server deletes meanwhile: the first
        // replay is refused, the second copy rejects the rows (unknown organization).
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        let (server, serverLock) = try Self.runningServer(fixture)
        defer { try? server.close(); serverLock.release() }
        var staged = StagedImport(store: fixture.store)
        var runs = 0
        #expect(throws: ImportRolledBack.self) {
            _ = try staged.run(options: ImportOptions()) { importer in
                runs += 1
                let session = try importer.begin(table: "service", source: "service.csv", columns: ["id", "organization_id", "name"])
                for number in 0..<10 {
                    try importer.importRow(session, ["imp-svc-\(number)", "org-1", "Angebot \(number)"], line: number + 2)
                }
                if runs == 1 { try server.pool.write { try $0.execute("DELETE FROM organization WHERE id = 'org-1'") } }
            }
        }
        #expect(runs == 2)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM service") } == 0)
    }

    @Test(arguments: [false, true]) func aBulkImportKeepsTheSchemaAndEveryIndex(serverRunning: Bool) throws {
        // Plain indexes are dropped during a bulk load (on the copy and in the replay, or in
        // place) and rebuilt: afterwards the schema is what it was and every index is consistent.
        let fixture = try Fixture()
        let serverLock = serverRunning ? try ServerLock.forServer(databasePath: fixture.path) : nil
        defer { serverLock?.release() }
        func schema() throws -> [String] {
            try fixture.store.pool.read { db in
                try db.query("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name") { $0.string(0) }
            }
        }
        let before = try schema()
        var staged = StagedImport(store: fixture.store)
        let report = try staged.run(options: ImportOptions()) { try Self.rows($0, services: 40) }
        #expect(report.committed && staged.ranInPlace == !serverRunning)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM search_document") } == 40)
        #expect(try schema() == before)
        #expect(try fixture.store.pool.read { try $0.scalarString("PRAGMA integrity_check") } == "ok")
        let plan = try fixture.store.pool.read { db in
            try db.query("EXPLAIN QUERY PLAN SELECT id FROM service WHERE organization_id = 'imp-org'") { $0.string(3) }
        }
        #expect(plan.contains { $0.contains("INDEX service_organization") })
    }

    @Test func withoutAServerTheImportRunsInPlaceAndNoServerStartsMeanwhile() throws {
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        var staged = StagedImport(store: fixture.store)
        var serverRefused = false
        let report = try staged.run(options: ImportOptions()) { importer in
            try Self.rows(importer, services: 25)
            // Halfway: `lotse serve` refuses to start, a restore too.
            do { _ = try ServerLock.forServer(databasePath: fixture.path) } catch let error as LotseError {
                serverRefused = error.message.contains("importiert")
            }
            #expect(ServerLock.ifUnused(databasePath: fixture.path) == nil)
            // No copy: the rows go into the database itself.
            #expect(!FileManager.default.fileExists(atPath: fixture.path + ".import-\(getpid())"))
            #expect(throws: LotseError.self) { _ = try ServerLock.forRestore(databasePath: fixture.path) }
        }
        #expect(serverRefused && report.committed && staged.ranInPlace && staged.lastSwapSeconds == 0)
        let (services, documents, dirty) = try fixture.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM service WHERE id LIKE 'imp-svc-%'"),
             try db.scalarInt("SELECT count(*) FROM search_document WHERE service_id LIKE 'imp-svc-%'"),
             try db.scalarInt("SELECT count(*) FROM search_dirty"))
        }
        #expect(services == 25 && documents == 25 && dirty == 0)
        // The lock is free again: a server starts.
        #expect(try ServerLock.forServer(databasePath: fixture.path).path.hasSuffix(".lock"))
    }

    @Test func anImportInPlaceIsAllOrNothing() throws {
        let fixture = try Fixture()
        _ = try fixture.organization("Träger eins")
        var staged = StagedImport(store: fixture.store)
        // A rejected row rolls back every row before it.
        #expect(throws: ImportRolledBack.self) {
            _ = try staged.run(options: ImportOptions()) { importer in
                try Self.rows(importer, services: 10)
                let session = try importer.begin(table: "service", source: "service.csv", columns: ["id", "organization_id", "name"])
                try importer.importRow(session, ["imp-kaputt", "gibt-es-nicht", "Angebot ohne Träger"], line: 99)
            }
        }
        #expect(staged.ranInPlace)
        // So does an error of the reader halfway.
        struct ReaderFailed: Error {}
        #expect(throws: ReaderFailed.self) {
            _ = try staged.run(options: ImportOptions()) { importer in
                try Self.rows(importer, services: 10)
                throw ReaderFailed()
            }
        }
        let (services, organizations, lockFree) = try fixture.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM service"),
             try db.query("SELECT id FROM organization ORDER BY id") { $0.string(0) },
             ServerLock.ifUnused(databasePath: fixture.path) != nil)
        }
        #expect(services == 0 && organizations == ["org-1"] && lockFree)
    }

    @Test func everyRecordedTableHasAPrimaryKey() throws {
        // The session extension silently skips tables without a primary key: none may exist.
        let fixture = try Fixture(vocabulary: false)
        let tables = try fixture.store.pool.read { db in
            try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name") { $0.string(0) }
        }.filter(StagedImport.isRecorded)
        #expect(tables.count > 20)
        for table in tables {
            let keyed = try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM pragma_table_info(?) WHERE pk > 0", table) } ?? 0
            #expect(keyed > 0, "\(table) has no primary key")
        }
    }
}

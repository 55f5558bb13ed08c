// BackupRestoreTests: `lotse backup` copies a live database (0600, consistent, while another
// connection writes); `lotse restore` refuses foreign, corrupt, newer and tampered files and a
// database held by a running server, without changing anything, and keeps the old file aside.
import Foundation
import Testing
@testable import LotseCore
import SQLite

@Suite struct BackupRestoreTests {
    /// A private temporary directory, removed at the end.
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "lotse-backup-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    }

    /// A Lotse database at `path` with one organization and two audit rows; closed again.
    static func makeDatabase(at path: String, organization: String = "Tafel Johannstadt") throws {
        let store = try Store.open(path: path)
        try store.pool.write { db in
            try db.execute("INSERT INTO organization(id, name, created_at, last_modified) VALUES (?, ?, '2026-01-01', '2026-01-01')", UUID().uuidString, organization)
            let log = AuditLog(db: db)
            try log.append(.read, accountID: nil, role: "koordination", organizationID: nil, referralID: nil, what: "Test", purpose: "Test")
            try log.append(.change, accountID: nil, role: "koordination", organizationID: nil, referralID: nil, what: "Test", purpose: "Test")
        }
        try store.close()
    }

    static func organizations(at path: String) throws -> [String] {
        let db = try Database(path: path, mode: .readOnly)
        defer { db.close() }
        return try db.query("SELECT name FROM organization ORDER BY name") { $0.string(0) }
    }

    static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    // MARK: - Backup

    @Test func backupIsAPrivateConsistentCopyOfALiveDatabase() throws {
        let folder = try Folder()
        let database = folder.file("lotse.db"), out = folder.file("sicherung.db")
        try Self.makeDatabase(at: database)
        // A server keeps the database open and writes, uncheckpointed, into the WAL.
        let live = try Store.open(path: database)
        try live.pool.write { try $0.execute("INSERT INTO organization(id, name, created_at, last_modified) VALUES ('o-live', 'Nur im WAL', '2026-01-01', '2026-01-01')") }
        var steps = 0
        let report = try DatabaseBackup.run(databasePath: database, to: out) { _, _ in steps += 1 }
        try live.pool.write { try $0.execute("INSERT INTO organization(id, name, created_at, last_modified) VALUES ('o-after', 'Nach der Sicherung', '2026-01-01', '2026-01-01')") }
        try live.close()
        #expect(!FileManager.default.fileExists(atPath: out + "-wal") && !FileManager.default.fileExists(atPath: out + "-journal"))
        #expect(try Self.mode(out) == 0o600)
        #expect(report.bytes == Self.bytes(out).count && report.pages > 0 && steps > 0)
        #expect(try Self.organizations(at: out) == ["Nur im WAL", "Tafel Johannstadt"])
        #expect(try DatabaseRestore.check(file: out).auditRows == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func backupRefusesToOverwriteWithoutForce() throws {
        let folder = try Folder()
        let database = folder.file("lotse.db"), out = folder.file("sicherung.db")
        try Self.makeDatabase(at: database)
        try Data("alt".utf8).write(to: URL(fileURLWithPath: out))
        let error = #expect(throws: LotseError.self) { _ = try DatabaseBackup.run(databasePath: database, to: out) }
        #expect(error?.kind == .conflict)
        #expect(Self.bytes(out) == Data("alt".utf8))
        _ = try DatabaseBackup.run(databasePath: database, to: out, overwrite: true)
        #expect(try Self.organizations(at: out) == ["Tafel Johannstadt"])
        #expect(try Self.mode(out) == 0o600)
    }

    // MARK: - Restore

    @Test func restoreReplacesTheDatabaseAndKeepsTheOldOneAsideWithItsWAL() throws {
        let folder = try Folder()
        let database = folder.file("lotse.db"), out = folder.file("sicherung.db")
        try Self.makeDatabase(at: database)
        _ = try DatabaseBackup.run(databasePath: database, to: out)
        // After the backup: a write that only lives in the old database's WAL (a crashed server).
        let later = try Store.open(path: database)
        try later.pool.write { try $0.execute("INSERT INTO organization(id, name, created_at, last_modified) VALUES ('o-later', 'Später', '2026-01-01', '2026-01-01')") }
        let report = try DatabaseRestore.run(file: out, databasePath: database)
        _ = later   // still open: its WAL must travel with the old file, not stay for the new one
        #expect(try Self.organizations(at: database) == ["Tafel Johannstadt"])
        let aside = try #require(report.keptAside)
        #expect(aside.hasPrefix(database + ".before-restore-"))
        #expect(try Self.organizations(at: aside) == ["Später", "Tafel Johannstadt"])
        #expect(report.check.auditRows == 2)
        #expect(try Self.mode(database) == 0o600)
        let reopened = try Store.open(path: database, create: false)
        #expect(try reopened.pool.read { try AuditLog(db: $0).verify() } == .intact(rows: 2))
        try reopened.close()
    }

    @Test func restoreOntoAMissingDatabaseCreatesIt() throws {
        let folder = try Folder()
        let database = folder.file("lotse.db"), out = folder.file("sicherung.db")
        try Self.makeDatabase(at: out)
        let report = try DatabaseRestore.run(file: out, databasePath: database)
        #expect(report.keptAside == nil)
        #expect(try Self.organizations(at: database) == ["Tafel Johannstadt"])
    }

    /// Restores `file` over a database and expects a refusal that leaves the database untouched.
    static func expectRefusal(_ prepare: (_ file: String) throws -> Void, kind: LotseError.Kind = .unusableData,
                              mentioning words: [String], holdingLock: Bool = false) throws {
        let folder = try Folder()
        let database = folder.file("lotse.db"), file = folder.file("fremd.db")
        try makeDatabase(at: database, organization: "Bestand")
        try prepare(file)
        let before = bytes(database)
        let lock = holdingLock ? try ServerLock.forServer(databasePath: database) : nil
        let error = #expect(throws: LotseError.self) { _ = try DatabaseRestore.run(file: file, databasePath: database) }
        lock?.release()
        #expect(error?.kind == kind)
        for word in words { #expect(error?.message.contains(word) == true, "\(error?.message ?? "") should mention \(word)") }
        #expect(error?.message.contains("Nichts wurde verändert") == true)
        #expect(bytes(database) == before)
        #expect(try organizations(at: database) == ["Bestand"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(".") || $0.contains("before-restore") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }

    @Test func restoreRefusesAFileThatIsNotSQLite() throws {
        try Self.expectRefusal({ try Data("name;adresse\nTafel;Dresden\n".utf8).write(to: URL(fileURLWithPath: $0)) },
                               mentioning: ["keine SQLite-Datenbank"])
    }

    @Test func restoreRefusesAnSQLiteFileOfAnotherApplication() throws {
        try Self.expectRefusal({ file in
            let db = try Database(path: file)
            try db.executeScript("PRAGMA application_id = 1234; CREATE TABLE notiz(text TEXT); INSERT INTO notiz VALUES ('x');")
            db.close()
        }, mentioning: ["anderen Anwendung", "1234"])
    }

    @Test func restoreRefusesABackupFromANewerVersion() throws {
        try Self.expectRefusal({ file in
            try Self.makeDatabase(at: file)
            let db = try Database(path: file)
            try db.execute("INSERT INTO schema_migration(name, applied_at) VALUES ('999_from_the_future', '2030-01-01T00:00:00Z')")
            db.close()
        }, mentioning: ["neueren Lotse-Version", "999_from_the_future"])
    }

    @Test func restoreRefusesACorruptedFile() throws {
        try Self.expectRefusal({ file in
            try Self.makeDatabase(at: file)
            // Overwrite every page after the first with garbage: the header still says SQLite.
            var data = Self.bytes(file)
            let pageSize = 4096
            #expect(data.count > 4 * pageSize)
            for index in pageSize..<data.count { data[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
            try data.write(to: URL(fileURLWithPath: file))
        }, mentioning: ["beschädigt"])
    }

    @Test func restoreRefusesATamperedAuditChain() throws {
        try Self.expectRefusal({ file in
            try Self.makeDatabase(at: file)
            let db = try Database(path: file)
            try db.execute("UPDATE audit_log SET what = 'verändert' WHERE seq = 1")
            db.close()
        }, mentioning: ["Zugriffsprotokoll", "Laufnummer 1"])
    }

    @Test func restoreRefusesWhileAServerHoldsTheDatabase() throws {
        try Self.expectRefusal({ try Self.makeDatabase(at: $0) }, kind: .conflict,
                               mentioning: ["lotse serve", "beenden"], holdingLock: true)
    }

    @Test func aServerCannotStartDuringARestoreButAfterIt() throws {
        let folder = try Folder()
        let database = folder.file("lotse.db")
        let restoring = try ServerLock.forRestore(databasePath: database)
        let error = #expect(throws: LotseError.self) { _ = try ServerLock.forServer(databasePath: database) }
        #expect(error?.message.contains("wiederhergestellt") == true)
        restoring.release()
        let first = try ServerLock.forServer(databasePath: database)
        let second = try ServerLock.forServer(databasePath: database)   // two servers may share a database
        #expect(try Self.mode(ServerLock.lockPath(forDatabase: database)) == 0o600)
        first.release(); second.release()
    }

    @Test func checkOnlyChangesNothing() throws {
        let folder = try Folder()
        let out = folder.file("sicherung.db")
        try Self.makeDatabase(at: out)
        let before = Self.bytes(out)
        let check = try DatabaseRestore.check(file: out)
        #expect(check.auditRows == 2 && check.migrations == Schema.migrations.count && check.applied.isEmpty)
        #expect(Self.bytes(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [KeyRing.fileName, "sicherung.db"])
    }

    // MARK: - Checkpoints

    @Test func checkpointPolicyReadsLOTSE_LITESTREAM() throws {
        #expect(try CheckpointPolicy(environment: [:]) == .lotse)
        #expect(try CheckpointPolicy(environment: ["LOTSE_LITESTREAM": "1"]) == .litestream)
        #expect(throws: LotseError.self) { _ = try CheckpointPolicy(environment: ["LOTSE_LITESTREAM": "vielleicht"]) }
    }

    @Test func aCleanStopLeavesNoWALUnlessLitestreamIsInCharge() throws {
        let folder = try Folder()
        for policy in [CheckpointPolicy.lotse, .litestream] {
            let database = folder.file("\(policy).db")
            let store = try Store.open(path: database)
            try policy.apply(to: store)
            try store.pool.write { try $0.execute("INSERT INTO organization(id, name, created_at, last_modified) VALUES ('o1', 'Im WAL', '2026-01-01', '2026-01-01')") }
            #expect(Self.bytes(database + "-wal").count > 0)
            let autocheckpoint = try store.pool.writeWithoutTransaction { try $0.scalarInt("PRAGMA wal_autocheckpoint") }
            #expect(autocheckpoint == (policy == .litestream ? 0 : 1000))
            try policy.shutDown(store)
            #expect(FileManager.default.fileExists(atPath: database + "-wal") == (policy == .litestream))
            #expect(try Self.organizations(at: database) == ["Im WAL"])
        }
    }
}

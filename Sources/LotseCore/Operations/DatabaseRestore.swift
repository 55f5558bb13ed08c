// DatabaseRestore: `lotse restore` — checks a backup file thoroughly on a private copy (SQLite
// header, application id, integrity_check, a migration level no newer than this binary, the
// audit chain) and only then swaps it in for the database, keeping the old file (with its WAL)
// aside; refuses while a server holds the database (ServerLock).
import Foundation
import SQLite

/// Checks backup files and puts them in place of a database.
public enum DatabaseRestore {
    /// What the checks found in a backup file.
    public struct Check: Sendable, Equatable {
        /// Schema migrations recorded in the file.
        public let migrations: Int
        /// Migrations this binary applied to bring an older backup up to date.
        public let applied: [String]
        /// Audit log rows whose chain was verified.
        public let auditRows: Int
        /// The file's size in bytes.
        public let bytes: Int
    }

    /// What a restore did.
    public struct Report: Sendable, Equatable {
        /// The checks of the restored file.
        public let check: Check
        /// Where the previous database now lies (nil when there was none).
        public let keptAside: String?
        /// Wall-clock seconds, checks included.
        public let seconds: Double
    }

    /// Checks `file` without changing it or any database (a private copy in the temporary
    /// directory is checked and removed). The audit chain is verified with the key file in
    /// `stateDirectory` (that of the installation the backup belongs to; default: the one the
    /// backup file itself would use).
    public static func check(file: String, stateDirectory: String? = nil) throws -> Check {
        try checkHeader(file)
        let staging = (NSTemporaryDirectory() as NSString).appendingPathComponent("lotse-check-\(getpid())-\(UUID().uuidString).db")
        defer { FileOps.removeDatabaseFiles(staging) }
        try FileOps.copyPrivately(file, to: staging)
        return try verify(staging: staging, named: file, stateDirectory: stateDirectory ?? KeyRing.stateDirectory(forDatabase: file))
    }

    /// Replaces the database at `databasePath` with the backup `file`, after every check has
    /// passed and while no server holds the database. The old database (and its WAL) is renamed
    /// to `<database>.before-restore-<time>`; nothing is deleted. The backup's audit chain is
    /// verified with the installation's key file (the state directory of `databasePath`); the
    /// audit checkpoints of the replaced database witness a head the backup cannot have, so they
    /// are kept aside the same way, and the next `serve` or `lotse audit checkpoint` starts anew.
    public static func run(file: String, databasePath: String, now: Date = Date()) throws -> Report {
        let started = Date()
        try checkHeader(file)
        let directory = FileOps.directory(of: databasePath)
        guard FileOps.isDirectory(directory) else {
            throw LotseError(.invalidInput, "Verzeichnis \(directory) für die Datenbank gibt es nicht. Nichts wurde verändert.")
        }
        let lock = try ServerLock.forRestore(databasePath: databasePath)
        defer { lock.release() }
        let staging = FileOps.sibling(of: databasePath, suffix: "restore-\(getpid())")
        FileOps.removeDatabaseFiles(staging)
        let check: Check
        do {
            try FileOps.copyPrivately(file, to: staging)
            check = try verify(staging: staging, named: file, stateDirectory: KeyRing.stateDirectory(forDatabase: databasePath))
        } catch {
            FileOps.removeDatabaseFiles(staging)
            throw error
        }
        var keptAside: String?
        if FileOps.exists(databasePath) {
            var aside = databasePath + ".before-restore-" + stamp(now)
            var attempt = 1
            while FileOps.exists(aside) || FileOps.exists(aside + "-wal") {
                attempt += 1
                aside = databasePath + ".before-restore-" + stamp(now) + "-\(attempt)"
            }
            try FileOps.rename(databasePath, to: aside)
            if FileOps.exists(databasePath + "-wal") { try FileOps.rename(databasePath + "-wal", to: aside + "-wal") }
            try? FileManager.default.removeItem(atPath: databasePath + "-shm")
            let checkpoints = AuditWitness.path(directory: KeyRing.stateDirectory(forDatabase: databasePath), databasePath: databasePath)
            if FileOps.exists(checkpoints) {
                try FileOps.rename(checkpoints, to: checkpoints + ".before-restore-" + stamp(now))
            }
            keptAside = aside
        }
        try FileOps.rename(staging, to: databasePath)
        FileOps.syncDirectory(directory)
        return Report(check: check, keptAside: keptAside, seconds: Date().timeIntervalSince(started))
    }

    // MARK: - Checks

    private static func checkHeader(_ file: String) throws {
        guard FileOps.exists(file) else { throw LotseError(.notFound, "Sicherungsdatei \(file) gibt es nicht.") }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw LotseError(.unusableData, "\(file) kann nicht gelesen werden (Rechte?). Nichts wurde verändert.")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw LotseError(.unusableData, "\(file) ist keine SQLite-Datenbank und damit keine Lotse-Sicherung. Nichts wurde verändert.")
        }
    }

    /// Checks the private copy `staging` of the backup `name` (messages name the backup).
    private static func verify(staging: String, named name: String, stateDirectory: String) throws -> Check {
        let migrations: Int
        do {
            let db = try Database(path: staging, mode: .readWrite)
            defer { db.close() }
            let applicationID = try db.scalarInt("PRAGMA application_id") ?? 0
            guard applicationID == Int(Schema.applicationID) else {
                throw LotseError(.unusableData, "\(name) ist eine SQLite-Datenbank einer anderen Anwendung (application_id \(applicationID)), keine Lotse-Sicherung. Nichts wurde verändert.")
            }
            let problems = try db.query("PRAGMA integrity_check(10)") { $0.string(0) }
            guard problems == ["ok"] else {
                throw LotseError(.unusableData, "\(name) ist beschädigt (integrity_check: \(problems.prefix(3).joined(separator: "; "))). Nichts wurde verändert.")
            }
            guard try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migration'") == 1 else {
                throw LotseError(.unusableData, "\(name) enthält kein Lotse-Schema (Tabelle schema_migration fehlt). Nichts wurde verändert.")
            }
            let known = Set(Schema.migrations.map(\.name))
            let recorded = try db.query("SELECT name FROM schema_migration ORDER BY rowid") { $0.string(0) }
            let unknown = recorded.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw LotseError(.unusableData, "\(name) stammt von einer neueren Lotse-Version (unbekannte Migrationen: \(unknown.joined(separator: ", "))). Erst Lotse aktualisieren, dann wiederherstellen. Nichts wurde verändert.")
            }
            migrations = recorded.count
        } catch let error as LotseError {
            throw error
        } catch {
            throw LotseError(.unusableData, "\(name) ist beschädigt oder keine Datenbank: \(error). Nichts wurde verändert.")
        }
        do {
            let store = try Store.open(path: staging, create: false, maximumReaders: 1, stateDirectory: stateDirectory)
            let verification = try store.pool.read { try AuditLog(db: $0).verify() }
            let applied = store.appliedOnOpen
            try store.close()
            switch verification {
            case .intact(let rows):
                return Check(migrations: migrations, applied: applied, auditRows: rows, bytes: FileOps.size(staging))
            case .broken(let seq, let problem):
                throw LotseError(.unusableData, "Das Zugriffsprotokoll in \(name) ist verletzt ab Laufnummer \(seq): \(problem). Nichts wurde verändert.")
            }
        } catch let error as LotseError {
            throw error
        } catch {
            throw LotseError(.unusableData, "\(name) lässt sich nicht als Lotse-Datenbank öffnen: \(error). Nichts wurde verändert.")
        }
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

// Store: opens a Lotse database safely (refusing foreign, corrupt and newer files before
// writing anything, and files others may read), loads the key file of its state directory,
// migrates it and hands out the connection pool.
import Foundation
import SQLite

/// An open Lotse database: the connection pool plus the checks that make opening safe.
public final class Store: Sendable {
    /// The database file path.
    public let path: String
    /// One writer and several readers on `path`.
    public let pool: DatabasePool
    /// Migrations applied when this store was opened (empty when the schema was current).
    public let appliedOnOpen: [String]
    /// The key file (audit key, link signing keys) in the state directory.
    public let keys: KeyRing

    private init(path: String, pool: DatabasePool, appliedOnOpen: [String], keys: KeyRing) {
        self.path = path
        self.pool = pool
        self.appliedOnOpen = appliedOnOpen
        self.keys = keys
    }

    /// What `open` does with migrations that are not applied yet.
    public enum MigrationPolicy: Sendable {
        /// Apply them (the default for every command).
        case apply
        /// Refuse to open (for read-only inspection).
        case refuse
    }

    /// Opens (and, when `create` is true, creates) the database at `path`. Refuses a file that
    /// is not SQLite, an SQLite file of another application, and a Lotse database written by
    /// a newer version, without modifying any of them; refuses a database, WAL, SHM or key
    /// file that others may read. The key file lives in `stateDirectory` (default:
    /// $LOTSE_STATE_DIR, else the database's directory) and is created on first start.
    public static func open(path: String, create: Bool = true, migrations: MigrationPolicy = .apply,
                            maximumReaders: Int = 8, stateDirectory: String? = nil) throws -> Store {
        FileModes.restrictUmask()
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw LotseError(.notFound, "Datenbank \(path) gibt es nicht. Mit `lotse init` anlegen.")
        }
        var keyringID: String?
        if exists {
            if ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue == 0 {
                FileModes.makePrivate(path)   // an empty file becomes a new database
            }
            // Before SQLite opens it (it gives a SHM it creates the database file's mode), but
            // after the header: a file that is no database at all is named as such.
            _ = try inspectHeader(path: path)
            try FileModes.requirePrivate(path, what: "Datenbank")
            keyringID = try inspect(path: path)
            for (file, what) in [(path + "-wal", "Datenbank-WAL"), (path + "-shm", "Datenbank-SHM")] {
                try FileModes.requirePrivate(file, what: what)
            }
        }
        if !exists {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                throw LotseError(.invalidInput, "Verzeichnis \(directory) für die Datenbank gibt es nicht.")
            }
            // SQLite gives the WAL and SHM the database file's mode.
            let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { Foundation.close(fd) }
        }
        let keys = try KeyRing.open(directory: stateDirectory ?? KeyRing.stateDirectory(forDatabase: path), expectedID: keyringID)
        let pool = try DatabasePool(path: path, maximumReaders: maximumReaders, prepare: { db in
            db.userInfo[KeyRing.connectionKey] = keys
            try db.createFunction("lotse_fold", argumentCount: 1) { values in
                guard case .text(let text) = values.first ?? .null else { return .null }
                return .text(TextFolding.fold(text))
            }
        })
        let applied = try pool.writeWithoutTransaction { db -> [String] in
            // The writer holds big imports in memory instead of spilling pages mid-transaction.
            try db.execute("PRAGMA cache_size = -65536")
            try db.execute("PRAGMA temp_store = MEMORY")
            if try db.scalarInt("PRAGMA application_id") == 0 {
                try db.execute("PRAGMA application_id = \(Schema.applicationID)")
            }
            let pending = try Schema.migrator.pendingMigrations(db)
            guard !pending.isEmpty else { return [] }
            guard migrations == .apply else {
                throw LotseError(.unusableData, "Die Datenbank braucht noch Migrationen (\(pending.joined(separator: ", "))). Mit `lotse migrate` anwenden.")
            }
            let applied = try Schema.migrator.migrate(db, now: { Timestamp.string(Date()) })
            // A migration may leave search documents to rewrite (013 rewrites all of them).
            try db.transaction { try SearchDocuments.refresh(db) }
            return applied
        }
        try pool.writeWithoutTransaction { db in
            try db.execute("INSERT OR IGNORE INTO lotse_meta(key, value) VALUES ('keyring_id', ?)", keys.id)
        }
        let store = Store(path: path, pool: pool, appliedOnOpen: applied, keys: keys)
        try store.watchFileIdentity()
        return store
    }

    /// Checkpoints and closes the database; the store must not be used afterwards.
    public func close() throws { try pool.close() }

    /// Checks an existing file before anything writes to it: SQLite header, application id,
    /// readable schema, no unknown (newer) migrations. Returns the id of the key file the
    /// database was written with (`lotse_meta.keyring_id`), if any.
    @discardableResult
    static func inspect(path: String) throws -> String? {
        if try inspectHeader(path: path) { return nil }   // an empty file becomes a new database
        let db: Database
        do {
            db = try Database(path: path, mode: .readOnly)
        } catch {
            throw LotseError(.unusableData, "\(path) lässt sich nicht öffnen: \(error). Nichts wurde verändert.")
        }
        do {
            let applicationID = try db.scalarInt("PRAGMA application_id") ?? 0
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0
            if applicationID != Int(Schema.applicationID) && !(applicationID == 0 && tables == 0) {
                throw LotseError(.unusableData, "\(path) ist eine SQLite-Datenbank einer anderen Anwendung (application_id \(applicationID)), keine Lotse-Datenbank. Nichts wurde verändert.")
            }
            if tables > 0 {
                let hasMigrations = try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migration'") == 1
                if hasMigrations {
                    let known = Set(Schema.migrations.map(\.name))
                    let applied = try db.query("SELECT name FROM schema_migration ORDER BY rowid") { $0.string(0) }
                    let unknown = applied.filter { !known.contains($0) }
                    if !unknown.isEmpty {
                        throw LotseError(.unusableData, "\(path) wurde von einer neueren Lotse-Version geschrieben (unbekannte Migrationen: \(unknown.joined(separator: ", "))). Bitte Lotse aktualisieren. Nichts wurde verändert.")
                    }
                }
                if try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'lotse_meta'") == 1 {
                    return try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'keyring_id'")
                }
            }
            return nil
        } catch let error as LotseError {
            throw error
        } catch {
            throw LotseError(.unusableData, "\(path) ist beschädigt oder keine Datenbank: \(error). Nichts wurde verändert.")
        }
    }

    /// Checks the SQLite header of an existing file without opening it; true when it is empty.
    static func inspectHeader(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LotseError(.unusableData, "Datenbank \(path) kann nicht gelesen werden (Rechte?).")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        if header.isEmpty { return true }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw LotseError(.unusableData, "\(path) ist keine SQLite-Datenbank (beschädigt oder eine andere Datei). Nichts wurde verändert.")
        }
        return false
    }

    /// Reads an instance setting from `lotse_meta`.
    public func setting(_ key: String) throws -> String? {
        try pool.read { try $0.scalarString("SELECT value FROM lotse_meta WHERE key = ?", key) }
    }
}

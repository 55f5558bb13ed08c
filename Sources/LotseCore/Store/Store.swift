// Store: opens a Lotse database safely (refusing foreign, corrupt and newer files before
// writing anything), migrates it and hands out the connection pool.
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

    private init(path: String, pool: DatabasePool, appliedOnOpen: [String]) {
        self.path = path
        self.pool = pool
        self.appliedOnOpen = appliedOnOpen
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
    /// a newer version, without modifying any of them.
    public static func open(path: String, create: Bool = true, migrations: MigrationPolicy = .apply,
                            maximumReaders: Int = 8) throws -> Store {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw LotseError(.notFound, "Datenbank \(path) gibt es nicht. Mit `lotse init` anlegen.")
        }
        if exists { try inspect(path: path) }
        if !exists {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                throw LotseError(.invalidInput, "Verzeichnis \(directory) für die Datenbank gibt es nicht.")
            }
        }
        let pool = try DatabasePool(path: path, maximumReaders: maximumReaders, prepare: { db in
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
        return Store(path: path, pool: pool, appliedOnOpen: applied)
    }

    /// Checkpoints and closes the database; the store must not be used afterwards.
    public func close() throws { try pool.close() }

    /// Checks an existing file before anything writes to it: SQLite header, application id,
    /// readable schema, no unknown (newer) migrations.
    static func inspect(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LotseError(.unusableData, "Datenbank \(path) kann nicht gelesen werden (Rechte?).")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        if header.isEmpty { return }   // an empty file becomes a new database
        guard header == Data("SQLite format 3\0".utf8) else {
            throw LotseError(.unusableData, "\(path) ist keine SQLite-Datenbank (beschädigt oder eine andere Datei). Nichts wurde verändert.")
        }
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
            }
        } catch let error as LotseError {
            throw error
        } catch {
            throw LotseError(.unusableData, "\(path) ist beschädigt oder keine Datenbank: \(error). Nichts wurde verändert.")
        }
    }

    /// Reads an instance setting from `lotse_meta`.
    public func setting(_ key: String) throws -> String? {
        try pool.read { try $0.scalarString("SELECT value FROM lotse_meta WHERE key = ?", key) }
    }
}

// StagedImport: a long import without a long write lock. The rows are checked and written on a
// copy of the database (the online backup of one consistent snapshot) while SQLite's session
// extension records every changed row of the tables that had rows; one short write transaction
// then copies the tables the import filled from empty whole and replays that changeset on the
// real database. A row that the running server changed in the meantime (or added to a table
// copied whole) makes the replay conflict: it is undone as a whole and the import starts again
// from a new copy.
// A dry run never reaches the real database, so it takes no write lock at all.
// When no server holds the database (ServerLock), nobody else is writing: the import then runs
// in place, in one transaction on the database itself, and holds the lock so that no server
// starts meanwhile. The copy and the swap would only have doubled the work.
import Foundation
import SQLite

/// Runs an import on a staging copy and swaps its changes in with one short transaction.
public struct StagedImport {
    /// The database imported into.
    public let store: Store
    /// How many times a replay that conflicts with concurrent changes is retried.
    public var attempts = 3

    /// An import into `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The seconds the last replay held the write lock (for reports and benchmarks; 0 for an
    /// import in place).
    public private(set) var lastSwapSeconds: Double = 0

    /// True when the last run imported in place (no server held the database).
    public private(set) var ranInPlace = false

    /// Runs `body` with a `TableImporter` — in place when no server holds the store, else on a
    /// staging copy whose changes are then (unless a dry run or rejected rows roll it back:
    /// `ImportRolledBack` as before) replayed on the store. All or nothing: the store sees the
    /// whole import at once or none of it. `cacheKilobytes` sizes the page cache of the copy
    /// and of the replay; in place, the store's writer keeps its own (64 MB).
    public mutating func run(options: ImportOptions, now: Date = Date(), cacheKilobytes: Int = 32_768,
                             _ body: (TableImporter) throws -> Void) throws -> ImportReport {
        ranInPlace = false
        lastSwapSeconds = 0
        if !options.dryRun, let exclusive = ServerLock.ifUnused(databasePath: store.path) {
            defer { exclusive.release() }
            ranInPlace = true
            return try store.pool.writeWithoutTransaction { try Self.importRows($0, options: options, now: now, body) }
        }
        for attempt in 1...max(1, attempts) {
            let staging = Staging(livePath: store.path)
            defer { staging.remove() }
            let prepared = try prepare(in: staging, options: options, now: now, cacheKilobytes: cacheKilobytes, body)
            do {
                let started = Date()
                // On a connection of its own, under the pool's writer lock: the full-text
                // index caches its structure per connection and notices a commit of another
                // connection only, so no connection that used the index may replay its rows.
                try store.pool.writeWithoutTransaction { _ in
                    let db = try Database(path: store.path, mode: .readWrite)
                    defer { db.close() }
                    try db.execute("PRAGMA cache_size = -\(cacheKilobytes)")
                    try db.execute("ATTACH DATABASE ? AS staging", staging.database)
                    try db.transaction(.immediate) {
                        // The copy ran every trigger already: its search documents and history
                        // rows are in the copied tables or the changeset. Replaying them must
                        // not run the search triggers a second time.
                        let triggers = try db.dropTriggers(like: "dirty_%") + db.dropTriggers(like: "search_document_%")
                        try db.execute("PRAGMA defer_foreign_keys = ON")
                        try Self.copyFilledTables(db, prepared.filled)
                        let before = try Dictionary(uniqueKeysWithValues: prepared.entryMarks.keys.map { ($0, try Self.lastRowID(db, $0)) })
                        try db.applyChangeset(at: staging.changes)
                        try Self.restoreEntryOrder(db, before: before, entryMarks: prepared.entryMarks)
                        if db.deferredForeignKeyViolations > 0 {
                            // A row referenced by the import was deleted here meanwhile.
                            throw ChangesetConflict(table: prepared.filled.first ?? "", reason: "foreignkey")
                        }
                        // The directory changed: the generation the copy counted up is not
                        // recorded (every directory write of the server counts it up too).
                        try db.execute("UPDATE lotse_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directory_generation'")
                        try db.restoreTriggers(triggers)
                    }
                }
                lastSwapSeconds = Date().timeIntervalSince(started)
                return prepared.report
            } catch let conflict as ChangesetConflict {
                if attempt == max(1, attempts) {
                    throw LotseError(.conflict, "Während des Imports wurden dieselben Einträge anderweitig geändert (\(conflict.table)); nichts wurde importiert. Bitte den Import wiederholen.")
                }
            }
        }
        preconditionFailure("the loop returns or throws")
    }

    /// What `prepare` leaves for the replay.
    struct Prepared {
        let report: ImportReport
        /// For each entry-ordered table the changeset replays: its last rowid on the copy
        /// before the import.
        let entryMarks: [String: Int64]
        /// Tables that were empty on the copy before the import and have rows now: the replay
        /// copies them whole (in schema order) instead of row by row from the changeset.
        let filled: [String]
    }

    /// Copies the store, imports into the copy while recording its changes, and writes them to
    /// `staging.changes`. Tables that were empty are not recorded: their rows are all new and
    /// are copied whole by the replay. Throws `ImportRolledBack` for a dry run or rejected rows.
    private func prepare(in staging: Staging, options: ImportOptions, now: Date, cacheKilobytes: Int,
                         _ body: (TableImporter) throws -> Void) throws -> Prepared {
        staging.remove()
        try store.pool.read { try $0.copy(to: staging.database) }
        let copy = try Store.open(path: staging.database, maximumReaders: 1)
        defer { try? copy.close() }
        return try copy.pool.writeWithoutTransaction { db in
            try db.execute("PRAGMA cache_size = -\(cacheKilobytes)")
            // The copy is private and thrown away unless the whole import succeeds.
            try db.execute("PRAGMA synchronous = OFF")
            let empty = Set(try Self.recordedTables(db).filter { try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM main.\($0))") == 1 })
            var entryMarks: [String: Int64] = [:]
            for table in try Self.entryOrderedTables(db) where !empty.contains(table) { entryMarks[table] = try Self.lastRowID(db, table) }
            let recorder = try ChangeRecorder(db, include: { StagedImport.isRecorded($0) && !empty.contains($0) })
            let report = try Self.importRows(db, options: options, now: now, body)
            try recorder.write(to: staging.changes)
            let filled = try Self.recordedTables(db).filter { table in
                guard empty.contains(table) else { return false }
                return try db.scalarInt("SELECT EXISTS (SELECT 1 FROM main.\(table))") == 1
            }
            return Prepared(report: report, entryMarks: entryMarks, filled: filled)
        }
    }

    /// Runs `body` and the importer's finish in one write transaction on `db` (the copy or, in
    /// place, the database itself).
    private static func importRows(_ db: Database, options: ImportOptions, now: Date,
                                   _ body: (TableImporter) throws -> Void) throws -> ImportReport {
        try db.transaction(.immediate) {
            var options = options
            // Filling an empty directory: mark and index the search once at the end.
            options.bulkLoad = try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM service)") == 1
            let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: options, now: now)
            try body(importer)
            return try importer.finish()
        }
    }

    /// The recorded tables (see `isRecorded`) in schema order, which puts referenced tables
    /// before the tables referencing them.
    static func recordedTables(_ db: Database) throws -> [String] {
        try db.query("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid") {
            $0.string(0)
        }.filter(isRecorded)
    }

    /// Copies the rows of `tables` (empty here when the copy was taken, filled on it by the
    /// import) from the attached copy, keeping their rowids and so their entry order. A table
    /// that got rows here meanwhile is a conflict. Its plain indexes are rebuilt once after the
    /// copy rather than updated per row.
    static func copyFilledTables(_ db: Database, _ tables: [String]) throws {
        for table in tables where try db.scalarInt("SELECT EXISTS (SELECT 1 FROM main.\(table))") == 1 {
            throw ChangesetConflict(table: table, reason: "conflict")
        }
        let indexes = try db.dropPlainIndexes(on: tables)
        let entryOrdered = Set(try entryOrderedTables(db))
        for table in tables {
            let columns = try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) { "\"\($0.string(0))\"" }
            let keepsRowID = entryOrdered.contains(table)
            let list = ((keepsRowID ? ["rowid"] : []) + columns).joined(separator: ", ")
            try db.execute("INSERT INTO main.\(table) (\(list)) SELECT \(list) FROM staging.\(table)\(keepsRowID ? " ORDER BY rowid" : "")")
        }
        try db.restoreIndexes(indexes)
    }

    /// The recorded tables whose rows carry their entry order only in a hidden rowid (a text
    /// primary key): a changeset replays rows in no particular order, and exports list rows as
    /// entered.
    static func entryOrderedTables(_ db: Database) throws -> [String] {
        let tables = try db.query("""
            SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
              AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name
            """) { $0.string(0) }.filter(isRecorded)
        return try tables.filter { table in
            let keys = try db.query("SELECT upper(type) FROM pragma_table_info(?) WHERE pk > 0", table) { $0.string(0) }
            return !(keys.count == 1 && keys[0] == "INTEGER")
        }
    }

    static func lastRowID(_ db: Database, _ table: String) throws -> Int64 {
        Int64(try db.scalarInt("SELECT max(rowid) FROM main.\(table)") ?? 0)
    }

    /// Gives the rows the replay created the order they have on the copy: each new row's rowid
    /// becomes its rowid there, shifted past every rowid in use (one UPDATE per table, no
    /// collisions: the targets all lie above the current new rows).
    static func restoreEntryOrder(_ db: Database, before: [String: Int64], entryMarks: [String: Int64]) throws {
        for (table, liveMark) in before {
            let created = try db.scalarInt("SELECT count(*) FROM main.\(table) WHERE rowid > ?", liveMark) ?? 0
            guard created > 1, let stagingMark = entryMarks[table] else { continue }
            let keys = try db.query("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table) { $0.string(0) }
            let match = keys.map { "s.\($0) = main.\(table).\($0)" }.joined(separator: " AND ")
            try db.execute("""
                UPDATE main.\(table) SET rowid = ?1 + (SELECT s.rowid FROM staging.\(table) s WHERE \(match)) - ?2
                WHERE rowid > ?3
                """, liveMark + Int64(created), stagingMark, liveMark)
        }
    }

    /// True for the tables whose rows the replay copies: all but SQLite's own, the search
    /// queue (empty after every transaction) and `lotse_meta`, the instance's own settings,
    /// which no import writes (its directory generation is counted up by the replay itself).
    /// The search texts (`search_document`) are written on the copy and copied like any other
    /// table.
    static func isRecorded(_ table: String) -> Bool {
        !table.hasPrefix("sqlite_") && !["search_dirty", "lotse_meta"].contains(table)
    }

    /// The staging files beside the database.
    struct Staging {
        let database: String
        let changes: String

        init(livePath: String) {
            database = livePath + ".import-\(getpid())"
            changes = database + ".changes"
        }

        func remove() {
            for file in [database, database + "-wal", database + "-shm", database + ".lotse-state", changes] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
    }
}

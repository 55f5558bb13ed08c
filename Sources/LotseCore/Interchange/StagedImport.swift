// StagedImport: a long import without a long write lock. The rows are checked and written on a
// copy of the database (the online backup of one consistent snapshot) while SQLite's session
// extension records every changed row; one short write transaction then replays that
// changeset on the real database. A row that the running server changed in the meantime makes
// the replay conflict: it is undone as a whole and the import starts again from a new copy.
// A dry run never reaches the real database, so it takes no write lock at all.
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

    /// The seconds the last replay held the write lock (for reports and benchmarks).
    public private(set) var lastSwapSeconds: Double = 0

    /// Runs `body` with a `TableImporter` on a staging copy, then (unless a dry run or
    /// rejected rows roll it back: `ImportRolledBack` as before) replays its changes on the
    /// store. All or nothing: the store sees the whole import at once or none of it.
    public mutating func run(options: ImportOptions, now: Date = Date(), cacheKilobytes: Int = 32_768,
                             _ body: (TableImporter) throws -> Void) throws -> ImportReport {
        for attempt in 1...max(1, attempts) {
            let staging = Staging(livePath: store.path)
            defer { staging.remove() }
            let report = try prepare(in: staging, options: options, now: now, cacheKilobytes: cacheKilobytes, body)
            do {
                let started = Date()
                try store.pool.write { db in
                    // The copy ran the directory's triggers already (its search documents and
                    // history rows are in the changeset); only the full-text index, which is not
                    // recorded, follows search_document through its own triggers here.
                    let triggers = try db.dropTriggers(like: "dirty_%")
                    try db.applyChangeset(at: staging.changes)
                    try db.restoreTriggers(triggers)
                }
                lastSwapSeconds = Date().timeIntervalSince(started)
                return report
            } catch let conflict as ChangesetConflict {
                if attempt == max(1, attempts) {
                    throw LotseError(.conflict, "Während des Imports wurden dieselben Einträge anderweitig geändert (\(conflict.table)); nichts wurde importiert. Bitte den Import wiederholen.")
                }
            }
        }
        preconditionFailure("the loop returns or throws")
    }

    /// Copies the store, imports into the copy while recording its changes, and writes them to
    /// `staging.changes`. Throws `ImportRolledBack` for a dry run or rejected rows.
    private func prepare(in staging: Staging, options: ImportOptions, now: Date, cacheKilobytes: Int,
                         _ body: (TableImporter) throws -> Void) throws -> ImportReport {
        staging.remove()
        try store.pool.read { try $0.copy(to: staging.database) }
        let copy = try Store.open(path: staging.database, maximumReaders: 1)
        defer { try? copy.close() }
        return try copy.pool.writeWithoutTransaction { db in
            try db.execute("PRAGMA cache_size = -\(cacheKilobytes)")
            let recorder = try ChangeRecorder(db, include: StagedImport.isRecorded)
            let report = try db.transaction(.immediate) {
                var options = options
                // Filling an empty directory: mark and index the search once at the end.
                options.bulkLoad = try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM service)") == 1
                let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: options, now: now)
                try body(importer)
                return try importer.finish()
            }
            try recorder.write(to: staging.changes)
            return report
        }
    }

    /// True for the tables whose rows the replay copies: all but SQLite's own, the full-text
    /// index's shadow tables (rebuilt by triggers from search_document) and the search queue
    /// (empty after every transaction).
    static func isRecorded(_ table: String) -> Bool {
        !table.hasPrefix("sqlite_") && !table.hasPrefix("search_fts") && table != "search_dirty"
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

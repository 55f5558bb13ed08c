// SearchIndex+Shared: the index for one-off searches outside the server's SearchService — the
// command line, referral jobs, search-scoped exports. The last index built for a database file
// is kept with the directory generation and date it was built for, and reused while they are
// unchanged (SearchService publishes its snapshots here too), so these paths rank exactly
// like the web and rarely pay for a build.
import Foundation
import SQLite
import Synchronization

extension SearchIndex {
    private struct SharedKey: Equatable {
        let path: String
        let file: Int
        let generation: Int
        let date: String
    }

    private static let shared = Mutex<(key: SharedKey, index: SearchIndex)?>(nil)

    /// The index of `db` as of this transaction (call inside one), built or reused.
    public static func current(_ db: Database, now: Date = Date()) throws -> SearchIndex {
        guard let key = try sharedKey(db, now: now) else { return try build(db, now: now) }
        if let entry = shared.withLock({ $0 }), entry.key == key { return entry.index }
        let index = try build(db, now: now)
        publish(index, path: db.path)
        return index
    }

    /// Keeps `index` (built from the file at `path`) for `current`.
    static func publish(_ index: SearchIndex, path: String) {
        guard let file = fileNumber(path) else { return }
        let key = SharedKey(path: path, file: file, generation: index.generation, date: index.builtForDate)
        shared.withLock { $0 = (key, index) }
    }

    private static func sharedKey(_ db: Database, now: Date) throws -> SharedKey? {
        guard let file = fileNumber(db.path) else { return nil }
        let generation = try directoryGeneration(db)
        return SharedKey(path: db.path, file: file, generation: generation, date: BerlinTime(now).dateString)
    }
}

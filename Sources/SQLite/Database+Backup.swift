// Database+Backup: SQLite's online backup API, copying this connection's database page by page
// into a new file while other connections and processes go on reading and writing.
import CSQLite

extension Database {
    /// Copies this connection's main database into the file at `destination` (created, or
    /// overwritten when it exists) with SQLite's online backup API, `pagesPerStep` pages at a time,
    /// calling `progress(done, total)` after each step.
    ///
    /// The copy is one consistent snapshot: the copy runs inside a read transaction on this
    /// connection, so writes committed meanwhile by other connections or processes neither restart
    /// it nor end up in it (in WAL mode they do not wait for it either). The destination is written
    /// without a journal of its own and keeps the source's journal mode in its header.
    public func backup(to destination: String, pagesPerStep: Int32 = 1024,
                       progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws {
        var target: OpaquePointer?
        let openCode = sqlite3_open_v2(destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard openCode == SQLITE_OK, let target else {
            let error = SQLiteError(connection: target, code: openCode, sql: nil)
            sqlite3_close_v2(target)
            throw error
        }
        defer { sqlite3_close_v2(target) }
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(target, "PRAGMA journal_mode = OFF", nil, nil, &message) != SQLITE_OK {
            sqlite3_free(message)
        }
        try transaction(.deferred) {
            // The read transaction starts at the first read: take the snapshot now.
            _ = try scalarInt("SELECT count(*) FROM sqlite_schema")
            guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
                throw SQLiteError(connection: target, code: sqlite3_errcode(target), sql: nil)
            }
            var code: Int32 = SQLITE_OK
            repeat {
                code = sqlite3_backup_step(backup, pagesPerStep)
                let total = Int(sqlite3_backup_pagecount(backup))
                progress(total - Int(sqlite3_backup_remaining(backup)), total)
                if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
            } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
            let finish = sqlite3_backup_finish(backup)
            guard code == SQLITE_DONE, finish == SQLITE_OK else {
                throw SQLiteError(connection: target, code: code == SQLITE_DONE ? finish : code, sql: nil)
            }
        }
    }
}

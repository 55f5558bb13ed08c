// Changeset: SQLite's session extension, so that a long write can be prepared on a copy of
// the database and replayed on the real one in one short transaction — refused as a whole
// when any row it touches was changed there in the meantime.
import CSQLite
import Foundation

/// Records the row changes made on one connection (tables with a primary key only) and writes
/// them to a changeset file.
public final class ChangeRecorder {
    private let database: Database
    private let session: OpaquePointer
    private let filter: FilterBox

    /// Starts recording every table of `database` for which `include` returns true.
    public init(_ database: Database, include: @escaping (String) -> Bool) throws(SQLiteError) {
        self.database = database
        var session: OpaquePointer?
        let code = sqlite3session_create(database.handle, "main", &session)
        guard code == SQLITE_OK, let session else { throw SQLiteError(connection: database.handle, code: code) }
        self.session = session
        filter = FilterBox(include)
        sqlite3session_table_filter(session, { context, table in
            guard let context, let table else { return 0 }
            return Unmanaged<FilterBox>.fromOpaque(context).takeUnretainedValue().include(String(cString: table)) ? 1 : 0
        }, Unmanaged.passUnretained(filter).toOpaque())
        let attached = sqlite3session_attach(session, nil)
        guard attached == SQLITE_OK else {
            sqlite3session_delete(session)
            throw SQLiteError(connection: database.handle, code: attached)
        }
    }

    deinit { sqlite3session_delete(session) }

    /// True when nothing was recorded.
    public var isEmpty: Bool { sqlite3session_isempty(session) != 0 }

    /// Writes the recorded changes to a new file at `path` (streamed, so that a large import
    /// is never held in memory as one blob).
    public func write(to path: String) throws(SQLiteError) {
        guard let file = fopen(path, "wb") else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let code = sqlite3session_changeset_strm(session, { context, data, count in
            guard count > 0 else { return SQLITE_OK }
            guard let context else { return SQLITE_MISUSE }
            let written = fwrite(data, 1, Int(count), context.assumingMemoryBound(to: FILE.self))
            return written == Int(count) ? SQLITE_OK : (errno == ENOSPC ? SQLITE_FULL : SQLITE_IOERR)
        }, UnsafeMutableRawPointer(file))
        let closed = fclose(file)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, message: "writing the changeset \(path) failed") }
        guard closed == 0 else { throw SQLiteError(code: errno == ENOSPC ? SQLITE_FULL : SQLITE_IOERR, message: "writing the changeset \(path) failed") }
    }
}

/// A changeset row that could not be applied because the target database differs from the
/// database the changes were recorded on.
public struct ChangesetConflict: Error, Sendable, CustomStringConvertible {
    /// The table of the first conflicting row.
    public let table: String
    /// What went wrong: "data" (changed meanwhile), "notfound" (deleted meanwhile), "conflict"
    /// (created meanwhile), "constraint" or "foreignkey".
    public let reason: String

    public var description: String { "changeset conflict (\(reason)) in table \(table)" }

    /// A conflict of `table` found while replaying (see `reason`).
    public init(table: String, reason: String) {
        self.table = table
        self.reason = reason
    }
}

extension Database {
    /// Applies the changeset file at `path` on this connection, all or nothing: the first
    /// conflict (a row changed, deleted or created here since the recording started, or a
    /// broken constraint) aborts, undoes everything applied so far and throws
    /// `ChangesetConflict`. Triggers run as for ordinary statements.
    public func applyChangeset(at path: String) throws {
        guard let file = fopen(path, "rb") else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let box = ConflictBox()
        let context = ApplyContext(file: file, conflicts: box)
        let code = withExtendedLifetime(context) {
            sqlite3changeset_apply_strm(handle, { context, data, count in
                guard let context, let data, let count else { return SQLITE_MISUSE }
                let apply = Unmanaged<ApplyContext>.fromOpaque(context).takeUnretainedValue()
                let read = fread(data, 1, Int(count.pointee), apply.file)
                count.pointee = Int32(read)
                return read == 0 && ferror(apply.file) != 0 ? SQLITE_IOERR : SQLITE_OK
            }, Unmanaged.passUnretained(context).toOpaque(), nil, { context, kind, iterator in
                guard let context else { return SQLITE_CHANGESET_ABORT }
                let apply = Unmanaged<ApplyContext>.fromOpaque(context).takeUnretainedValue()
                var table: UnsafePointer<CChar>?
                var columns: Int32 = 0, operation: Int32 = 0, indirect: Int32 = 0
                if let iterator { sqlite3changeset_op(iterator, &table, &columns, &operation, &indirect) }
                let reason = switch kind {
                case SQLITE_CHANGESET_DATA: "data"
                case SQLITE_CHANGESET_NOTFOUND: "notfound"
                case SQLITE_CHANGESET_CONFLICT: "conflict"
                case SQLITE_CHANGESET_CONSTRAINT: "constraint"
                default: "foreignkey"
                }
                if apply.conflicts.first == nil {
                    apply.conflicts.first = ChangesetConflict(table: table.map { String(cString: $0) } ?? "", reason: reason)
                }
                return SQLITE_CHANGESET_ABORT
            }, Unmanaged.passUnretained(context).toOpaque())
        }
        if let conflict = box.first { throw conflict }
        guard code == SQLITE_OK else { throw SQLiteError(connection: handle, code: code, sql: nil) }
    }

    /// Copies this connection's database into a new file at `path` (the online backup API),
    /// reading one consistent snapshot; writers on other connections are not blocked in WAL
    /// mode.
    public func copy(to path: String) throws {
        let target = try Database(path: path, mode: .create)
        defer { target.close() }
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(connection: target.handle, code: sqlite3_errcode(target.handle))
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else { throw SQLiteError(connection: target.handle, code: step) }
        guard finish == SQLITE_OK else { throw SQLiteError(connection: target.handle, code: finish) }
    }
}

private final class FilterBox {
    let include: (String) -> Bool
    init(_ include: @escaping (String) -> Bool) { self.include = include }
}

private final class ConflictBox {
    var first: ChangesetConflict?
}

private final class ApplyContext {
    let file: UnsafeMutablePointer<FILE>
    let conflicts: ConflictBox
    init(file: UnsafeMutablePointer<FILE>, conflicts: ConflictBox) {
        self.file = file
        self.conflicts = conflicts
    }
}

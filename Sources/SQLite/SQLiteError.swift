// SQLiteError: a failed SQLite call, carrying the result code and the SQL text but never the
// bound values (they may be personal data).
import CSQLite

/// An error reported by SQLite. `description` names the code, SQLite's message and the SQL
/// that failed; bound parameter values are never included.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...), or `code` when unknown.
    public let extendedCode: Int32
    /// SQLite's own message (`sqlite3_errmsg`), which names tables and columns, not values.
    public let message: String
    /// The SQL statement that failed, if any.
    public let sql: String?

    /// Creates an error from its parts.
    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code & 0xFF
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// Reads the last error of a connection.
    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        self.init(code: code, extendedCode: extended, message: message, sql: sql)
    }

    /// True for constraint violations (unique, foreign key, check, not null).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// True when another connection held the lock past the busy timeout (`SQLITE_BUSY`,
    /// `SQLITE_LOCKED`): nothing was written, the same call may succeed a moment later.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// True when the disk (or the database's page limit) is full (`SQLITE_FULL`): the
    /// statement failed and its transaction is rolled back.
    public var isStorageFull: Bool { code == SQLITE_FULL }

    public var description: String {
        let name = String(cString: sqlite3_errstr(extendedCode))
        var text = "SQLite error \(extendedCode) (\(name)): \(message)"
        if let sql { text += " — in: \(sql.trimmingCharacters(in: [" ", "\n", "\t"]))" }
        return text
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

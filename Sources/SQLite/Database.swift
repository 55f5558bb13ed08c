// Database: one SQLite connection, used by one thread at a time (DatabasePool hands them out).
import CSQLite

/// One SQLite connection. Not thread-safe: a connection belongs to one thread at a time, which
/// `DatabasePool` guarantees; open your own for single-threaded tools and tests.
public final class Database {
    /// How a connection opens its file.
    public enum Mode: Sendable {
        /// Read and write, creating the file if it does not exist.
        case create
        /// Read and write an existing file.
        case readWrite
        /// Read an existing file only.
        case readOnly
    }

    let handle: OpaquePointer
    /// The path the connection was opened with (":memory:" for in-memory databases).
    public let path: String
    private var cache: [String: Statement] = [:]
    private var functionBoxes: [AnyObject] = []
    /// Values the owner of the connection attaches to it (e.g. keys that must not live in the
    /// database file); SQLite never sees them.
    public var userInfo: [String: Any] = [:]

    /// Opens a connection and applies the standard settings: foreign keys on, a busy timeout,
    /// and (for writable files) WAL journal mode.
    public init(path: String, mode: Mode = .create, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(connection: connection, code: code, sql: nil)
            sqlite3_close_v2(connection)
            throw error
        }
        self.handle = connection
        self.path = path
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(connection, 1)
        do {
            try execute("PRAGMA foreign_keys = ON")
            // Reading the schema here surfaces "file is not a database" at open time.
            _ = try scalarInt("SELECT count(*) FROM sqlite_schema")
            if mode != .readOnly && path != ":memory:" && !path.isEmpty {
                _ = try scalarString("PRAGMA journal_mode = WAL")
                try execute("PRAGMA synchronous = NORMAL")
            }
        } catch {
            sqlite3_close_v2(connection)
            throw error
        }
    }

    private var isClosed = false

    deinit { close() }

    /// Finalizes cached statements and closes the connection; later calls fail with MISUSE.
    /// Idempotent.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Prepares a new statement (single statement only).
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Returns a prepared statement from this connection's cache, preparing it on first use.
    public func cached(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = cache[sql] { return statement }
        let statement = try prepare(sql)
        cache[sql] = statement
        return statement
    }

    /// Drops the triggers whose names match the LIKE `pattern` and returns their SQL for
    /// `restoreTriggers`. Inside a transaction, so that a rollback brings them back too.
    public func dropTriggers(like pattern: String) throws -> [String] {
        let triggers = try query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ORDER BY name", pattern) {
            ($0.string(0), $0.string(1))
        }
        for (name, _) in triggers { try execute("DROP TRIGGER \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"") }
        return triggers.map(\.1)
    }

    /// Creates triggers again from the SQL that `dropTriggers` returned.
    public func restoreTriggers(_ sql: [String]) throws {
        for statement in sql { try execute(statement) }
    }

    /// Runs one statement with bound values, ignoring rows.
    public func execute(_ sql: String, _ values: SQLBindable?...) throws(SQLiteError) {
        try cached(sql).run(values)
    }

    /// Runs one statement with an array of bound values, ignoring rows.
    public func execute(_ sql: String, values: [SQLBindable?]) throws(SQLiteError) {
        try cached(sql).run(values)
    }

    /// Runs a script of several statements without parameters (DDL, migrations).
    public func executeScript(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: code, extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs a query and maps every row.
    public func query<T>(_ sql: String, _ values: SQLBindable?..., transform: (Row) throws -> T) throws -> [T] {
        try cached(sql).map(values, transform)
    }

    /// Runs a query with an array of bound values and maps every row.
    public func query<T>(_ sql: String, values: [SQLBindable?], transform: (Row) throws -> T) throws -> [T] {
        try cached(sql).map(values, transform)
    }

    /// Runs a query and maps its first row, if any.
    public func queryFirst<T>(_ sql: String, _ values: SQLBindable?..., transform: (Row) throws -> T) throws -> T? {
        try cached(sql).first(values, transform)
    }

    /// The first column of the first row as an integer, or nil when there is no row or it is NULL.
    public func scalarInt(_ sql: String, _ values: SQLBindable?...) throws -> Int? {
        try cached(sql).first(values) { $0.optionalInt(0) } ?? nil
    }

    /// The first column of the first row as text, or nil when there is no row or it is NULL.
    public func scalarString(_ sql: String, _ values: SQLBindable?...) throws -> String? {
        try cached(sql).first(values) { $0.optionalString(0) } ?? nil
    }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    /// Nested calls become savepoints.
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            let name = "sp\(savepointCounter)"
            savepointCounter += 1
            defer { savepointCounter -= 1 }
            try executeScript("SAVEPOINT \(name)")
            do {
                let result = try body()
                try executeScript("RELEASE \(name)")
                return result
            } catch {
                try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
                throw error
            }
        }
        try executeScript("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            if isInTransaction { try? executeScript("ROLLBACK") }
            throw error
        }
    }

    private var savepointCounter = 0

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The rowid of the last successful insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Rows changed since the connection opened.
    public var totalChanges: Int { Int(sqlite3_total_changes(handle)) }

    /// Interrupts a long-running statement on this connection (callable from another thread).
    public func interrupt() { sqlite3_interrupt(handle) }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Registers a deterministic scalar SQL function implemented in Swift.
    public func createFunction(_ name: String, argumentCount: Int32,
                               _ body: @escaping ([SQLValue]) -> SQLValue) throws(SQLiteError) {
        let box = FunctionBox(body)
        functionBoxes.append(box)
        let code = sqlite3_create_function_v2(
            handle, name, argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
            Unmanaged.passUnretained(box).toOpaque(),
            { context, count, arguments in
                let box = Unmanaged<FunctionBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                var values: [SQLValue] = []
                values.reserveCapacity(Int(count))
                for index in 0..<Int(count) {
                    let value = arguments![index]
                    switch sqlite3_value_type(value) {
                    case SQLITE_INTEGER: values.append(.integer(sqlite3_value_int64(value)))
                    case SQLITE_FLOAT: values.append(.real(sqlite3_value_double(value)))
                    case SQLITE_TEXT: values.append(.text(String(cString: sqlite3_value_text(value))))
                    case SQLITE_BLOB:
                        let size = Int(sqlite3_value_bytes(value))
                        let bytes = size == 0 ? [] : Array(UnsafeRawBufferPointer(start: sqlite3_value_blob(value), count: size))
                        values.append(.blob(bytes))
                    default: values.append(.null)
                    }
                }
                switch box.body(values) {
                case .null: sqlite3_result_null(context)
                case .integer(let int): sqlite3_result_int64(context, int)
                case .real(let double): sqlite3_result_double(context, double)
                case .text(let text): sqlite3_result_text(context, text, -1, sqliteTransient)
                case .blob(let bytes):
                    bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), sqliteTransient) }
                }
            }, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(connection: handle, code: code, sql: nil) }
    }
}

/// How a transaction takes its lock.
public enum TransactionKind: String, Sendable {
    /// Takes the write lock at the first write.
    case deferred = "DEFERRED"
    /// Takes the write lock at once (the default for writers).
    case immediate = "IMMEDIATE"
    /// Takes an exclusive lock at once.
    case exclusive = "EXCLUSIVE"
}

private final class FunctionBox {
    let body: ([SQLValue]) -> SQLValue
    init(_ body: @escaping ([SQLValue]) -> SQLValue) { self.body = body }
}

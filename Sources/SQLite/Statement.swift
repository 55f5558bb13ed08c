// Statement: a prepared SQLite statement with parameter binding and stepping.
import CSQLite

/// A prepared statement, owned by one `Database` and used on that connection's thread only.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String
    private unowned let database: Database
    private var columnIndexes: [String: Int]?

    init(database: Database, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        // The tail pointer points into the C string, so both are used inside withCString.
        let (code, trailing) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            var trailing = false
            if code == SQLITE_OK, var rest = tail {
                while rest.pointee != 0 {
                    let byte = UInt8(bitPattern: rest.pointee)
                    if ![32, 10, 9, 13, 59].contains(byte) { trailing = true; break }
                    rest += 1
                }
            }
            return (code, trailing)
        }
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(connection: database.handle, code: code, sql: sql)
        }
        if trailing {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use executeScript", sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    public func bind(_ values: [SQLBindable?]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE, message: "expected \(expected) parameters, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value?.sqlValue ?? .null, at: Int32(offset + 1))
        }
    }

    /// Binds one value at a 1-based parameter position.
    public func bind(_ value: SQLValue, at position: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let int):
            code = sqlite3_bind_int64(handle, position, int)
        case .real(let double):
            code = sqlite3_bind_double(handle, position, double)
        case .text(let text):
            code = text.utf8.withContiguousStorageIfAvailable { buffer in
                sqlite3_bind_text(handle, position, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                  Int32(buffer.count), sqliteTransient)
            } ?? {
                var copy = text
                return copy.withUTF8 { buffer in
                    sqlite3_bind_text(handle, position, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                      Int32(buffer.count), sqliteTransient)
                }
            }()
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(handle, position, buffer.baseAddress, Int32(buffer.count), sqliteTransient)
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError(connection: database.handle, code: code, sql: sql) }
    }

    /// Advances to the next row; returns false when the statement is done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw SQLiteError(connection: database.handle, code: code, sql: sql)
        }
    }

    /// Runs the statement to completion, ignoring any rows.
    public func run(_ values: [SQLBindable?] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Runs the statement and calls `body` for each row.
    public func forEach(_ values: [SQLBindable?] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { try body(Row(statement: self)) }
    }

    /// Runs the statement and maps every row.
    public func map<T>(_ values: [SQLBindable?] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(values) { result.append(try transform($0)) }
        return result
    }

    /// Runs the statement and maps the first row, if any.
    public func first<T>(_ values: [SQLBindable?] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? try transform(Row(statement: self)) : nil
    }

    /// The column names of the result, in order.
    public var columnNames: [String] {
        (0..<Int(sqlite3_column_count(handle))).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
    }

    func columnIndex(_ name: String) -> Int? {
        if columnIndexes == nil {
            var indexes: [String: Int] = [:]
            for (index, column) in columnNames.enumerated() where indexes[column] == nil { indexes[column] = index }
            columnIndexes = indexes
        }
        return columnIndexes?[name]
    }
}

/// SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

// Row: read access to the current result row of a stepping Statement.
import CSQLite

/// The current row of a `Statement`. Valid only inside the closure that receives it; copy the
/// values out before the statement steps again.
public struct Row {
    let statement: Statement

    var handle: OpaquePointer { statement.handle }

    /// The number of columns in the row.
    public var count: Int { Int(sqlite3_column_count(handle)) }

    /// True when the column holds NULL.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The column as text; NULL reads as the empty string.
    public func string(_ index: Int) -> String {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        let length = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// The column as text, or nil for NULL.
    public func optionalString(_ index: Int) -> String? {
        isNull(index) ? nil : string(index)
    }

    /// The column as an integer; NULL reads as 0.
    public func int(_ index: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(index)))
    }

    /// The column as a 64-bit integer; NULL reads as 0.
    public func int64(_ index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// The column as an integer, or nil for NULL.
    public func optionalInt(_ index: Int) -> Int? {
        isNull(index) ? nil : int(index)
    }

    /// The column as a double; NULL reads as 0.
    public func double(_ index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// The column as a double, or nil for NULL.
    public func optionalDouble(_ index: Int) -> Double? {
        isNull(index) ? nil : double(index)
    }

    /// The column as a boolean (non-zero integer).
    public func bool(_ index: Int) -> Bool {
        sqlite3_column_int64(handle, Int32(index)) != 0
    }

    /// The column's bytes (blob or text); NULL reads as empty.
    public func bytes(_ index: Int) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard count > 0, let pointer = sqlite3_column_blob(handle, Int32(index)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the column's UTF-8 bytes without copying them.
    public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let text = sqlite3_column_text(handle, Int32(index))
        let length = Int(sqlite3_column_bytes(handle, Int32(index)))
        return try body(UnsafeBufferPointer(start: text, count: text == nil ? 0 : length))
    }

    /// The column as a `SQLValue`.
    public func value(_ index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index))
        case SQLITE_BLOB: return .blob(bytes(index))
        default: return .null
        }
    }

    /// The index of the column with this name; traps if the statement has no such column.
    public func index(of name: String) -> Int {
        guard let index = statement.columnIndex(name) else {
            preconditionFailure("no column \(name) in \(statement.sql)")
        }
        return index
    }

    /// The named column as text (NULL reads as the empty string).
    public subscript(_ name: String) -> String { string(index(of: name)) }
}

// Record: one row of a directory table in schema column order — the generic currency of the
// read model, the HSDS writers and the page contexts.
import Foundation
import SQLite
import Synchronization

/// A row of a directory table.
public struct Record: Sendable {
    /// The table (HSDS object name).
    public let table: String
    /// Column names in schema order.
    public let columns: [String]
    /// Values aligned with `columns`.
    public var values: [SQLValue]
    /// True for a record assembled from some columns only (a submitted change, a new row not yet
    /// stored): reading a column it lacks gives NULL instead of stopping a debug build.
    public let isPartial: Bool

    /// Creates a record; `partial` for one that carries only some of its table's columns.
    public init(table: String, columns: [String], values: [SQLValue], partial: Bool = false) {
        self.table = table
        self.columns = columns
        self.values = values
        isPartial = partial
    }

    /// True when the record has `column` (records of partial reads carry only some columns).
    public func has(_ column: String) -> Bool { columns.contains(column) }

    /// The value of `column`, or `UnknownColumn` when the record has no such column.
    public func checkedValue(_ column: String) throws(UnknownColumn) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { throw UnknownColumn(table: table, column: column) }
        return values[index]
    }

    /// The value of a column. Reading a column the record does not have is a programming error
    /// (a misspelt name, or a partial read missing the column): debug builds stop at an
    /// assertion; release builds read NULL. Check optional columns with `has(_:)` first.
    public subscript(_ column: String) -> SQLValue {
        do {
            return try checkedValue(column)
        } catch {
            if !isPartial { assertionFailure(error.description) }
            return .null
        }
    }

    /// A column as text: nil for NULL and for empty text.
    public func text(_ column: String) -> String? {
        switch self[column] {
        case .null: return nil
        case .text(let text): return text.isEmpty ? nil : text
        case .integer(let int): return String(int)
        case .real(let real): return real == real.rounded() && abs(real) < 1e15 ? String(Int64(real)) : String(real)
        case .blob: return nil
        }
    }

    /// A column as a number, if it holds one.
    public func number(_ column: String) -> Double? {
        switch self[column] {
        case .integer(let int): return Double(int)
        case .real(let real): return real
        case .text(let text): return Double(text)
        default: return nil
        }
    }

    /// The record's id.
    public var id: String { text("id") ?? "" }
}

/// A column read from a record that does not have it.
public struct UnknownColumn: Error, Equatable, CustomStringConvertible {
    /// The record's table.
    public let table: String
    /// The column asked for.
    public let column: String

    /// "Record of <table> has no column <column>".
    public var description: String { "Record of \(table) has no column \(column)" }
}

/// Column lists of the directory tables, read once from the schema.
public enum TableColumns {
    private static let cache = Mutex<[String: [String]]>([:])

    /// The columns of `table` in schema order.
    public static func of(_ table: String, in db: Database) throws -> [String] {
        if let known = cache.withLock({ $0[table] }) { return known }
        let columns = try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) { $0.string(0) }
        guard !columns.isEmpty else { throw LotseError(.notFound, "Tabelle \(table) gibt es nicht") }
        cache.withLock { $0[table] = columns }
        return columns
    }

    private static let prefixes = Mutex<[String: String]>([:])

    /// `SELECT <columns> FROM <table> WHERE `, built once per table (whole-tree reads call
    /// `load` millions of times).
    private static func selectPrefix(_ table: String, _ columns: [String]) -> String {
        if let known = prefixes.withLock({ $0[table] }) { return known }
        let prefix = "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE "
        prefixes.withLock { $0[table] = prefix }
        return prefix
    }

    /// Loads the records of `table` matching `condition` (SQL after WHERE, with `?`
    /// placeholders), ordered by `order`, optionally one page of them.
    public static func load(_ table: String, where condition: String, _ values: [SQLBindable?], order: String = "rowid",
                            limit: (count: Int, offset: Int)? = nil, in db: Database) throws -> [Record] {
        let columns = try of(table, in: db)
        var sql = selectPrefix(table, columns) + condition + " ORDER BY " + order
        var bound = values
        if let limit {
            sql += " LIMIT ? OFFSET ?"
            bound += [limit.count, limit.offset]
        }
        return try db.cached(sql).map(bound) { row in
            Record(table: table, columns: columns, values: (0..<columns.count).map { row.value($0) })
        }
    }
}

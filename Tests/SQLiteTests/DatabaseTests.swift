// Tests of Database, Statement, Row and SQLiteError.
import Foundation
import Testing
@testable import SQLite

@Suite struct DatabaseTests {
    @Test func bindsAndReadsEveryValueKind() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", 42, 2.5, "Straße ✓", [UInt8]([0, 255]), String?.none)
        let row = try db.queryFirst("SELECT i, r, s, b, n FROM t") { row in
            (row.int(0), row.double(1), row.string(2), row.bytes(3), row.optionalString(4))
        }
        #expect(row?.0 == 42)
        #expect(row?.1 == 2.5)
        #expect(row?.2 == "Straße ✓")
        #expect(row?.3 == [0, 255])
        #expect(row?.4 == nil)
    }

    @Test func errorCarriesCodeAndSQLButNeverBoundValues() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE person (email TEXT UNIQUE)")
        try db.execute("INSERT INTO person VALUES (?)", "geheim@example.org")
        let error = #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO person VALUES (?)", "geheim@example.org")
        }
        #expect(error?.isConstraintViolation == true)
        #expect(error?.sql == "INSERT INTO person VALUES (?)")
        #expect(error?.description.contains("UNIQUE") == true)
        #expect(error?.description.contains("geheim") == false)
    }

    @Test func transactionRollsBackOnErrorAndNestsAsSavepoints() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT group_concat(x) FROM t") == 1)
        #expect(!db.isInTransaction)
    }

    @Test func foreignKeysAreEnforced() throws {
        let db = try Database(path: ":memory:")
        try db.executeScript("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id));")
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO c VALUES (7)") }
    }

    @Test func refusesTwoStatementsInOnePrepare() throws {
        let db = try Database(path: ":memory:")
        #expect(throws: SQLiteError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
    }

    @Test func wrongParameterCountIsAnError() throws {
        let db = try Database(path: ":memory:")
        #expect(throws: SQLiteError.self) { try db.execute("SELECT ?", 1, 2) }
    }

    @Test func filesUseWALAndABusyTimeout() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        let db = try Database(path: temporary.path)
        #expect(try db.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA busy_timeout") == 5000)
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
    }

    @Test func openingGarbageFailsWithNotADatabase() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: temporary.path))
        #expect(throws: SQLiteError.self) { _ = try Database(path: temporary.path, mode: .readOnly) }
    }

    @Test func customFunctionsAreCallableFromSQL() throws {
        let db = try Database(path: ":memory:")
        try db.createFunction("twice", argumentCount: 1) { values in
            if case .integer(let value) = values[0] { return .integer(value * 2) }
            return .null
        }
        #expect(try db.scalarInt("SELECT twice(21)") == 42)
    }
}

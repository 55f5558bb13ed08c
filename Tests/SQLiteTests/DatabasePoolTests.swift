// Tests of DatabasePool: serialised writes, parallel readers, snapshots, commit observers.
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import SQLite

@Suite struct DatabasePoolTests {
    @Test func concurrentWritersAreSerialisedAndReadersSeeCommittedData() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        let pool = try DatabasePool(path: temporary.path, maximumReaders: 4)
        try pool.write { try $0.execute("CREATE TABLE counter (n INTEGER)"); try $0.execute("INSERT INTO counter VALUES (0)") }
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            if index % 2 == 0 {
                try! pool.write { db in
                    let value = try db.scalarInt("SELECT n FROM counter")!
                    try db.execute("UPDATE counter SET n = ?", value + 1)
                }
            } else {
                _ = try! pool.read { try $0.scalarInt("SELECT n FROM counter") }
            }
        }
        #expect(try pool.read { try $0.scalarInt("SELECT n FROM counter") } == 100)
    }

    @Test func readersCannotWrite() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        let pool = try DatabasePool(path: temporary.path)
        try pool.write { try $0.execute("CREATE TABLE t (x)") }
        #expect(throws: SQLiteError.self) { try pool.read { try $0.execute("INSERT INTO t VALUES (1)") } }
    }

    @Test func commitObserversRunAfterWritesOnly() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        let pool = try DatabasePool(path: temporary.path)
        let calls = Mutex(0)
        pool.onCommit { calls.withLock { $0 += 1 } }
        try pool.write { try $0.execute("CREATE TABLE t (x)") }
        _ = try pool.read { try $0.scalarInt("SELECT count(*) FROM t") }
        struct Boom: Error {}
        #expect(throws: Boom.self) { try pool.write { _ in throw Boom() } }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test func aReadTransactionSeesOneSnapshot() throws {
        let temporary = TemporaryPath()
        defer { temporary.remove() }
        let pool = try DatabasePool(path: temporary.path)
        try pool.write { try $0.execute("CREATE TABLE t (x)"); try $0.execute("INSERT INTO t VALUES (1)") }
        let counts = try pool.read { db -> (Int?, Int?) in
            let first = try db.scalarInt("SELECT count(*) FROM t")
            try pool.write { try $0.execute("INSERT INTO t VALUES (2)") }
            return (first, try db.scalarInt("SELECT count(*) FROM t"))
        }
        #expect(counts.0 == 1 && counts.1 == 1)
        #expect(try pool.read { try $0.scalarInt("SELECT count(*) FROM t") } == 2)
    }
}

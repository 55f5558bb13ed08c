// Drills for the database file deleted or replaced under a running process: the next write
// is refused with a clear German error (it would be acknowledged and then lost), and
// `fileIdentityProblem()` reports the same for health checks.
import Foundation
import Testing
@testable import LotseCore
import SQLite

@Suite struct FileIdentityTests {
    func write(_ fixture: Fixture) throws {
        try fixture.store.pool.write { try $0.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('probe', 'x')") }
    }

    @Test func aHealthyFileHasNoProblem() throws {
        let fixture = try Fixture(vocabulary: false)
        try write(fixture)
        #expect(fixture.store.fileIdentityProblem() == nil)
    }

    @Test func aDeletedFileRefusesWrites() throws {
        let fixture = try Fixture(vocabulary: false)
        try FileManager.default.removeItem(atPath: fixture.path)
        let problem = try #require(fixture.store.fileIdentityProblem())
        #expect(problem.kind == .fileReplaced && problem.message.contains("fehlt"))
        #expect {
            try write(fixture)
        } throws: { error in
            (error as? StorageTrouble)?.kind == .fileReplaced && "\(error)".contains("Schreibzugriffe werden abgelehnt")
        }
    }

    @Test func aFileReplacedByAnotherIsNoticed() throws {
        let fixture = try Fixture(vocabulary: false)
        let other = try Fixture(vocabulary: false)   // another Lotse database, e.g. an old backup
        try other.store.close()
        try FileManager.default.removeItem(atPath: fixture.path)
        try FileManager.default.copyItem(atPath: other.path, toPath: fixture.path)
        #expect(fixture.store.fileIdentityProblem()?.message.contains("ersetzt") == true)
        #expect(throws: StorageTrouble.self) { try write(fixture) }
    }

    @Test func aFileOverwrittenInPlaceWithAForeignDatabaseIsNoticed() throws {
        let fixture = try Fixture(vocabulary: false)
        let foreign = NSTemporaryDirectory() + "foreign-\(UUID().uuidString).db"
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        let db = try Database(path: foreign)
        try db.execute("PRAGMA journal_mode = DELETE")
        try db.execute("PRAGMA application_id = 42")
        try db.execute("CREATE TABLE t(x)")
        db.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let handle = try #require(FileHandle(forWritingAtPath: fixture.path))   // same inode
        try handle.write(contentsOf: bytes)
        try handle.close()
        #expect(fixture.store.fileIdentityProblem()?.message.contains("fremden Datenbank") == true)
    }
}

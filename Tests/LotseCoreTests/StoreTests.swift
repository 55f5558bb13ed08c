// Opening databases safely: corrupt, foreign and newer files are refused and left untouched.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct StoreTests {
    func temporaryPath() -> String { NSTemporaryDirectory() + "lotse-store-\(UUID().uuidString).db" }

    func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func newStoreGetsTheApplicationIDAndAllMigrations() throws {
        let path = temporaryPath()
        defer { remove(path) }
        let store = try Store.open(path: path)
        #expect(store.appliedOnOpen == Schema.migrations.map(\.name))
        #expect(try store.pool.read { try $0.scalarInt("PRAGMA application_id") } == Int(Schema.applicationID))
        try store.close()
        #expect(try Store.open(path: path).appliedOnOpen.isEmpty)
    }

    @Test func corruptFileIsRefusedAndUnchanged() throws {
        let path = temporaryPath()
        defer { remove(path) }
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(error?.message.contains("keine SQLite-Datenbank") == true)
        #expect(FileManager.default.contents(atPath: path) == garbage)
    }

    @Test func truncatedSQLiteFileIsRefusedAndUnchanged() throws {
        let path = temporaryPath()
        defer { remove(path) }
        let store = try Store.open(path: path)
        try store.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.replaceSubrange(100..<min(bytes.count, 6000), with: Data(repeating: 0xFF, count: min(bytes.count, 6000) - 100))
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func foreignSQLiteDatabaseIsRefusedAndUnchanged() throws {
        let path = temporaryPath()
        defer { remove(path) }
        do {
            let other = try Database(path: path)
            try other.executeScript("PRAGMA journal_mode = DELETE; CREATE TABLE invoices (id INTEGER);")
        }
        chmod(path, 0o600)   // only the application id may be the reason for the refusal
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(error?.message.contains("anderen Anwendung") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func databaseFromANewerVersionIsRefused() throws {
        let path = temporaryPath()
        defer { remove(path) }
        let store = try Store.open(path: path)
        try store.pool.write { try $0.execute("INSERT INTO schema_migration(name) VALUES ('999_future')") }
        try store.close()
        let error = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(error?.message.contains("neueren Lotse-Version") == true)
    }

    @Test func missingFileWithoutCreateIsNotFound() throws {
        let error = #expect(throws: LotseError.self) { _ = try Store.open(path: temporaryPath(), create: false) }
        #expect(error?.kind == .notFound)
    }

    @Test func emptyFileBecomesANewDatabase() throws {
        let path = temporaryPath()
        defer { remove(path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(try Store.open(path: path).appliedOnOpen.count == Schema.migrations.count)
    }
}

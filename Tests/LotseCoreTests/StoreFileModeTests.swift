// Files of a store are private: the database, its WAL and SHM and the key file are created
// 0600, a store whose files others may read is refused with a German message, and the
// signing key lives in the key file, not in the database.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct StoreFileModeTests {
    /// A fresh directory of its own (the state directory defaults to the database's).
    func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "lotse-modes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        return directory
    }

    func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    @Test func databaseWALAndSHMAreCreatedPrivate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/lotse.db"
        let store = try Store.open(path: path)
        try store.pool.write { try $0.execute("INSERT INTO lotse_meta(key, value) VALUES ('probe', '1')") }
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) missing")
            let found = try mode(file)
            #expect(found == 0o600, "\(file) is \(String(found, radix: 8))")
        }
        try store.close()
    }

    @Test func keyFileIsCreatedPrivateBesideTheDatabase() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store.open(path: directory + "/lotse.db")
        try store.close()
        let keyFile = directory + "/lotse.keys"
        #expect(FileManager.default.fileExists(atPath: keyFile))
        #expect(try mode(keyFile) == 0o600)
    }

    @Test func aDatabaseOthersMayReadIsRefusedInGerman() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/lotse.db"
        try Store.open(path: path).close()
        chmod(path, 0o644)
        let error = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(error?.message.contains("für andere Benutzer lesbar") == true)
        #expect(error?.message.contains("chmod 600") == true)
        chmod(path, 0o600)
        try Store.open(path: path).close()
    }

    @Test func aLinkSignedWithTheFormerDatabaseSecretIsRefused() throws {
        let fixture = try Fixture()
        let oldSecret = Crypto.randomBytes(32)
        try fixture.store.pool.write {
            try $0.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('link_secret', ?)", Crypto.hex(oldSecret))
        }
        let token = SignedLink.make(.unsubscribe, subject: "someone", secret: oldSecret, now: Fixture.now)
        let result = try DigestLinks(store: fixture.store, now: Fixture.now).verify(token, purpose: .unsubscribe)
        #expect(result == .failure(.forged))
    }

    @Test func aRotatedOutKeyIsAcceptedWithinItsGracePeriodOnly() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store.open(path: directory + "/lotse.db")
        defer { try? store.close() }
        let now = Fixture.now
        // One-click links are checked against an active account (LinkRevocation).
        let someone = try store.pool.write { db in
            try AccountStore(db: db).create(email: "r@example.org", displayName: "Rotation", role: .coordinator, organizations: [])
        }.id
        let old = SignedLink.make(.unsubscribe, subject: someone, secret: try store.keys.signingKey(), now: now)
        try store.keys.rotate(now: now, grace: 7 * 86_400)
        let fresh = SignedLink.make(.unsubscribe, subject: someone, secret: try store.keys.signingKey(), now: now)
        #expect(old != fresh)
        func accepted(_ token: String, at time: Date) throws -> Bool {
            if case .success = try DigestLinks(store: store, now: time).verify(token, purpose: .unsubscribe) { return true }
            return false
        }
        #expect(try accepted(old, at: now.addingTimeInterval(6 * 86_400)))
        #expect(try !accepted(old, at: now.addingTimeInterval(8 * 86_400)))
        #expect(try accepted(fresh, at: now.addingTimeInterval(8 * 86_400)))
        // A second store (another process) sees the rotation in the file.
        let other = try Store.open(path: directory + "/lotse.db")
        #expect(try other.keys.signingKey() == (try store.keys.signingKey()))
        try other.close()
    }

    @Test func aMissingOrForeignKeyFileIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/lotse.db"
        try Store.open(path: path).close()
        let keyFile = directory + "/lotse.keys"
        let saved = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        try FileManager.default.removeItem(atPath: keyFile)
        let missing = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(missing?.message.contains("Schlüsseldatei") == true && missing?.message.contains("fehlt") == true)
        #expect(!FileManager.default.fileExists(atPath: keyFile))   // no fresh key silently replaces it
        let elsewhere = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try Store.open(path: elsewhere + "/andere.db").close()   // another installation's key file
        let foreign = #expect(throws: LotseError.self) { _ = try Store.open(path: path, stateDirectory: elsewhere) }
        #expect(foreign?.message.contains("gehört nicht zu dieser Datenbank") == true)
        #expect(FileManager.default.createFile(atPath: keyFile, contents: saved, attributes: [.posixPermissions: 0o644]))
        let readable = #expect(throws: LotseError.self) { _ = try Store.open(path: path) }
        #expect(readable?.message.contains("Schlüsseldatei") == true && readable?.message.contains("für andere Benutzer lesbar") == true)
        chmod(keyFile, 0o600)
        try Store.open(path: path).close()
    }

    @Test func theKeyFileLivesInTheConfiguredStateDirectory() throws {
        let directory = try temporaryDirectory(), state = try temporaryDirectory() + "/zustand"
        defer { try? FileManager.default.removeItem(atPath: directory); try? FileManager.default.removeItem(atPath: (state as NSString).deletingLastPathComponent) }
        #expect(KeyRing.stateDirectory(forDatabase: directory + "/lotse.db", environment: ["LOTSE_STATE_DIR": state]) == state)
        #expect(KeyRing.stateDirectory(forDatabase: directory + "/lotse.db", environment: [:]) == directory)
        try Store.open(path: directory + "/lotse.db", stateDirectory: state).close()
        #expect(FileManager.default.fileExists(atPath: state + "/lotse.keys"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/lotse.keys"))
        #expect(try mode(state) == 0o700)
        let secrets = try Store.open(path: directory + "/lotse.db", stateDirectory: state)
        defer { try? secrets.close() }
        let meta = try secrets.pool.read { try $0.query("SELECT key, value FROM lotse_meta") { $0.string(0) + "=" + $0.string(1) } }
        let file = try String(contentsOfFile: state + "/lotse.keys", encoding: .utf8)
        for line in file.split(separator: "\n") where !line.hasPrefix("#") {
            let hex = String(line.split(separator: " ")[1])
            #expect(!meta.contains { $0.contains(hex) }, "a key of the key file is in lotse_meta")
        }
    }
}

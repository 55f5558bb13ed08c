// TemporaryDatabase: a fresh database file per test, removed afterwards.
import Foundation
@testable import SQLite

/// A unique temporary file path for a test database; call `remove()` when done.
struct TemporaryPath {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sqlite-test-\(UUID().uuidString).db"
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

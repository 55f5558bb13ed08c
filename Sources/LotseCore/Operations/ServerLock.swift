// ServerLock: the lock file beside the database that `lotse serve` holds (shared) for as long as
// it runs and `lotse restore` takes (exclusive) before it replaces the file, so that a restore
// never swaps the database under a running server and a server never starts mid-restore. An
// import takes it (exclusive) when it is free and then writes in place: no server starts
// during its long transaction.
import Foundation

/// An flock(2) on `<database>.lock`. The lock lasts until `release()` or the end of the process
/// (the kernel drops it with the descriptor, also after SIGKILL), so a crashed server leaves no
/// stale lock behind.
public final class ServerLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file of the database at `databasePath`.
    public static func lockPath(forDatabase databasePath: String) -> String { databasePath + ".lock" }

    /// Taken by `lotse serve`: several servers may share a database, a restore may not start
    /// while one runs. Refuses while a restore holds the lock.
    public static func forServer(databasePath: String) throws -> ServerLock {
        let path = lockPath(forDatabase: databasePath)
        let descriptor = try openLockFile(path)
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else {
            close(descriptor)
            throw LotseError(.conflict, "Die Datenbank \(databasePath) wird gerade wiederhergestellt oder importiert (`lotse restore` oder `lotse import` hält \(path)). Bitte danach erneut starten.")
        }
        return ServerLock(path: path, descriptor: descriptor)
    }

    /// Taken by an import that runs in place (`StagedImport`): the lock, or nil while a server
    /// (or a restore, or another import) holds the database.
    public static func ifUnused(databasePath: String) -> ServerLock? {
        let path = lockPath(forDatabase: databasePath)
        guard let descriptor = try? openLockFile(path) else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ServerLock(path: path, descriptor: descriptor)
    }

    /// Taken by `lotse restore`: refuses while a server (or another restore) holds the database.
    public static func forRestore(databasePath: String) throws -> ServerLock {
        let path = lockPath(forDatabase: databasePath)
        let descriptor = try openLockFile(path)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LotseError(.conflict, "Die Datenbank \(databasePath) ist in Gebrauch: ein laufender `lotse serve` (oder ein Import oder eine andere Wiederherstellung) hält \(path). Bitte den Dienst zuerst beenden (z. B. `systemctl stop lotse`) und dann erneut wiederherstellen. Nichts wurde verändert.")
        }
        return ServerLock(path: path, descriptor: descriptor)
    }

    /// Drops the lock (the file stays; it holds no data). Idempotent.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func openLockFile(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LotseError(.unusableData, "Sperrdatei \(path) kann nicht angelegt werden: \(String(cString: strerror(errno))).")
        }
        return descriptor
    }
}

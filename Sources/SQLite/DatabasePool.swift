// DatabasePool: one serialised writer connection and a set of reader connections (WAL), so that
// no connection is ever used by two threads at once.
import Dispatch
import Foundation

/// Hands out connections to one database file: `write` runs on the single writer connection,
/// one caller at a time; `read` runs on one of several reader connections, in parallel.
///
/// Sendable by construction: the writer is only touched while `writerLock` is held, and a
/// reader is only touched by the thread that took it out of `idleReaders`.
public final class DatabasePool: @unchecked Sendable {
    /// The database file path.
    public let path: String
    private let writerConnection: Database
    private let writerLock = NSLock()
    private var idleReaders: [Database]
    private let readersLock = NSLock()
    private let readerSlots: DispatchSemaphore
    private var commitObservers: [@Sendable () -> Void] = []
    private let observersLock = NSLock()
    private var writeCheck: (@Sendable () throws -> Void)?

    /// Opens the pool. `prepare` runs on every new connection (for SQL functions and pragmas).
    public init(path: String, maximumReaders: Int = 8,
                prepare: (Database) throws -> Void = { _ in }) throws {
        self.path = path
        writerConnection = try Database(path: path, mode: .create)
        try prepare(writerConnection)
        var opened: [Database] = []
        for _ in 0..<max(1, maximumReaders) {
            let reader = try Database(path: path, mode: .readWrite)
            try reader.execute("PRAGMA query_only = ON")
            try prepare(reader)
            opened.append(reader)
        }
        idleReaders = opened
        readerSlots = DispatchSemaphore(value: opened.count)
    }

    /// Runs `body` on the writer connection inside an immediate transaction, then notifies the
    /// commit observers. Calls are serialised.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        let check = observersLock.withLock { writeCheck }
        let value = try writerLock.withLock {
            try check?()
            return try writerConnection.transaction(.immediate) { try body(writerConnection) }
        }
        for observer in observersLock.withLock({ commitObservers }) { observer() }
        return value
    }

    /// Runs `body` on the writer connection without opening a transaction (migrations, VACUUM,
    /// bulk loads that manage their own transactions). Commit observers run afterwards.
    @discardableResult
    public func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        let check = observersLock.withLock { writeCheck }
        let value = try writerLock.withLock {
            try check?()
            return try body(writerConnection)
        }
        for observer in observersLock.withLock({ commitObservers }) { observer() }
        return value
    }

    /// Runs `body` on a reader connection inside a deferred transaction, so that it sees one
    /// consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        readerSlots.wait()
        defer { readerSlots.signal() }
        let reader = readersLock.withLock { idleReaders.removeLast() }
        defer { readersLock.withLock { idleReaders.append(reader) } }
        return try reader.transaction(.deferred) { try body(reader) }
    }

    /// Checkpoints the WAL into the main file and closes every connection. The pool must not
    /// be used afterwards.
    public func close() throws {
        try writerLock.withLock {
            _ = try writerConnection.scalarString("PRAGMA wal_checkpoint(TRUNCATE)")
            writerConnection.close()
        }
        readersLock.withLock { idleReaders.forEach { $0.close() } }
    }

    /// Installs a check that runs before every `write` and `writeWithoutTransaction`, under the
    /// writer's lock: when it throws, the write is refused with its error and nothing runs.
    public func checkBeforeEachWrite(_ check: @escaping @Sendable () throws -> Void) {
        observersLock.withLock { writeCheck = check }
    }

    /// Runs the installed write check now (without waiting for the writer), e.g. for a health
    /// probe; does nothing when none is installed.
    public func runWriteCheck() throws {
        try observersLock.withLock { writeCheck }?()
    }

    /// Registers a callback run after every committed `write`.
    public func onCommit(_ observer: @escaping @Sendable () -> Void) {
        observersLock.withLock { commitObservers.append(observer) }
    }
}

// SearchService: owns the current SearchIndex snapshot of a store. The first search waits for
// the first snapshot — read from the snapshot file (or taken from a prefetch of it) when it
// matches the database, else built;
// afterwards a commit (or a new day, for staleness) triggers a rebuild —
// synchronously for small directories, in the background for large ones, which keep answering
// from the previous snapshot meanwhile.
import CMalloc
import Dispatch
import Foundation
import SQLite

/// The search of a running server.
public final class SearchService: @unchecked Sendable {
    private let store: Store
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var current: SearchIndex?
    private var building = false
    private var changed = true
    private var lastCheck: UInt64 = 0
    private var lastError: (any Error)?
    private var builtAt: Date?
    private var fromSnapshot = false

    /// Directories up to this many services are rebuilt synchronously after a change.
    public let synchronousLimit: Int
    private let now: @Sendable () -> Date
    /// Where the index is kept between runs (`SearchIndex.snapshotPath(forDatabase:)`); nil:
    /// nowhere.
    public let snapshotPath: String?
    private let snapshotQueue = DispatchQueue(label: "lotse.search.snapshot")
    private let pendingSnapshot = NSLock()
    private var snapshotToWrite: SearchIndex?
    private let prefetched: SearchSnapshotPrefetch?

    /// Creates the service; it observes the store's commits. With `snapshotPath`, the first
    /// index is read from that file when it matches the database, and every index built is
    /// written there (in the background). `prefetched`, a read of that file started before
    /// the store was opened, stands in for reading it again.
    public init(store: Store, synchronousLimit: Int = 20_000, snapshotPath: String? = nil,
                prefetched: SearchSnapshotPrefetch? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.synchronousLimit = synchronousLimit
        self.snapshotPath = snapshotPath
        self.prefetched = prefetched?.path == snapshotPath ? prefetched : nil
        self.now = now
        store.pool.onCommit { [weak self] in self?.markChanged() }
    }

    /// Notes that the directory may have changed.
    public func markChanged() {
        condition.lock()
        changed = true
        condition.unlock()
    }

    /// Starts building the first snapshot in the background (call at server start).
    public func warmUp() {
        condition.lock()
        let start = current == nil && !building
        if start { building = true }
        condition.unlock()
        if start { DispatchQueue.global().async { self.build() } }
    }

    /// The current snapshot, fresh as described above.
    public func index() throws -> SearchIndex {
        condition.lock()
        defer { condition.unlock() }
        while current == nil {
            if !building {
                building = true
                condition.unlock()
                build()
                condition.lock()
            } else {
                condition.wait()
            }
            if current == nil, let error = lastError { throw error }
        }
        let tick = DispatchTime.now().uptimeNanoseconds
        if (changed || tick - lastCheck > 1_000_000_000) && !building {
            lastCheck = tick
            changed = false
            condition.unlock()
            let stale = (try? isOutdated(current!)) ?? true
            condition.lock()
            if stale && !building {
                building = true
                if current!.count <= synchronousLimit {
                    condition.unlock()
                    build()
                    condition.lock()
                } else {
                    DispatchQueue.global().async { self.build() }
                }
            }
        }
        return current!
    }

    /// Waits until the first snapshot is there (or its build failed), at most `timeout`
    /// seconds; true when it is there. Does not start a build.
    @discardableResult
    public func waitUntilReady(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while current == nil && (building || lastError == nil) {
            guard condition.wait(until: deadline) else { break }
        }
        return current != nil
    }

    /// The current snapshot if one has been built, without waiting or refreshing (for pages
    /// that can do without search figures while the first index builds); starts the build
    /// when none is running.
    public func readyIndex() -> SearchIndex? {
        let ready = condition.withLock { current }
        if ready == nil { warmUp() }
        return ready
    }

    /// When the current snapshot was built (wall clock), nil before the first build; for the
    /// index-age metric.
    public var lastBuilt: Date? { condition.withLock { builtAt } }

    /// True when the current index was read from the snapshot file rather than built.
    public var startedFromSnapshot: Bool { condition.withLock { fromSnapshot } }

    /// Runs a search on the current snapshot.
    public func search(_ query: SearchQuery, facets: Bool = false) throws -> SearchResult {
        try index().search(query, facets: facets, now: now())
    }

    /// Rebuilds the snapshot now and waits for it.
    public func rebuild() throws {
        condition.lock()
        while building { condition.wait() }
        building = true
        condition.unlock()
        build()
        if let error = condition.withLock({ lastError }) { throw error }
    }

    private func isOutdated(_ index: SearchIndex) throws -> Bool {
        let generation = try store.pool.read { try $0.scalarString("SELECT value FROM lotse_meta WHERE key = 'directory_generation'") }
        return Int(generation ?? "") != index.generation || BerlinTime(now()).dateString != index.builtForDate
    }

    private func build() {
        var loaded = false
        let first = condition.withLock { current == nil }
        let result = Result {
            try store.pool.read { db -> SearchIndex in
                let date = now()
                if first, let snapshotPath, let index = try firstSnapshot(snapshotPath, db, now: date) {
                    loaded = true
                    return index
                }
                return try SearchIndex.build(db, now: date)
            }
        }
        if case .success(let index) = result, !loaded { saveSnapshot(index) }
        condition.lock()
        switch result {
        case .success(let index):
            current = index
            fromSnapshot = loaded
            lastError = nil
            builtAt = Date()
            SearchIndex.publish(index, path: store.path)
        case .failure(let error):
            lastError = error
        }
        building = false
        condition.broadcast()
        condition.unlock()
        // The build's temporary arrays and page cache are freed by now; hand the memory back
        // to the system instead of leaving it in malloc's free lists (glibc keeps it otherwise).
        malloc_trim(0)
    }

    /// The snapshot to start from, when it matches the database `db` now: the prefetched one,
    /// else the file read now (call inside a read transaction).
    private func firstSnapshot(_ path: String, _ db: Database, now date: Date) throws -> SearchIndex? {
        guard let prefetched else { return try SearchIndex.loadSnapshot(from: path, for: db, now: date) }
        guard let candidate = prefetched.take(), let header = try SearchIndex.SnapshotHeader.current(db, now: date),
              candidate.header == header else { return nil }
        return candidate.index
    }

    /// Writes `index` to the snapshot file in the background; of several waiting, only the
    /// newest is written.
    private func saveSnapshot(_ index: SearchIndex) {
        guard let snapshotPath else { return }
        let schedule = pendingSnapshot.withLock {
            defer { snapshotToWrite = index }
            return snapshotToWrite == nil
        }
        guard schedule else { return }
        let databasePath = store.path
        snapshotQueue.async {
            guard let next = self.pendingSnapshot.withLock({ () -> SearchIndex? in
                defer { self.snapshotToWrite = nil }
                return self.snapshotToWrite
            }) else { return }
            // A snapshot is a cache: when it cannot be written, the next start builds instead.
            try? next.writeSnapshot(to: snapshotPath, databasePath: databasePath)
        }
    }

    /// Waits until the snapshots scheduled so far are written (for tests and shutdown).
    public func flushSnapshots() {
        snapshotQueue.sync {}
    }
}

// SearchService: owns the current SearchIndex snapshot of a store. The first search waits for
// the first build; afterwards a commit (or a new day, for staleness) triggers a rebuild —
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

    /// Directories up to this many services are rebuilt synchronously after a change.
    public let synchronousLimit: Int
    private let now: @Sendable () -> Date

    /// Creates the service; it observes the store's commits.
    public init(store: Store, synchronousLimit: Int = 20_000, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.synchronousLimit = synchronousLimit
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
        let result = Result { try store.pool.read { try SearchIndex.build($0, now: now()) } }
        condition.lock()
        switch result {
        case .success(let index):
            current = index
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
}

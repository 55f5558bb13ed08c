// HealthCheck: is this instance fit to serve — the database answers a read and takes a
// write (rolled back, so that a probe never empties caches or marks the search index), and the scheduler (when one runs) has ticked recently. Each failed check gives a short
// German reason for `/healthz`; details go to the log.
import Foundation
import SQLite

/// The health of a running instance.
public struct HealthCheck: Sendable {
    /// The outcome of one check.
    public struct Problem: Sendable, Equatable {
        /// Which check failed: "database" or "scheduler".
        public let check: String
        /// German reason.
        public let reason: String
        /// The underlying error or figures, for the log only.
        public let detail: String
    }

    /// The key written by the write probe (and rolled back).
    static let probeKey = "health.checked_at"

    /// Thrown inside the probe's transaction so that it rolls back: a probe every few seconds
    /// must not count as a change (commit observers clear the JSON cache and mark the index).
    private struct ProbeRollback: Error {}

    private let store: Store
    private let scheduler: Scheduler?
    private let now: Date

    /// A check of `store` and, when given, `scheduler` at `now`.
    public init(store: Store, scheduler: Scheduler?, now: Date) {
        self.store = store
        self.scheduler = scheduler
        self.now = now
    }

    /// Every failed check (empty: healthy).
    public func problems() -> [Problem] {
        [databaseProblem(), schedulerProblem()].compactMap { $0 }
    }

    /// Reads a row, then takes the write lock and writes one row (the time of this check in
    /// `lotse_meta`), and rolls it back: the file is writable and no writer holds it for good.
    public func databaseProblem() -> Problem? {
        do {
            _ = try store.pool.read { try $0.scalarString("SELECT value FROM lotse_meta WHERE key = 'network_name'") }
        } catch {
            return Problem(check: "database", reason: "Datenbank nicht lesbar", detail: String(describing: error))
        }
        do {
            try store.pool.write { db in
                try db.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES (?, ?)", Self.probeKey, Timestamp.string(now))
                throw ProbeRollback()
            }
        } catch is ProbeRollback {
        } catch {
            return Problem(check: "database", reason: "Datenbank nicht beschreibbar", detail: String(describing: error))
        }
        return nil
    }

    /// A scheduler is stale when its heartbeat is older than `staleAfter(tick:)`, or it has
    /// not ticked at all since it was attached that long ago.
    public func schedulerProblem() -> Problem? {
        guard let scheduler else { return nil }
        let limit = Self.staleAfter(tick: scheduler.tickInterval)
        guard let beat = scheduler.lastHeartbeat else {
            return Problem(check: "scheduler", reason: "Hintergrundaufgaben laufen nicht", detail: "no heartbeat yet")
        }
        let age = now.timeIntervalSince(beat)
        guard age <= limit else {
            return Problem(check: "scheduler", reason: "Hintergrundaufgaben hängen (letztes Lebenszeichen vor \(Int(age)) s)",
                           detail: "heartbeat \(Int(age)) s old, limit \(Int(limit)) s")
        }
        return nil
    }

    /// How old a heartbeat may be: ten ticks, at least 15 minutes (a digest run or the daily
    /// retention may keep the scheduler busy that long).
    public static func staleAfter(tick: TimeInterval) -> TimeInterval {
        max(10 * tick, 15 * 60)
    }
}

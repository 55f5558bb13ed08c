// OperationalFigures: the domain's figures for `/metrics` — the account-mail queue, database
// and WAL file sizes, the search index age and the scheduler's job runs — read without
// changing anything.
import Foundation
import SQLite

/// Figures of a running instance at one moment.
public struct OperationalFigures: Sendable, Equatable {
    /// Account mails waiting in the outbox.
    public var mailQueued = 0
    /// Of those, mails that failed at least once.
    public var mailRetrying = 0
    /// Size of the database file in bytes.
    public var databaseBytes = 0
    /// Size of its write-ahead log in bytes (0 when none).
    public var walBytes = 0
    /// Seconds since the search index was built; nil before the first build.
    public var searchIndexAgeSeconds: Double?
    /// Runs and failures per scheduler job.
    public var jobs: [String: Scheduler.JobStatistics] = [:]
    /// Age of the scheduler's heartbeat in seconds; nil without a scheduler or before its first tick.
    public var schedulerHeartbeatAgeSeconds: Double?

    /// The figures of `store`, `search` and `scheduler` at `now`.
    public static func read(store: Store, search: SearchService?, scheduler: Scheduler?, now: Date) throws -> OperationalFigures {
        var figures = OperationalFigures()
        (figures.mailQueued, figures.mailRetrying) = try store.pool.read { db in
            try db.queryFirst("SELECT count(*), coalesce(sum(attempts > 0), 0) FROM mail_outbox") { ($0.int(0), $0.int(1)) } ?? (0, 0)
        }
        figures.databaseBytes = fileSize(store.path)
        figures.walBytes = fileSize(store.path + "-wal")
        figures.searchIndexAgeSeconds = search?.lastBuilt.map { max(0, now.timeIntervalSince($0)) }
        figures.jobs = scheduler?.jobStatistics ?? [:]
        figures.schedulerHeartbeatAgeSeconds = scheduler?.lastHeartbeat.map { max(0, now.timeIntervalSince($0)) }
        return figures
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

// Scheduler: the jobs `lotse serve` runs by itself — the weekly digest when its time has come
// (at most one run per ISO week; the run itself is idempotent too), referral deadlines every
// 15 minutes, retention daily and periodic housekeeping — on one background thread, logging
// each run. `lotse jobs run` (and `lotse digest`) do the same from cron.
import Foundation

/// Runs jobs in the background of a server.
public final class Scheduler: @unchecked Sendable {
    /// One periodic job.
    public struct Job: Sendable {
        /// Name for the log.
        public let name: String
        /// Seconds between runs.
        public let interval: TimeInterval
        /// The work; returns a line for the log.
        public let run: @Sendable (Date) throws -> String
    }

    private let jobs: [Job]
    private let log: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var stopped = false
    private var lastRun: [String: Date] = [:]

    /// Creates a scheduler for `jobs`.
    public init(jobs: [Job], log: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date = { Date() }) {
        self.jobs = jobs
        self.log = log
        self.now = now
    }

    /// Starts the background thread (checks every `tick` seconds).
    public func start(tick: TimeInterval = 30) {
        let thread = Thread { [self] in
            while !lock.withLock({ stopped }) {
                runDue()
                Thread.sleep(forTimeInterval: tick)
            }
        }
        thread.name = "lotse-scheduler"
        thread.start()
    }

    /// Stops after the current job.
    public func stop() { lock.withLock { stopped = true } }

    /// Runs every job whose interval has passed.
    public func runDue() {
        let current = now()
        for job in jobs {
            let last = lock.withLock { lastRun[job.name] }
            guard last.map({ current.timeIntervalSince($0) >= job.interval }) ?? true else { continue }
            lock.withLock { lastRun[job.name] = current }
            do {
                let line = try job.run(current)
                if !line.isEmpty { log("scheduler \(job.name): \(line)") }
            } catch {
                log("scheduler \(job.name): Fehler: \(error)")
            }
        }
    }

    /// The weekly digest as a job: checks every few minutes whether the schedule is due and
    /// this week has not been run by the scheduler yet.
    public static func digestJob(store: Store, schedule: WeeklySchedule, run: @escaping @Sendable (ISOWeek, Date) throws -> String) -> Job {
        Job(name: "digest", interval: 300) { now in
            guard schedule.isDue(now) else { return "" }
            let week = ISOWeek(containing: now).description
            let last = try store.setting("digest_scheduler_week")
            guard last != week else { return "" }
            let line = try run(ISOWeek(containing: now), now)
            try store.pool.write { try $0.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('digest_scheduler_week', ?)", week) }
            return line
        }
    }

    /// Housekeeping: expired sessions, old login links, login attempts and rate-limit counts.
    public static func housekeepingJob(store: Store) -> Job {
        Job(name: "housekeeping", interval: 3600) { now in
            try store.pool.write { db in
                try SessionStore(db: db, now: now).purge()
                try db.execute("DELETE FROM login_token WHERE expires_at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
                try db.execute("DELETE FROM login_attempt WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
                try db.execute("DELETE FROM rate_event WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
            }
            return ""
        }
    }

    /// Referral deadlines and escalation (`ReferralJobs`: reminders, alerts, optional
    /// cancellation, status requests) every 15 minutes; logs only runs that did something.
    public static func referralJob(store: Store) -> Job {
        Job(name: "referrals", interval: 900) { now in
            let report = try store.pool.write { db in
                try ReferralJobs(db: db, now: now, settings: try ReferralSettings.load(db)).run()
            }
            return report == ReferralJobs.Report() ? "" : report.summary
        }
    }

    /// Retention (`RetentionJob`: anonymising closed referrals past their period, pruning
    /// notifications and the audit log) once a day, the first time at start.
    public static func retentionJob(store: Store) -> Job {
        Job(name: "retention", interval: 86_400) { now in
            try RetentionJob.run(store: store, now: now).summary
        }
    }
}

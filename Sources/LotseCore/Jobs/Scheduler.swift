// Scheduler: the jobs `lotse serve` runs by itself — the weekly digest when its time has come
// (at most one run per ISO week; the run itself is idempotent too), referral deadlines every
// 15 minutes, retention daily and periodic housekeeping — on one background thread, logging
// each run. `lotse jobs run` (and `lotse digest`) do the same from cron.
import Foundation
import SQLite

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

        /// A job named `name` running `run` every `interval` seconds.
        public init(name: String, interval: TimeInterval, run: @escaping @Sendable (Date) throws -> String) {
            self.name = name
            self.interval = interval
            self.run = run
        }
    }

    private let jobs: [Job]
    private let log: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var stopped = false
    private var lastRun: [String: Date] = [:]
    private var heartbeat: Date?
    private var tickSeconds: TimeInterval = 30
    private var statistics: [String: JobStatistics] = [:]
    /// Wakes the background thread early: job names asked for by `wake(_:)`.
    private let wakeSignal = NSCondition()
    private var wakeRequests: Set<String> = []

    /// How often a job ran and failed since the start.
    public struct JobStatistics: Sendable, Equatable {
        /// Runs (failed ones included).
        public var runs = 0
        /// Runs that threw.
        public var failures = 0
        /// The start of the last run.
        public var lastRun: Date?
    }

    /// Creates a scheduler for `jobs`.
    public init(jobs: [Job], log: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date = { Date() }) {
        self.jobs = jobs
        self.log = log
        self.now = now
    }

    /// Starts the background thread (checks every `tick` seconds, and at once when woken).
    /// `holdFirstRun`, when given, runs on that thread before any job (`serve` waits there for
    /// the first search index, so that the jobs do not take the cores from the first
    /// searches); the scheduler counts as alive meanwhile.
    public func start(tick: TimeInterval = 30, holdFirstRun: (@Sendable () -> Void)? = nil) {
        lock.withLock { tickSeconds = tick }
        let thread = Thread { [self] in
            if let holdFirstRun {
                lock.withLock { heartbeat = now() }
                holdFirstRun()
            }
            var forced: Set<String> = []
            while !lock.withLock({ stopped }) {
                runDue(forcing: forced)
                forced = waitForTickOrWake(tick)
            }
        }
        thread.name = "lotse-scheduler"
        thread.start()
    }

    /// Sleeps until `tick` seconds have passed or a job was asked for; returns the jobs asked for.
    private func waitForTickOrWake(_ tick: TimeInterval) -> Set<String> {
        let deadline = Date().addingTimeInterval(tick)
        wakeSignal.lock()
        defer { wakeSignal.unlock() }
        while wakeRequests.isEmpty && !lock.withLock({ stopped }) {
            guard wakeSignal.wait(until: deadline) else { break }
        }
        defer { wakeRequests.removeAll() }
        return wakeRequests
    }

    /// Stops after the current job.
    public func stop() {
        lock.withLock { stopped = true }
        wakeSignal.lock()
        wakeSignal.broadcast()
        wakeSignal.unlock()
    }

    /// Runs job `name` on the background thread as soon as it is free, whatever its interval
    /// (several requests while it runs make one more run).
    public func wake(_ name: String) {
        wakeSignal.lock()
        wakeRequests.insert(name)
        wakeSignal.signal()
        wakeSignal.unlock()
    }

    /// Wakes job `name` after every committed write on `pool` that asked for it
    /// (`JobWakeup.request`), e.g. the notification mailer after a referral was sent.
    public func wakeAfterCommit(_ name: String, pool: DatabasePool) {
        let path = pool.path
        pool.onCommit { [weak self] in
            if JobWakeup.shared.take(name, database: path) { self?.wake(name) }
        }
    }

    /// Runs every job whose interval has passed, and the jobs in `forced` whatever their
    /// interval; each tick and each finished job renew the heartbeat.
    public func runDue(forcing forced: Set<String> = []) {
        let current = now()
        lock.withLock { heartbeat = current }
        for job in jobs {
            let last = lock.withLock { lastRun[job.name] }
            guard forced.contains(job.name) || (last.map({ current.timeIntervalSince($0) >= job.interval }) ?? true) else { continue }
            lock.withLock { lastRun[job.name] = current }
            var failed = false
            do {
                let line = try job.run(current)
                if !line.isEmpty { log("scheduler \(job.name): \(line)") }
            } catch {
                failed = true
                log("scheduler \(job.name): Fehler: \(error)")
            }
            let finished = now()
            lock.withLock {
                heartbeat = finished
                statistics[job.name, default: JobStatistics()].runs += 1
                if failed { statistics[job.name, default: JobStatistics()].failures += 1 }
                statistics[job.name, default: JobStatistics()].lastRun = current
            }
        }
    }

    /// When the scheduler last showed it is alive (a tick or a finished job); nil before the
    /// first tick.
    public var lastHeartbeat: Date? { lock.withLock { heartbeat } }

    /// Runs and failures per job name (every job listed, also before its first run).
    public var jobStatistics: [String: JobStatistics] {
        lock.withLock {
            var result = statistics
            for job in jobs where result[job.name] == nil { result[job.name] = JobStatistics() }
            return result
        }
    }

    /// The interval of the scheduler's ticks, for liveness checks (set by `start(tick:)`).
    public var tickInterval: TimeInterval { lock.withLock { tickSeconds } }

    /// The weekly digest as a job: checks every minute whether the schedule is due and
    /// this week is not done yet. The week counts as done only when every message of it was
    /// sent; until then each check runs again, and the run sends the failed messages whose
    /// back-off has passed (`DigestRun.Options.respectBackoff`).
    public static func digestJob(store: Store, schedule: WeeklySchedule, run: @escaping @Sendable (ISOWeek, Date) throws -> String) -> Job {
        Job(name: "digest", interval: 60) { now in
            guard schedule.isDue(now) else { return "" }
            let week = ISOWeek(containing: now)
            let last = try store.setting("digest_scheduler_week")
            guard last != week.description else { return "" }
            let line = try run(week, now)
            try store.pool.write { db in
                guard try !DigestRun.hasUnsent(db, week: week) else { return }
                try db.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('digest_scheduler_week', ?)", week.description)
            }
            return line
        }
    }

    /// The weekly digest as a job whose time is read from the settings at each check
    /// (`digest.time`; `fallback`, e.g. from $LOTSE_DIGEST_TIME, when none is stored; "aus" or a
    /// nil fallback: not sent by the scheduler), so a change takes effect without a restart.
    public static func digestJob(store: Store, fallback: WeeklySchedule?,
                                 run: @escaping @Sendable (ISOWeek, Date) throws -> String) -> Job {
        Job(name: "digest", interval: 60) { now in
            let values = try store.pool.read { try SettingValues.load($0) }
            let schedule = values.isSet(SettingsRegistry.digestTime) ? values.digestSchedule : fallback
            guard let schedule else { return "" }
            return try digestJob(store: store, schedule: schedule, run: run).run(now)
        }
    }

    /// The name of the notification mailer's job (woken by `JobWakeup` when a mail is queued).
    public static let notificationMailJobName = "notification-mail"

    /// Notification e-mails (`NotificationMailRun`) every 30 seconds (`interval`): immediate ones, daily
    /// summaries when their hour has come, retries; logs only runs that sent or failed. A
    /// server also wakes it after each write that queued a mail at once (`wakeAfterCommit`).
    public static func notificationMailJob(interval: TimeInterval = 30, run: @escaping @Sendable (Date) throws -> NotificationMailRun.Report) -> Job {
        Job(name: notificationMailJobName, interval: interval) { now in
            let report = try run(now)
            return report == NotificationMailRun.Report() ? "" : report.summary
        }
    }

    /// Housekeeping: expired sessions, old login links, login attempts, rate-limit counts and
    /// applications for membership (unconfirmed ones, contact data past the retention period).
    public static func housekeepingJob(store: Store) -> Job {
        Job(name: "housekeeping", interval: 3600) { now in
            try store.pool.write { db in
                try SessionStore(db: db, now: now).purge()
                try db.execute("DELETE FROM login_token WHERE expires_at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
                try db.execute("DELETE FROM login_attempt WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
                try db.execute("DELETE FROM rate_event WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
                try MembershipApplications.purge(db, now: now, retentionDays: try SettingValues.load(db).integer(SettingsRegistry.applicationRetentionDays) ?? 90)
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

    /// Hold deadlines of housing proposals (`HousingHoldJob`: lapses, reminders) every 15
    /// minutes, then the pending reminder e-mails to the cost bearers' offices (`send`).
    public static func housingHoldJob(store: Store, send: @escaping @Sendable (Date) throws -> HoldReminderMails.Report) -> Job {
        Job(name: "housing-holds", interval: 900) { now in
            let report = try store.pool.write { db in try HousingHoldJob(db: db, now: now).run() }
            let mail = try send(now)
            return report == HousingHoldJob.Report() && mail == HoldReminderMails.Report() ? "" : report.summary + "; " + mail.summary
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

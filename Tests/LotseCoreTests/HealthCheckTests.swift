// HealthCheckTests: the instance is healthy on a fresh store with a ticking scheduler; the
// database check fails when a write cannot commit, the scheduler check when its heartbeat is
// stale (not while `serve` holds its first run); the figures for /metrics count the mail queue and job runs.
import Foundation
import Synchronization
import Testing
@testable import LotseCore
import SQLite

@Suite struct HealthCheckTests {
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!

    @Test func aFreshStoreWithATickingSchedulerIsHealthy() throws {
        let fixture = try Fixture()
        let scheduler = Scheduler(jobs: [], log: { _ in }, now: { Self.now })
        scheduler.runDue()
        #expect(HealthCheck(store: fixture.store, scheduler: scheduler, now: Self.now).problems() == [])
        #expect(HealthCheck(store: fixture.store, scheduler: nil, now: Self.now).problems() == [], "no scheduler: nothing to check")
        #expect(try fixture.store.setting("health.checked_at") == nil, "the write probe rolls back")
    }

    /// A probe every few seconds must not count as a change: commit observers empty the JSON
    /// cache and mark the search index for a rebuild.
    @Test func aProbeNeverNotifiesCommitObservers() throws {
        let fixture = try Fixture()
        let commits = Mutex(0)
        fixture.store.pool.onCommit { commits.withLock { $0 += 1 } }
        for _ in 0..<3 { #expect(HealthCheck(store: fixture.store, scheduler: nil, now: Self.now).problems() == []) }
        #expect(commits.withLock { $0 } == 0)
    }

    @Test func anUnwritableDatabaseIsReported() throws {
        let fixture = try Fixture()
        try fixture.store.pool.writeWithoutTransaction { try $0.execute("PRAGMA query_only = ON") }
        let problems = HealthCheck(store: fixture.store, scheduler: nil, now: Self.now).problems()
        #expect(problems.map(\.check) == ["database"])
        #expect(problems.first?.reason == "Datenbank nicht beschreibbar")
    }

    @Test func aStaleOrSilentSchedulerIsReported() throws {
        let fixture = try Fixture()
        let clock = Mutex(Self.now)
        let scheduler = Scheduler(jobs: [], log: { _ in }, now: { clock.withLock { $0 } })
        #expect(HealthCheck(store: fixture.store, scheduler: scheduler, now: Self.now).schedulerProblem()?.reason == "Hintergrundaufgaben laufen nicht")
        scheduler.runDue()
        let limit = HealthCheck.staleAfter(tick: scheduler.tickInterval)
        #expect(HealthCheck(store: fixture.store, scheduler: scheduler, now: Self.now.addingTimeInterval(limit)).schedulerProblem() == nil)
        let late = HealthCheck(store: fixture.store, scheduler: scheduler, now: Self.now.addingTimeInterval(limit + 1)).schedulerProblem()
        #expect(late?.check == "scheduler" && late?.reason.hasPrefix("Hintergrundaufgaben hängen") == true)
    }

    /// `serve` holds the scheduler's first run until the first search index is there; the
    /// instance must count as healthy meanwhile (a load balancer probing /healthz at start).
    @Test func aSchedulerHoldingItsFirstRunIsHealthy() throws {
        let fixture = try Fixture()
        let release = DispatchSemaphore(value: 0)
        let ran = Mutex(0)
        let scheduler = Scheduler(jobs: [.init(name: "job", interval: 3600) { _ in ran.withLock { $0 += 1 }; return "" }],
                                  log: { _ in }, now: { Self.now })
        scheduler.start(tick: 3600, holdFirstRun: { release.wait() })
        defer { scheduler.stop() }
        let deadline = Date().addingTimeInterval(5)
        while scheduler.lastHeartbeat == nil && Date() < deadline { usleep(1_000) }
        #expect(HealthCheck(store: fixture.store, scheduler: scheduler, now: Self.now).schedulerProblem() == nil)
        #expect(ran.withLock { $0 } == 0, "no job runs while the first run is held")
        release.signal()
        while ran.withLock({ $0 }) == 0 && Date() < deadline { usleep(1_000) }
        #expect(ran.withLock { $0 } == 1)
    }

    @Test func figuresCountTheMailQueueAndJobRuns() throws {
        let fixture = try Fixture()
        let account = try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "a@example.org", displayName: "A", role: .coordinator, organizationID: nil, organizations: [],
                                            password: nil, hasher: PasswordHasher(logN: 10, r: 8, p: 1))
        }
        try fixture.store.pool.write { try MailOutbox(db: $0, now: Self.now).enqueue(.login, accountID: account.id) }
        let scheduler = Scheduler(jobs: [.init(name: "gut", interval: 0) { _ in "" }, .init(name: "kaputt", interval: 0) { _ in throw LotseError(.conflict, "x") }],
                                  log: { _ in }, now: { Self.now })
        scheduler.runDue()
        scheduler.runDue()
        let figures = try OperationalFigures.read(store: fixture.store, search: nil, scheduler: scheduler, now: Self.now.addingTimeInterval(5))
        #expect(figures.mailQueued == 1 && figures.mailRetrying == 0)
        #expect(figures.jobs["gut"]?.runs == 2 && figures.jobs["gut"]?.failures == 0)
        #expect(figures.jobs["kaputt"]?.runs == 2 && figures.jobs["kaputt"]?.failures == 2)
        #expect(figures.databaseBytes > 0 && figures.schedulerHeartbeatAgeSeconds == 5)
    }
}

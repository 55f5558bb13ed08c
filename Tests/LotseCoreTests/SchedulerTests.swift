// The weekly schedule, the scheduler's digest job (once per ISO week) and the referral and
// retention jobs `lotse serve` runs like `lotse jobs run`.
import Foundation
import Synchronization
import Testing
@testable import LotseCore

@Suite struct SchedulerTests {
    @Test func weeklySchedulesParseAndComeDue() {
        #expect(WeeklySchedule("mo 07:00") == WeeklySchedule.digestDefault)
        #expect(WeeklySchedule("FR 14:30")?.description == "FR 14:30")
        #expect(WeeklySchedule("Montag 7") == nil && WeeklySchedule("MO 25:00") == nil)
        let schedule = WeeklySchedule.digestDefault
        #expect(!schedule.isDue(Timestamp.parse("2026-11-23T05:59:00Z")!))   // Monday 06:59 Berlin
        #expect(schedule.isDue(Timestamp.parse("2026-11-23T06:00:00Z")!))    // Monday 07:00 Berlin
        #expect(schedule.isDue(Timestamp.parse("2026-11-25T06:00:00Z")!))    // Wednesday
        #expect(schedule.isDue(Timestamp.parse("2026-11-22T20:00:00Z")!))    // Sunday, after Monday of the same ISO week
    }

    @Test func theDigestJobRunsOncePerWeek() throws {
        let fixture = try Fixture()
        let runs = Mutex(0)
        let clock = Mutex(Timestamp.parse("2026-11-23T05:00:00Z")!)
        let job = Scheduler.digestJob(store: fixture.store, schedule: .digestDefault) { _, _ in
            runs.withLock { $0 += 1 }
            return "ok"
        }
        let scheduler = Scheduler(jobs: [Job(job)], log: { _ in }, now: { clock.withLock { $0 } })
        scheduler.runDue()
        #expect(runs.withLock { $0 } == 0)   // 06:00, too early
        for hour in [7, 8, 9] {
            clock.withLock { $0 = Timestamp.parse("2026-11-23T0\(hour):00:00Z")! }
            scheduler.runDue()
        }
        #expect(runs.withLock { $0 } == 1)
        clock.withLock { $0 = Timestamp.parse("2026-11-30T07:00:00Z")! }
        scheduler.runDue()
        #expect(runs.withLock { $0 } == 2)
    }

    @Test func aWeekWithFailedDigestsIsNotDoneAndIsRetried() throws {
        let fixture = try Fixture()
        let accountID = try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "k@example.org", displayName: "Koordination", role: .coordinator).id
        }
        let runs = Mutex(0)
        let clock = Mutex(Timestamp.parse("2026-11-23T07:00:00Z")!)
        let store = fixture.store
        let job = Scheduler.digestJob(store: store, schedule: .digestDefault) { week, _ in
            let run = runs.withLock { $0 += 1; return $0 }
            // The first run fails for the recipient, the second one delivers.
            try store.pool.write { db in
                try db.execute("""
                    INSERT OR REPLACE INTO digest_delivery(account_id, week, status, prepared_at) VALUES (?, ?, ?, '2026-11-23T07:00:00Z')
                    """, accountID, week.description, run == 1 ? "failed" : "sent")
            }
            return "ok"
        }
        let scheduler = Scheduler(jobs: [Job(job)], log: { _ in }, now: { clock.withLock { $0 } })
        scheduler.runDue()
        #expect(runs.withLock { $0 } == 1)
        #expect(try fixture.store.setting("digest_scheduler_week") == nil)   // not done: a message failed
        clock.withLock { $0 = $0.addingTimeInterval(60) }
        scheduler.runDue()
        #expect(runs.withLock { $0 } == 2)
        #expect(try fixture.store.setting("digest_scheduler_week") == "2026-W48")
        clock.withLock { $0 = $0.addingTimeInterval(60) }
        scheduler.runDue()
        #expect(runs.withLock { $0 } == 2)
    }

    @Test func referralDeadlinesEveryQuarterHourAndRetentionDaily() throws {
        let f = try ReferralFixture()
        let id = try f.sent(to: [f.serviceA])[0]
        let referralJob = Scheduler.referralJob(store: f.store)
        let retentionJob = Scheduler.retentionJob(store: f.store)
        #expect(referralJob.interval == 900 && retentionJob.interval == 86_400)
        #expect(try referralJob.run(ReferralFixture.now) == "", "nothing due: nothing logged")
        let respondBy = try #require(try f.referral(id).respondBy)
        let late = Timestamp.parse(respondBy + "T10:00:00Z")!
        let line = try referralJob.run(late)
        #expect(line.contains("1 Erinnerungen an Anbieter"))
        #expect(try referralJob.run(late) == "", "each step once")
        #expect(try retentionJob.run(late).hasPrefix("Aufbewahrung: 0 Vermittlungen anonymisiert"))
        let reminders = try f.store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification WHERE kind = 'respond-reminder'") }
        #expect(reminders == 1)
    }

    /// Re-wraps a job with no interval so each `runDue` considers it.
    func Job(_ job: Scheduler.Job) -> Scheduler.Job { Scheduler.Job(name: job.name, interval: 0, run: job.run) }
}

// The scheduler's wake signal: a referral sent (a notification mail queued at once) runs the
// notification mailer right after the commit instead of at its next interval; writes that
// queue nothing do not wake it.
import Foundation
import Synchronization
import Testing
@testable import LotseCore

@Suite struct SchedulerWakeupTests {
    /// Waits up to `seconds` for `condition`.
    func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test func aSentReferralWakesTheMailerWithinSecondsNotAtItsInterval() throws {
        let f = try ReferralFixture()
        let runs = Mutex(0)
        let job = Scheduler.notificationMailJob(interval: 3600) { _ in
            runs.withLock { $0 += 1 }
            return NotificationMailRun.Report()
        }
        let scheduler = Scheduler(jobs: [job], log: { _ in })
        scheduler.wakeAfterCommit(Scheduler.notificationMailJobName, pool: f.store.pool)
        scheduler.start(tick: 3600)
        defer { scheduler.stop() }
        #expect(eventually(5) { runs.withLock { $0 } == 1 })   // the first tick runs every job once
        // A write that queues no mail does not wake it.
        try f.store.pool.write { try $0.execute("INSERT OR REPLACE INTO lotse_meta(key, value) VALUES ('wake-test', 'x')") }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(runs.withLock { $0 } == 1)
        // Sending a referral queues the provider's mail at once and wakes the mailer.
        _ = try f.sent(to: [f.serviceA])
        #expect(try f.store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification_mail WHERE mode = 'sofort'") } ?? 0 >= 1)
        #expect(eventually(5) { runs.withLock { $0 } == 2 })
    }

    @Test func aWakeRequestWaitsForTheCommitAndIsTakenOnce() throws {
        let f = try ReferralFixture()
        let path = f.store.pool.path
        _ = try f.store.pool.write { db in
            try NotificationMailOutbox(db: db).enqueueGrant("g-none", accountIDs: [], dailyHour: 7)   // queues nothing
        }
        #expect(!JobWakeup.shared.take(Scheduler.notificationMailJobName, database: path))
        JobWakeup.shared.request(Scheduler.notificationMailJobName, database: path)
        #expect(JobWakeup.shared.take(Scheduler.notificationMailJobName, database: path))
        #expect(!JobWakeup.shared.take(Scheduler.notificationMailJobName, database: path))
    }
}

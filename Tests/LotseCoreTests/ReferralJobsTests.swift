// Deadlines and escalation: a reminder at the respond-by date, a counselor alert with
// alternatives two working days later, optional cancellation "keine Rückmeldung", a status
// request for stalled referrals — each once per referral, however often the job runs.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralJobsTests {
    func run(_ network: ReferralFixture, at text: String, settings: ReferralSettings = .standard) throws -> ReferralJobs.Report {
        try network.store.pool.write { db in try ReferralJobs(db: db, now: Timestamp.parse(text)!, settings: settings).run() }
    }

    func notices(_ network: ReferralFixture, _ account: Account) throws -> [ReferralNotification] {
        try network.store.pool.read { try ReferralNotifications(db: $0).list(for: account, includeRead: true) }
    }

    @Test func reminderThenAlertWithAlternativesEachOnce() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]          // respond by Mon 2026-11-23
        #expect(try run(network, at: "2026-11-20T08:00:00Z") == ReferralJobs.Report())
        let deadline = try run(network, at: "2026-11-23T06:00:00Z")
        #expect(deadline.reminders == 1 && deadline.alerts == 0)
        #expect(try run(network, at: "2026-11-24T06:00:00Z") == ReferralJobs.Report(), "the reminder is sent once")
        let alert = try run(network, at: "2026-11-25T06:00:00Z")      // two working days after the deadline
        #expect(alert.alerts == 1 && alert.reminders == 0)
        #expect(try run(network, at: "2026-11-26T06:00:00Z") == ReferralJobs.Report())
        #expect(try notices(network, network.providerA).filter { $0.kind == .respondReminder }.map(\.referralID) == [id])
        let alerts = try notices(network, network.counselor).filter { $0.kind == .noResponseAlert }
        #expect(alerts.count == 1 && alerts[0].referralID == id)
        let alternatives = alerts[0].detail.split(separator: ",").map(String.init)
        #expect(Set(alternatives) == [network.serviceB, network.serviceC], "alternatives without the service already asked")
        #expect(try network.referral(id).status == .requested, "no automatic cancellation by default")
    }

    @Test func optionalAutomaticCancellationAsNoResponse() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        var settings = ReferralSettings()
        settings.autoCancelAfterWorkingDays = 5
        #expect(try run(network, at: "2026-11-27T06:00:00Z", settings: settings).autoCancelled == 0)
        let report = try run(network, at: "2026-11-30T06:00:00Z", settings: settings)   // Mon 23 + 5 working days
        #expect(report.autoCancelled == 1 && report.reminders == 0 && report.alerts == 0)
        let referral = try network.referral(id)
        #expect(referral.status == .cancelled && referral.reason == .noResponse)
        let last = try network.store.pool.read { try ReferralEvent.load($0, referralID: id) }.last
        #expect(last?.role == "system" && last?.reason == .noResponse)
        #expect(try notices(network, network.counselor).contains { $0.kind == .autoCancelled })
        #expect(try run(network, at: "2026-12-01T06:00:00Z", settings: settings) == ReferralJobs.Report())
        try network.fixture.sql("INSERT INTO lotse_meta(key, value) VALUES ('referral.auto_cancel_after_days', '7')")
        #expect(try network.store.pool.read { try ReferralSettings.load($0) }.autoCancelAfterWorkingDays == 7)
    }

    @Test func stalledReferralsAskForAStatusOncePerStall() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        #expect(try run(network, at: "2026-12-01T06:00:00Z").stalledAsked == 0)   // 8 working days
        #expect(try run(network, at: "2026-12-03T06:00:00Z").stalledAsked == 1)   // 10
        #expect(try run(network, at: "2026-12-04T06:00:00Z").stalledAsked == 0)
        try network.desk(now: Timestamp.parse("2026-12-04T09:00:00Z")!) { try $0.transition(id, to: .inProgress, by: .person(network.providerA)) }
        #expect(try run(network, at: "2026-12-18T06:00:00Z").stalledAsked == 1, "a new stall after a change asks again")
        #expect(try notices(network, network.providerA).filter { $0.kind == .statusRequested }.count == 2)
    }

    @Test func notificationsCarryNoPersonalDataAndCanBeRead() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA]) { $0.citizenName = "Erika Mustermann" }[0]
        _ = try run(network, at: "2026-11-25T06:00:00Z")
        let all = try network.store.pool.read { db in try db.query("SELECT kind || detail FROM notification") { $0.string(0) } }
        #expect(!all.isEmpty && all.allSatisfy { !$0.contains("Erika") && !$0.contains("BZ-2026") })
        let counts = try network.store.pool.read { try ReferralNotifications(db: $0).unreadCounts(for: network.providerA) }
        #expect(counts[.referralReceived] == 1 && counts[.respondReminder] == 1)
        let first = try notices(network, network.providerA)[0]
        try network.store.pool.write { try ReferralNotifications(db: $0).markRead(first.id, by: network.providerA) }
        #expect(throws: LotseError.self) { try network.store.pool.write { try ReferralNotifications(db: $0).markRead(first.id, by: network.providerB) } }
        #expect(try network.store.pool.read { try ReferralNotifications(db: $0).list(for: network.providerA) }.count == 1)
        _ = id
    }
}

// Notification e-mails: queued with the notification per the recipients' choices, sent once,
// urgent ones at once and also in the quiet hours, daily ones as one summary, none with the
// personal data of the referral.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite struct NotificationMailTests {
    func run(_ f: ReferralFixture, _ mailbox: String, now: Date = ReferralFixture.now, command: String? = nil) throws -> NotificationMailRun.Report {
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: command ?? "/usr/bin/tee -a \(mailbox)"),
                                    templates: try TemplateLibrary(directory: DigestTests.templates), links: .fixture)
        return try NotificationMailRun(store: f.store, settings: settings, networkName: "Netzwerk Süd").run(now: now)
    }

    func messages(_ mailbox: String) -> [String] {
        ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").components(separatedBy: "From: ").dropFirst()
            .map { $0.replacingOccurrences(of: "=\r\n", with: "") }
    }

    func personal(_ draft: inout ReferralDraft) {
        draft.citizenName = "Kunigunde Geheim"
        draft.citizenPhone = "0351 4711 999"
    }

    @Test func aNewReferralReachesTheProviderOnceWithoutPersonalData() throws {
        let f = try ReferralFixture()
        let mailbox = NSTemporaryDirectory() + "notify-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        _ = try f.sent(to: [f.serviceA], change: personal)
        let report = try run(f, mailbox)
        #expect(report.sent == 1)
        #expect(try run(f, mailbox).sent == 0)   // never twice
        let sent = messages(mailbox)
        #expect(sent.count == 1)
        let text = sent.joined()
        #expect(text.contains("To: Anbieter A <a@example.org>") || text.contains("a@example.org"))
        #expect(text.contains("Tagespflege Gruna gGmbH"))
        #expect(text.contains("https://lotse.example.org"))
        #expect(text.contains("Message-ID: <notification."))
        for secret in ["Kunigunde", "Geheim", "4711", "BZ-2026-0815"] { #expect(!text.contains(secret)) }
    }

    @Test func quietHoursHoldRoutineMailButNotUrgentOnes() throws {
        let f = try ReferralFixture()
        let mailbox = NSTemporaryDirectory() + "notify-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        _ = try f.sent(to: [f.serviceA])
        _ = try f.sent(to: [f.serviceB]) { $0.urgency = .urgent }
        let night = Timestamp.parse("2026-11-18T22:00:00Z")!   // 23:00 Berlin
        let quiet = try run(f, mailbox, now: night)
        #expect(quiet.sent == 1)
        #expect(messages(mailbox).allSatisfy { $0.contains("b@example.org") })
        let morning = Timestamp.parse("2026-11-19T06:30:00Z")!   // 07:30 Berlin
        #expect(try run(f, mailbox, now: morning).sent == 1)
        #expect(messages(mailbox).count == 2)
    }

    @Test func choicesDecideDailySummaryOrDigestOnly() throws {
        let f = try ReferralFixture()
        let mailbox = NSTemporaryDirectory() + "notify-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        try f.store.pool.write { db in
            let preferences = NotificationPreferences(db: db)
            try preferences.set([.referralReceived: .daily], for: f.providerA)
            try preferences.set([.referralReceived: .weekly], for: f.providerB)
            #expect(throws: LotseError.self) { try preferences.set([.noResponseAlert: .daily], for: f.providerA) }
        }
        _ = try f.sent(to: [f.serviceA])
        _ = try f.sent(to: [f.serviceA])
        _ = try f.sent(to: [f.serviceB])
        #expect(try f.store.pool.read { try $0.scalarInt("SELECT count(*) FROM notification_mail WHERE account_id = ?", f.providerB.id) } == 0)
        #expect(try run(f, mailbox).sent == 0)   // 10:30: the daily summary leaves at 08:00 tomorrow
        let tomorrow = Timestamp.parse("2026-11-19T07:05:00Z")!   // 08:05 Berlin
        #expect(try run(f, mailbox, now: tomorrow).sent == 1)
        let sent = messages(mailbox)
        #expect(sent.count == 1 && sent[0].contains("a@example.org"))
    }

    @Test func failuresAreRetriedWithBackOff() throws {
        let f = try ReferralFixture()
        let mailbox = NSTemporaryDirectory() + "notify-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        _ = try f.sent(to: [f.serviceA])
        #expect(try run(f, mailbox, command: "/bin/false").failed == 1)
        #expect(try run(f, mailbox, now: ReferralFixture.now.addingTimeInterval(30)).sent == 0)
        #expect(try run(f, mailbox, now: ReferralFixture.now.addingTimeInterval(61)).sent == 1)
        #expect(messages(mailbox).count == 1)
    }

    @Test func defaultsPerRole() {
        #expect(NotificationPreferences.defaultMode(role: .provider, kind: .referralReceived) == .immediate)
        #expect(NotificationPreferences.defaultMode(role: .counselor, kind: .noResponseAlert) == .immediate)
        #expect(NotificationPreferences.defaultMode(role: .provider, kind: .siblingCancelled) == .daily)
        #expect(NotificationPreferences.defaultMode(role: .coordinator, kind: .referralReceived) == .weekly)
    }

    @Test func aSingleNotificationLinksToItsReferralsPageBehindTheLogin() throws {
        let f = try ReferralFixture()
        let mailbox = NSTemporaryDirectory() + "notify-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        let ids = try f.sent(to: [f.serviceA])
        #expect(try run(f, mailbox).sent == 1)
        let text = messages(mailbox).joined()
        let id = try #require(ids.first)
        #expect(text.contains("https://lotse.example.org/test/referrals/\(id)"), "the referral's own page")
        #expect(!text.contains("/test/login/"), "no login link")
    }

    @Test func accountsChooseOnlyOfferedModesForTheirRole() throws {
        let f = try ReferralFixture()
        let settings = AccountSettings(store: f.store, now: ReferralFixture.now)
        let before = try settings.notificationChoices(of: f.providerA)
        #expect(before.map(\.kind) == NotificationPreferences.kinds(for: .provider))
        #expect(before.first { $0.kind == .referralReceived }?.mode == .immediate)
        #expect(before.first { $0.kind == .grantRequested }?.modes == [.immediate, .daily])
        try settings.setNotificationChoices(of: f.providerA, values: ["referral-received": "taeglich"])
        #expect(try settings.notificationChoices(of: f.providerA).first { $0.kind == .referralReceived }?.mode == .daily)
        let wrong = #expect(throws: DirectoryWriter.Rejected.self) {
            try settings.setNotificationChoices(of: f.providerA, values: ["respond-reminder": "nie", "grant-requested": "woechentlich",
                                                                          "poolClaimed": "sofort"])
        }
        #expect(Set(wrong?.problems.map(\.field) ?? []) == ["respond-reminder", "grant-requested"])
        #expect(try settings.notificationChoices(of: f.providerA).first { $0.kind == .respondReminder }?.mode == .immediate, "nothing stored")
        #expect(NotificationPreferences.kinds(for: .coordinator) == [.grantRequested])
        #expect(NotificationPreferences.defaultMode(role: .admin, kind: .grantRequested) == .immediate)
    }
}

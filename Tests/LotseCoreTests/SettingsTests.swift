// SettingsTests: the settings registry — each key's type and range with German errors, the
// defaults matching the code's, audited changes, nothing written when one value is refused, and
// every change visible to the code that reads it (deadlines, retention, digest time, sender).
import Foundation
import Synchronization
import Testing
import Templating
@testable import LotseCore
import SQLite

@Suite struct SettingsTests {
    /// Each key with a value inside its range, one below and one above, and one of the wrong type.
    static let cases: [(key: String, valid: [String], invalid: [(String, String)])] = [
        ("referral.default_respond_by_days", ["1", "60", " 7 "], [("0", "außerhalb"), ("61", "außerhalb"), ("drei", "keine ganze Zahl"), ("", "Bitte einen Wert")]),
        ("referral.urgent_respond_by_days", ["1", "60"], [("0", "außerhalb"), ("61", "außerhalb"), ("morgen", "keine ganze Zahl")]),
        ("referral.alert_after_days", ["0", "60"], [("-1", "außerhalb"), ("61", "außerhalb"), ("2.5", "keine ganze Zahl")]),
        ("referral.auto_cancel_after_days", ["0", "120", "aus", "off"], [("121", "außerhalb"), ("-3", "außerhalb"), ("bald", "keine ganze Zahl")]),
        ("referral.stalled_after_days", ["1", "250"], [("0", "außerhalb"), ("251", "außerhalb"), ("zehn", "keine ganze Zahl")]),
        ("referral.access_grace_days", ["0", "365"], [("366", "außerhalb"), ("-1", "außerhalb"), ("1e3", "keine ganze Zahl")]),
        ("retention.referral_days", ["1", "3650"], [("0", "außerhalb"), ("3651", "außerhalb"), ("ein Jahr", "keine ganze Zahl")]),
        ("retention.audit_days", ["30", "36500"], [("29", "außerhalb"), ("36501", "außerhalb"), ("99999999999999999999", "keine ganze Zahl")]),
        ("retention.notification_days", ["1", "3650"], [("0", "außerhalb"), ("3651", "außerhalb"), ("x", "keine ganze Zahl")]),
        ("retention.membership_application_days", ["1", "3650"], [("0", "außerhalb"), ("3651", "außerhalb"), ("x", "keine ganze Zahl")]),
        ("digest.time", ["MO 07:00", "fr 14:30", "DI 06:05", "SO 23:59", "aus"], [("Montag 7", "kein Wochentag"), ("MO 24:00", "kein Wochentag"), ("XX 07:00", "kein Wochentag")]),
        ("mail.from", ["lotse@stadt.example.de", ""], [("lotse", "keine E-Mail-Adresse"), ("a b@c.de", "keine E-Mail-Adresse"),
                                                        ("x@y.de\r\nBcc: z@w.de", "keine E-Mail-Adresse"), ("<a@b.de>", "keine E-Mail-Adresse")]),
        ("mail.quiet_from", ["0", "23", "aus"], [("24", "außerhalb"), ("-1", "außerhalb"), ("abends", "keine ganze Zahl")]),
        ("mail.quiet_until", ["0", "23"], [("24", "außerhalb"), ("aus", "keine ganze Zahl")]),
        ("mail.daily_hour", ["0", "8", "23"], [("24", "außerhalb"), ("acht", "keine ganze Zahl")]),
        ("housing.hold_default_days", ["1", "14", "90"], [("0", "außerhalb"), ("91", "außerhalb"), ("zwei Wochen", "keine ganze Zahl")]),
        ("housing.hold_min_days", ["1", "90"], [("0", "außerhalb"), ("91", "außerhalb"), ("x", "keine ganze Zahl")]),
        ("housing.hold_max_days", ["1", "180"], [("0", "außerhalb"), ("181", "außerhalb"), ("viel", "keine ganze Zahl")]),
        ("housing.hold_reminder_days", ["0", "30"], [("-1", "außerhalb"), ("31", "außerhalb"), ("drei", "keine ganze Zahl")]),
    ]

    @Test func everyKeyIsCoveredAndEveryDefaultIsValid() throws {
        #expect(Set(Self.cases.map(\.key)) == Set(SettingsRegistry.all.map(\.key)))
        for definition in SettingsRegistry.all {
            #expect(try definition.validate(definition.defaultValue) == definition.defaultValue, "\(definition.key)")
        }
    }

    @Test func eachKeyChecksTypeAndRangeInGerman() throws {
        for (key, valid, invalid) in Self.cases {
            let definition = try #require(SettingsRegistry.definition(key))
            for value in valid { #expect((try? definition.validate(value)) != nil, "\(key) = \(value)") }
            for (value, reason) in invalid {
                #expect {
                    try definition.validate(value)
                } throws: { error in
                    guard let error = error as? LotseError else { return false }
                    return error.kind == .invalidInput && error.message.hasPrefix(definition.label + ":") && error.message.contains(reason)
                        && error.message.contains("Erlaubt ist")
                }
            }
        }
        #expect(try SettingsRegistry.digestTime.validate("mi 09:30") == "WE 09:30")
        #expect(try SettingsRegistry.autoCancelAfterDays.validate("Nie") == "aus")
    }

    @Test func theRegistryDefaultsAreTheCodesDefaults() {
        #expect(ReferralSettings(SettingValues()) == ReferralSettings.standard)
        #expect(SettingValues().digestSchedule == WeeklySchedule.digestDefault)
        #expect(SettingValues().mailFrom == nil)
    }

    @Test func aChangeIsStoredAndAudited() throws {
        let fixture = try Fixture()
        let editor = SettingsEditor(store: fixture.store, now: Timestamp.parse("2026-11-18T09:30:00Z")!)
        let change = try editor.set("referral.alert_after_days", to: "5", by: .commandLine)
        #expect(change == SettingsEditor.Change(key: "referral.alert_after_days", old: "2", new: "5"))
        #expect(try editor.set("referral.alert_after_days", to: "5", by: .commandLine) == nil, "unchanged: nothing written")
        try editor.set("mail.from", to: "info@stadt.example.de", by: .account("admin-1"))
        let rows = try fixture.store.pool.read { db in
            try db.query("SELECT action, account_id, role, what FROM audit_log ORDER BY seq") {
                [$0.string(0), $0.optionalString(1) ?? "-", $0.string(2), $0.string(3)]
            }
        }
        #expect(rows == [["change", "-", "cli", "Einstellung referral.alert_after_days: 2 → 5"],
                         ["change", "admin-1", "admin", "Einstellung mail.from: leer → info@stadt.example.de"]])
        #expect(try fixture.store.pool.read { try AuditLog(db: $0).verify() } == .intact(rows: 2))
        #expect(try editor.entry("referral.alert_after_days") == SettingsEditor.Entry(definition: SettingsRegistry.alertAfterDays, value: "5", isDefault: false))
    }

    @Test func oneRefusedValueWritesNothing() throws {
        let fixture = try Fixture()
        let editor = SettingsEditor(store: fixture.store)
        #expect {
            try editor.update(["referral.alert_after_days": "7", "retention.audit_days": "10"], by: .commandLine)
        } throws: { error in
            let problems = (error as? DirectoryWriter.Rejected)?.problems ?? []
            return problems.map(\.field) == ["retention.audit_days"] && problems[0].message.contains("außerhalb")
        }
        #expect(try editor.values() == SettingValues())
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log") } == 0)
        #expect {
            try editor.set("referral.unbekannt", to: "1", by: .commandLine)
        } throws: { error in
            (error as? LotseError)?.kind == .notFound && (error as? LotseError)?.message.contains("Unbekannte Einstellung") == true
        }
    }

    @Test func changesReachTheCodeThatUsesThem() throws {
        let fixture = try Fixture()
        let editor = SettingsEditor(store: fixture.store)
        for (key, value) in [("referral.alert_after_days", "9"), ("referral.auto_cancel_after_days", "4"), ("referral.stalled_after_days", "20"),
                             ("referral.access_grace_days", "30"), ("referral.default_respond_by_days", "5"), ("referral.urgent_respond_by_days", "2"),
                             ("retention.referral_days", "400"),
                             ("retention.audit_days", "730"), ("retention.notification_days", "90")] {
            try editor.set(key, to: value, by: .commandLine)
        }
        let referral = try fixture.store.pool.read { try ReferralSettings.load($0) }
        #expect(referral.alertAfterWorkingDays == 9 && referral.autoCancelAfterWorkingDays == 4 && referral.stalledAfterWorkingDays == 20)
        #expect(referral.accessGraceDays == 30 && referral.defaultRespondByDays == 5 && referral.urgentRespondByDays == 2)
        #expect(referral.retention.referralDays == 400 && referral.retention.auditDays == 730 && referral.retention.notificationDays == 90)
        try editor.set("referral.auto_cancel_after_days", to: "aus", by: .commandLine)
        #expect(try fixture.store.pool.read { try ReferralSettings.load($0) }.autoCancelAfterWorkingDays == nil)

        // The sender of mails.
        let templates = try TemplateLibrary(directory: ExportFixture.templates)
        let mail = MailSettings.fromEnvironment(["LOTSE_MAIL_FROM": "env@example.org"], networkName: "Netz", templates: templates, links: .fixture)
        #expect(mail.applying(try editor.values()).from.email == "env@example.org", "nothing stored: the environment")
        try editor.set("mail.from", to: "netz@stadt.example.de", by: .commandLine)
        let applied = mail.applying(try editor.values())
        #expect(applied.from == MailAddress("netz@stadt.example.de", name: "Lotse – Netz"))

        // The digest time, read by the scheduler at each check.
        let runs = Mutex(0)
        let job = Scheduler.digestJob(store: fixture.store, fallback: .digestDefault) { _, _ in runs.withLock { $0 += 1 }; return "ok" }
        try editor.set("digest.time", to: "FR 14:30", by: .commandLine)
        _ = try job.run(Timestamp.parse("2026-11-23T07:00:00Z")!)   // Monday 08:00: the default would be due
        #expect(runs.withLock { $0 } == 0)
        _ = try job.run(Timestamp.parse("2026-11-27T13:30:00Z")!)   // Friday 14:30 Berlin
        #expect(runs.withLock { $0 } == 1)
        try editor.set("digest.time", to: "aus", by: .commandLine)
        _ = try job.run(Timestamp.parse("2026-12-04T13:30:00Z")!)
        #expect(runs.withLock { $0 } == 1, "aus: the scheduler leaves the digest to cron")
    }
}

// SettingsPageTests: /admin/einstellungen shows every setting with its value; a refused value
// answers 400 with the German message beside the field, keeps what was typed and changes
// nothing; a valid change is stored, audited with the admin's account and used by the code.
import Foundation
import LotseCore
import SQLite
import Testing

@Suite struct SettingsPageTests {
    @Test func adminsChangeSettingsWithValidationAndAudit() throws {
        let f = try EditingFixture()
        let admin = try f.client(f.admin)
        let page = try admin.get("/admin/einstellungen")
        #expect(page.status == 200)
        for definition in SettingsRegistry.all {
            #expect(page.body.contains("name=\"\(definition.key)\""), "\(definition.key)")
            #expect(page.body.contains(definition.label))
        }
        #expect(page.body.contains("value=\"MO 07:00\"") && page.body.contains("<h2>Aufbewahrungsfristen</h2>"))

        let refused = try admin.post("/admin/einstellungen", [("referral.alert_after_days", "99"), ("mail.from", "keine adresse")])
        #expect(refused.status == 400)
        #expect(refused.body.contains("Eskalation an die Beratung: 99 liegt außerhalb des erlaubten Bereichs."))
        #expect(refused.body.contains("keine E-Mail-Adresse") && refused.body.contains("value=\"keine adresse\""))
        #expect(refused.body.contains("aria-invalid=\"true\""))
        #expect(try SettingsEditor(store: f.site.store).values() == SettingValues())

        let saved = try admin.post("/admin/einstellungen", [("referral.alert_after_days", "4"), ("retention.referral_days", "365"), ("mail.from", "")])
        #expect(saved.location == "/admin/einstellungen?hinweis=gespeichert")
        #expect(try admin.get(saved.location!).body.contains("Die Einstellungen sind gespeichert."))
        let settings = try f.site.store.pool.read { try ReferralSettings.load($0) }
        #expect(settings.alertAfterWorkingDays == 4 && settings.retention.referralDays == 365)
        let audit = try f.site.store.pool.read { db in
            try db.query("SELECT account_id, role, what FROM audit_log WHERE action = 'change' ORDER BY seq") { [$0.string(0), $0.string(1), $0.string(2)] }
        }
        #expect(audit == [[f.admin.id, "admin", "Einstellung referral.alert_after_days: 2 → 4"],
                          [f.admin.id, "admin", "Einstellung retention.referral_days: 180 → 365"]])
        #expect(try admin.post("/admin/einstellungen", [("referral.alert_after_days", "4")]).location == "/admin/einstellungen?hinweis=unveraendert")

        let coordinator = try f.client(f.coordinator)
        #expect(try coordinator.get("/admin/einstellungen").status == 403)
        #expect(try coordinator.post("/admin/einstellungen", [("referral.alert_after_days", "1")]).status == 403)
        #expect(try admin.post("/admin/einstellungen", [("referral.alert_after_days", "1")], includeCSRF: false).status == 403)
    }
}

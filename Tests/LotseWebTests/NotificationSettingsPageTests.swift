// The notification e-mail choices on `/konto/benachrichtigungen`, through the web layer: one
// fieldset per kind of the role, saved with CSRF, a bad value refused with the input kept.
import Foundation
import LotseCore
import Testing

@Suite struct NotificationSettingsPageTests {
    @Test func aProviderChoosesPerKindAndUrgentStaysImmediate() throws {
        let f = try EditingFixture()
        let editor = try f.client(f.providerA)
        let page = try editor.get("/konto/benachrichtigungen")
        #expect(page.status == 200 && page.body.contains("<h1>Benachrichtigungen per E-Mail</h1>"))
        #expect(page.body.components(separatedBy: "<fieldset").count - 1 == NotificationPreferences.kinds(for: .provider).count)
        #expect(page.body.contains("<legend>Neue Vermittlung</legend>") && page.body.contains("<legend>Freigabe beantragt</legend>"))
        #expect(page.body.contains("Dringende Vermittlungen kommen immer sofort"))
        #expect(page.body.contains(#"id="art-referral-received-sofort" name="art-referral-received" value="sofort" checked"#))
        #expect(try editor.get("/konto").body.contains(#"href="/konto/benachrichtigungen""#))
        // Without the CSRF token nothing changes.
        #expect(try editor.post("/konto/benachrichtigungen", [("art-referral-received", "woechentlich")], includeCSRF: false).status == 403)
        let saved = try editor.post("/konto/benachrichtigungen", [("art-referral-received", "woechentlich"), ("art-status-requested", "taeglich")])
        #expect(saved.status == 303 && saved.location == "/konto/benachrichtigungen?gespeichert=1")
        let modes = try f.site.store.pool.read { try NotificationPreferences(db: $0).modes(for: f.providerA) }
        #expect(modes[.referralReceived] == .weekly && modes[.statusRequested] == .daily && modes[.respondReminder] == .immediate)
        let after = try editor.get("/konto/benachrichtigungen?gespeichert=1").body
        #expect(after.contains("Gespeichert.") && after.contains(#"value="woechentlich" checked"#))
    }

    @Test func aBadValueIsRefusedWithTheInputKept() throws {
        let f = try EditingFixture()
        let editor = try f.client(f.providerA)
        let refused = try editor.post("/konto/benachrichtigungen", [("art-referral-received", "taeglich"), ("art-grant-requested", "woechentlich")])
        #expect(refused.status == 400 && refused.body.contains("Bitte für »Freigabe beantragt« eine der angebotenen Möglichkeiten wählen."))
        #expect(refused.body.contains(#"id="art-referral-received-taeglich" name="art-referral-received" value="taeglich" checked"#))
        let modes = try f.site.store.pool.read { try NotificationPreferences(db: $0).modes(for: f.providerA) }
        #expect(modes[.referralReceived] == .immediate, "nothing stored")
    }

    @Test func aCoordinatorChoosesOnlyForGrantAnnouncements() throws {
        let f = try EditingFixture()
        let page = try f.client(f.coordinator).get("/konto/benachrichtigungen").body
        #expect(page.components(separatedBy: "<fieldset").count - 1 == 1 && page.contains("<legend>Freigabe beantragt</legend>"))
        #expect(!page.contains("Dringende Vermittlungen") && !page.contains("value=\"woechentlich\""))
    }
}

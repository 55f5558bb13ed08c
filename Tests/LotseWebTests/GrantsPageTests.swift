// Four eyes for referral-content access, driven through the web layer: a coordinator's
// invitation and an admin's new provider or counselor account wait for a different person —
// an editor of the organization, or with none another coordinator or admin — and every step is
// audited and announced by a notification e-mail whose link never signs anyone in.
import Foundation
import LotseCore
import LotseWeb
import Templating
import Testing

@Suite struct GrantsPageTests {
    func auditCount(_ f: EditingFixture, _ prefix: String) throws -> Int {
        try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log WHERE what LIKE ? AND purpose = 'Rechtevergabe'", prefix + "%") ?? 0 }
    }

    /// Sends the due notification e-mails into the site's mailbox, as the scheduler would.
    func sendNotifications(_ f: EditingFixture) throws {
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "http://127.0.0.1:8080",
                                    transport: SendmailTransport(commandLine: "/usr/bin/tee -a \(f.site.mailbox)"),
                                    templates: try TemplateLibrary(directory: WebFixture.repository + "/Templates"), links: URLs.mailLinks)
        _ = try NotificationMailRun(store: f.site.store, settings: settings, networkName: "Netzwerk").run(now: WebFixture.now)
    }

    func account(_ f: EditingFixture, _ email: String) throws -> Account? {
        try f.site.store.pool.read { try AccountStore(db: $0).account(email: email) }
    }

    @Test func aCoordinatorCannotGiveHerSecondAddressAccessToAMembersReferrals() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let sent = try coordinator.submitForm("/koordination/einladen") {
            $0["email"] = "zweitadresse@example.org"
            $0["name"] = "Koordination privat"
            $0["organization_id"] = EditingFixture.organizationA
        }
        #expect(sent.status == 303 && sent.location == "/koordination/einladen?hinweis=beantragt")
        #expect(try account(f, "zweitadresse@example.org") == nil, "no account before a second person confirms")
        #expect(!f.site.mails.contains("/einladung/"), "no invitation link yet")
        #expect(!f.site.mails.contains(f.providerA.email), "no login-link mail for the announcement")
        try sendNotifications(f)
        let announcement = f.site.mails
        #expect(announcement.contains(f.providerA.email), "announced to the organization's editor")
        #expect(announcement.contains("Freigabe beantragt") && announcement.contains("http://127.0.0.1:8080/freigaben"))
        #expect(!announcement.contains("/anmelden/link/") && !announcement.contains("zweitadresse"), "no login link, no grantee address")
        // Its link, followed signed out, asks for a login and signs no one in.
        let stranger = WebClient(f.site)
        let followed = try stranger.get("/freigaben")
        #expect(followed.status == 303 && followed.location == URLs.login(next: URLs.grants))
        #expect(try stranger.get("/konto").location?.hasPrefix("/anmelden?weiter=") == true)
        #expect(try auditCount(f, "Zugang beantragt") == 1)
        let grant = try #require(try AccessGrants(store: f.site.store).requested(by: f.coordinator).first)
        // Neither the requester nor an admin (the organization has an editor) can confirm it.
        let own = try coordinator.get("/freigaben")
        #expect(own.status == 200 && own.body.contains("Ihre Anträge") && !own.body.contains(">Bestätigen<"))
        #expect(try coordinator.post("/freigaben/\(grant.id)/bestaetigen", []).status == 403)
        #expect(try f.client(f.admin).post("/freigaben/\(grant.id)/bestaetigen", []).status == 403)
        #expect(try f.client(f.providerB).post("/freigaben/\(grant.id)/bestaetigen", []).status == 403)
        #expect(try account(f, "zweitadresse@example.org") == nil)
        // The organization's editor sees and confirms it.
        let editor = try f.client(f.providerA)
        let page = try editor.get("/freigaben")
        #expect(page.status == 200 && page.body.contains("zweitadresse@example.org") && page.body.contains("Bestätigen<span class=\"visually-hidden\">"))
        #expect(page.body.contains("<h1>Zugänge bestätigen</h1>") && page.body.contains("<caption>"))
        let confirmed = try editor.post("/freigaben/\(grant.id)/bestaetigen", [])
        #expect(confirmed.status == 303 && confirmed.location == "/freigaben?hinweis=bestaetigt")
        let invited = try #require(try account(f, "zweitadresse@example.org"))
        #expect(invited.status == .invited && invited.organizations == [EditingFixture.organizationA])
        #expect(f.site.mails.contains("/einladung/") && f.site.mails.contains("zweitadresse@example.org"))
        #expect(try auditCount(f, "Zugang bestätigt") == 1)
        #expect(try editor.post("/freigaben/\(grant.id)/ablehnen", []).status == 409, "decided once")
    }

    @Test func anAdminCannotCreateACounselorInATeamWithoutTheTeamsConfirmation() throws {
        let f = try EditingFixture()
        let admin = try f.client(f.admin)
        let created = try admin.post("/admin/konten", [("email", "mitlesen@example.org"), ("name", "Mit Lesen"), ("role", "counselor"),
                                                       ("organisation", EditingFixture.organizationB)])
        #expect(created.location == "/admin/konten?hinweis=beantragt")
        #expect(try account(f, "mitlesen@example.org") == nil)
        let grant = try #require(try AccessGrants(store: f.site.store).requested(by: f.admin).first)
        #expect(try admin.post("/freigaben/\(grant.id)/bestaetigen", []).status == 403)
        #expect(try f.client(f.coordinator).post("/freigaben/\(grant.id)/bestaetigen", []).status == 403)
        let editor = try f.client(f.providerB)
        #expect(try editor.post("/freigaben/\(grant.id)/ablehnen", []).status == 303)
        #expect(try account(f, "mitlesen@example.org") == nil)
        #expect(try auditCount(f, "Zugang abgelehnt") == 1)
        // Accounts without referral content are created at once.
        #expect(try admin.post("/admin/konten", [("email", "koord2@example.org"), ("name", "K2"), ("role", "coordinator")]).location
                == "/admin/konten?hinweis=angelegt")
    }

    @Test func anOrganizationWithoutEditorsNeedsASecondCoordinatorOrAdmin() throws {
        let f = try EditingFixture()
        let lonely = try #require(try f.site.store.pool.read { db in
            try db.scalarString("SELECT id FROM organization WHERE id NOT IN (SELECT organization_id FROM account_organization) AND id NOT IN (SELECT organization_id FROM account WHERE organization_id IS NOT NULL) ORDER BY id LIMIT 1")
        })
        let admin = try f.client(f.admin)
        _ = try admin.post("/admin/konten", [("email", "neu@example.org"), ("name", "Neu"), ("role", "provider"), ("organisation", lonely)])
        let grant = try #require(try AccessGrants(store: f.site.store).requested(by: f.admin).first)
        #expect(try admin.post("/freigaben/\(grant.id)/bestaetigen", []).status == 403, "never the requester")
        try sendNotifications(f)
        #expect(f.site.mails.contains(f.coordinator.email), "announced to the other coordinator")
        #expect(!f.site.mails.contains("/anmelden/link/"))
        let coordinator = try f.client(f.coordinator)
        #expect(try coordinator.get("/freigaben").body.contains("neu@example.org"))
        #expect(try coordinator.post("/freigaben/\(grant.id)/bestaetigen", []).status == 303)
        #expect(try account(f, "neu@example.org")?.status == .active)
    }
}

// Security of the editing screens: every form submission without or with a wrong CSRF token
// is refused (403) and changes nothing; invitation links that expired, were used or never
// issued are refused.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct EditingSecurityTests {
    /// Fields that would change something if the token were accepted.
    static let harmfulFields: [(String, String)] = [
        ("name", "Übernommen"), ("description", "Übernommen"), ("status", "done"), ("aktion", "aufnehmen"), ("ausblenden", "1"),
        ("kommentar", "Übernommen"), ("text", "Eine Korrektur mit genug Zeichen."), ("capacity_status", "available"), ("bloecke", "0"),
        ("email", "neu@example.org"), ("role", "admin"), ("taxonomie", "zielgruppe"), ("zielgruppe-name", "Neu"), ("level", "quartier"),
        ("parent_id", ""), ("topic", "Neu"), ("organization_id", EditingFixture.organizationA), ("partner_id", EditingFixture.organizationB),
        ("visibility", "public"), ("bedarf", "x"),
    ]

    @Test func formsWithoutOrWithAWrongTokenAreRefusedAndChangeNothing() throws {
        let f = try EditingFixture()
        let records = MatrixRecords(f)
        var targets: [(route: String, path: String, access: Access)] = []
        for route in Routes.table where route.method == "POST" && !Routes.tokenAuthorised.contains(route.name) {
            guard let path = try AuthorizationMatrixTests.path(route.pattern, name: route.name, records: records) else { continue }
            targets.append((route.name, path, route.access))
        }
        #expect(targets.count >= 40)
        let before = try f.digest()
        for target in targets {
            let actor: AuthorizationMatrixTests.Actor
            switch target.access {
            case .public: actor = .anonymous
            case .admin: actor = .admin
            case .counselor, .referralParty: actor = .counselor
            case .provider: actor = .providerA
            default: actor = .coordinator
            }
            for token in [nil, "gefaelscht", String(repeating: "A", count: 43)] {
                let client = try records.client(actor)
                let fields = token.map { [("csrf", $0)] + Self.harmfulFields } ?? Self.harmfulFields
                let answer = try client.post(target.path, fields, includeCSRF: false)
                #expect(answer.status == 403, "POST \(target.path) [\(target.route)] as \(actor) with token \(token ?? "none"): \(answer.status)")
                #expect(answer.body.contains("Sicherheitsprüfung"), "\(target.route): refused for another reason")
            }
        }
        #expect(try f.digest() == before)
        #expect(f.site.mails.isEmpty)
    }

    @Test func invitationLinksThatExpiredWereUsedOrWereNeverIssuedAreRefused() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let sent = try coordinator.submitForm("/koordination/einladen") {
            $0["email"] = "neu-a@example.org"
            $0["name"] = "Nele Neu"
            $0["organization_id"] = EditingFixture.organizationA
        }
        #expect(sent.status == 303)
        // Four eyes: the organization's editor confirms the invitation first.
        let grant = try #require(try AccessGrants(store: f.site.store).requested(by: f.coordinator).first)
        #expect(try f.client(f.providerA).post("/freigaben/\(grant.id)/bestaetigen", []).status == 303)
        let mails = f.site.mails
        #expect(mails.contains("To: Nele Neu <neu-a@example.org>") && mails.contains("Wohnungsgesellschaft Weserufer"))
        let token = try #require(mails.range(of: "/einladung/").map { String(mails[$0.upperBound...].prefix(43)) })
        let invited = try #require(try f.site.store.pool.read { try AccountStore(db: $0).account(email: "neu-a@example.org") })
        #expect(invited.status == .invited && invited.role == .provider && invited.organizations == [EditingFixture.organizationA])

        // Never issued: refused, nothing activated.
        let stranger = WebClient(f.site)
        #expect(try stranger.get("/einladung/\(String(repeating: "B", count: 43))").status == 404)
        #expect(try stranger.post("/einladung/\(String(repeating: "B", count: 43))", [("name", "Eve")]).status == 404)
        #expect(try stranger.get("/einladung/kaputt").status == 404)

        // Used once: works; the second time it is refused.
        let invitee = WebClient(f.site)
        #expect(try invitee.get("/einladung/\(token)").status == 200)
        let accepted = try invitee.post("/einladung/\(token)", [("name", "Nele Neu")])
        #expect(accepted.status == 303 && accepted.location == "/pflege")
        #expect(try invitee.get("/pflege").body.contains("Wohnungsgesellschaft Weserufer"))
        let again = WebClient(f.site)
        let reused = try again.get("/einladung/\(token)")
        #expect(reused.status == 410 && reused.body.contains("schon benutzt"))
        #expect(try again.post("/einladung/\(token)", [("name", "Eve")]).status == 410)
        #expect(again.cookies[Authentication.sessionCookie] == nil)

        // Expired: refused, the account stays invited.
        let late = try WebClient.account(f.site, email: "spaet@example.org", role: .provider, organizations: [EditingFixture.organizationA], password: nil)
        let old = try f.site.store.pool.write { db in
            try db.execute("UPDATE account SET status = 'invited' WHERE id = ?", late.id)
            return try LoginLinks(db: db, now: WebFixture.now.addingTimeInterval(-8 * 86_400)).issue(accountID: late.id, purpose: .invite)
        }
        let expired = WebClient(f.site)
        let page = try expired.get("/einladung/\(old)")
        #expect(page.status == 410 && page.body.contains("abgelaufen"))
        #expect(try expired.post("/einladung/\(old)", [("name", "Spät")]).status == 410)
        #expect(try f.site.store.pool.read { try AccountStore(db: $0).account(id: late.id)?.status } == .invited)
        // A login link is no invitation.
        let login = try f.site.store.pool.write { try LoginLinks(db: $0, now: WebFixture.now).issue(accountID: late.id, purpose: .login) }
        #expect(try WebClient(f.site).get("/einladung/\(login)").status == 404)
    }

    @Test func invitingTwiceOrWithBadInputIsRefusedWithTheFormKept() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let bad = try coordinator.submitForm("/koordination/einladen") { $0["email"] = "kein-at"; $0["name"] = "" }
        #expect(bad.status == 400 && bad.body.contains("value=\"kein-at\"") && bad.body.contains("Organisation wählen"))
        let twice = try coordinator.submitForm("/koordination/einladen") {
            $0["email"] = f.providerA.email
            $0["name"] = "Doppelt"
            $0["organization_id"] = EditingFixture.organizationA
        }
        #expect(twice.status == 400 && twice.body.contains("Es gibt schon ein Konto"))
        #expect(f.site.mails.isEmpty)
        let first = try coordinator.submitForm("/koordination/einladen") {
            $0["email"] = "wartet@example.org"; $0["name"] = "Wartet"; $0["organization_id"] = EditingFixture.organizationA
        }
        #expect(first.status == 303)
        let pending = try coordinator.submitForm("/koordination/einladen") {
            $0["email"] = "wartet@example.org"; $0["name"] = "Wartet"; $0["organization_id"] = EditingFixture.organizationA
        }
        #expect(pending.status == 400 && pending.body.contains("wartet schon ein Zugang auf Bestätigung"))
    }
}

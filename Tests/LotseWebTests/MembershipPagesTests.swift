// Joining and leaving on the web: the public application form (double opt-in by e-mail, the
// spam defences: honeypot, too fast, forged or expired stamp, rate limit), the coordinators'
// queue (admit creates the member entries and asks for the editor's invitation; reject needs a
// reason), leaving (entries leave search, pages, API and exports; history stays), rejoining and
// the register's CSV download.
import Foundation
import HTTP
import LotseCore
@testable import LotseWeb
import Testing

@Suite struct MembershipPagesTests {
    /// A need term and a Sozialraum of the sample network.
    static func vocabulary(_ f: EditingFixture) throws -> (need: String, area: String) {
        try f.site.store.pool.read { db in
            (try #require(try db.scalarString("""
                SELECT tt.id FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id
                WHERE t.code = 'bedarf' AND tt.retired_at IS NULL AND tt.parent_id IS NOT NULL ORDER BY tt.id LIMIT 1
                """)),
             try #require(try db.scalarString("SELECT id FROM sozialraum WHERE retired_at IS NULL AND level = 'stadtteil' ORDER BY id LIMIT 1")))
        }
    }

    /// A stamp as if the form had been shown `age` seconds before the fixture's "now".
    static func stamp(_ f: EditingFixture, age: TimeInterval = 120) throws -> String {
        MembershipFormStamp.make(now: WebFixture.now.addingTimeInterval(-age), key: try f.site.store.keys.signingKey())
    }

    /// A complete application.
    static func fields(_ f: EditingFixture, name: String = "Stadtteiltreff Lindenhof", email: String = "ansprech@lindenhof.example",
                       stamp: String? = nil) throws -> [(String, String)] {
        let (need, area) = try vocabulary(f)
        return [
            ("name", name), ("kind", "initiative"), ("street", "Lindenstraße 4"), ("postal_code", "28195"), ("city", "Bremen"),
            ("sozialraum_id", area), ("website", "https://lindenhof.example"), ("description", "Offener Treff mit Beratung für Nachbarinnen und Nachbarn."),
            ("service1_name", "Nachbarschaftscafé"), ("service1_description", "Jeden Dienstag Kaffee, Kuchen und Rat."), ("service1_needs", need),
            ("service2_name", ""), ("service2_description", ""), ("service3_name", ""), ("service3_description", ""),
            ("contact_name", "Alex Beispiel"), ("contact_email", email),
            (ApplicationForm.stampField, try stamp ?? Self.stamp(f)),
        ]
    }

    /// The body of a download, streamed or not.
    static func download(_ f: EditingFixture, _ target: String) throws -> String {
        let response = try f.site.app.handler(try Request(method: "GET", target: target))
        switch response.body {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .stream(let write):
            let writer = CollectingWriter()
            try write(writer)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
    }

    static func count(_ f: EditingFixture, _ sql: String) throws -> Int {
        try f.site.store.pool.read { try $0.scalarInt(sql) ?? -1 }
    }

    @Test func applicationIsConfirmedByMailThenAdmittedOrRejected() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        let form = try visitor.get("/mitglied-werden")
        #expect(form.status == 200 && form.body.contains("<h1>Mitglied werden</h1>") && form.body.contains("Datenschutz"))
        #expect(form.body.contains("<div hidden><label for=\"feld-homepage_url\">") && form.body.contains("name=\"formular_zeit\""))
        #expect(try visitor.get("/").body.contains("href=\"/mitglied-werden\""))

        let sent = try visitor.post("/mitglied-werden", try Self.fields(f))
        #expect(sent.status == 200 && sent.body.contains("Bitte bestätigen Sie Ihren Antrag"))
        #expect(try Self.count(f, "SELECT count(*) FROM membership_application WHERE status = 'unconfirmed'") == 1)
        let mail = f.site.mails
        #expect(mail.contains("ansprech@lindenhof.example") && mail.contains("Stadtteiltreff Lindenhof"))
        #expect(!mail.contains("Alex Beispiel"))
        let token = try #require(mail.range(of: #"/mitglied-werden/bestaetigen/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(mail[$0]) })
        // Not in the queue before the link is used.
        let coordinator = try f.client(f.coordinator)
        #expect(!(try coordinator.get("/koordination/mitglieder/antraege").body.contains("Lindenhof")))
        // The link shows a button; the page signs no one in.
        let confirmPage = try visitor.get(token)
        #expect(confirmPage.status == 200 && confirmPage.body.contains("Antrag bestätigen"))
        #expect(try Self.count(f, "SELECT count(*) FROM membership_application WHERE status = 'open'") == 0)
        #expect(try visitor.post(token, []).body.contains("Ihr Antrag ist bestätigt"))
        #expect(try visitor.post(token, []).status == 200)   // a second click changes nothing
        #expect(try visitor.get("/konto").status == 303)      // and no one is signed in
        #expect(try visitor.get("/mitglied-werden/bestaetigen/" + String(repeating: "A", count: 43)).status == 404)

        let queue = try coordinator.get("/koordination/mitglieder/antraege").body
        #expect(queue.contains("Stadtteiltreff Lindenhof") && queue.contains("Alex Beispiel") && queue.contains("Nachbarschaftscafé"))
        let id = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM membership_application") })
        #expect(try f.client(f.providerA).post("/koordination/mitglieder/antraege/\(id)/aufnehmen", []).status == 403)
        let admitted = try coordinator.post("/koordination/mitglieder/antraege/\(id)/aufnehmen", [])
        #expect(admitted.location == "/koordination/mitglieder/antraege?hinweis=aufgenommen")
        let organization = try #require(try f.site.store.pool.read {
            try $0.scalarString("SELECT organization_id FROM membership_application WHERE id = ? AND status = 'admitted'", id)
        })
        #expect(try WebClient(f.site).get("/organisationen/\(organization)").body.contains("Nachbarschaftscafé"))
        #expect(try WebClient(f.site).get("/suche?q=Nachbarschaftscaf%C3%A9").body.contains("Nachbarschaftscafé"))
        #expect(try Self.count(f, "SELECT count(*) FROM access_grant WHERE email = 'ansprech@lindenhof.example' AND status = 'pending' AND role = 'provider'") == 1)
        #expect(try coordinator.post("/koordination/mitglieder/antraege/\(id)/aufnehmen", []).status == 409)
        let history = try coordinator.get("/pflege/organisationen/\(organization)/verlauf").body
        #expect(history.contains("Test Koordination"))

        // A second application is rejected: a reason is required and kept.
        _ = try visitor.post("/mitglied-werden", try Self.fields(f, name: "Briefkastenfirma", email: "x@briefkasten.example"))
        let second = try #require(f.site.mails.ranges(of: #/\/mitglied-werden\/bestaetigen\/[A-Za-z0-9_-]{43}/#).last.map { String(f.site.mails[$0]) })
        _ = try visitor.post(second, [])
        let other = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM membership_application WHERE status = 'open'") })
        let missing = try coordinator.post("/koordination/mitglieder/antraege/\(other)/ablehnen", [("grund", " ")])
        #expect(missing.status == 400 && missing.body.contains("Bitte einen Grund") && missing.body.contains("href=\"#feld-grund-\(other)\""))
        #expect(try coordinator.post("/koordination/mitglieder/antraege/\(other)/ablehnen", [("grund", "Kein Angebot im Gebiet")]).location
                == "/koordination/mitglieder/antraege?hinweis=abgelehnt")
        let decided = try coordinator.get("/koordination/mitglieder/antraege").body
        #expect(decided.contains("Abgelehnt") && decided.contains("Kein Angebot im Gebiet") && decided.contains("Keine Anträge warten"))
    }

    @Test func spamDefencesKeepTheInputAndStoreNothing() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        // The honeypot: the same answer as for a person, nothing stored, no mail.
        _ = try visitor.get("/mitglied-werden")   // the form's CSRF cookie
        let trapped = try visitor.post("/mitglied-werden", try Self.fields(f) + [(ApplicationForm.trapField, "http://spam.example")])
        #expect(trapped.status == 200 && trapped.body.contains("Bitte bestätigen Sie Ihren Antrag"))
        #expect(try Self.count(f, "SELECT count(*) FROM membership_application") == 0 && f.site.mails.isEmpty)
        // Too fast, expired, forged: 400, the input kept, nothing stored.
        for (stamp, message) in [(try Self.stamp(f, age: 1), "sehr schnell"), (try Self.stamp(f, age: 13 * 3600), "zu lange geöffnet"),
                                 ("1700000000.gefaelscht", "unvollständig angekommen"), ("", "unvollständig angekommen")] {
            let answer = try visitor.post("/mitglied-werden", try Self.fields(f, stamp: stamp))
            #expect(answer.status == 400 && answer.body.contains(message), "\(stamp)")
            #expect(answer.body.contains("value=\"Stadtteiltreff Lindenhof\"") && answer.body.contains("Jeden Dienstag Kaffee"))
        }
        #expect(try Self.count(f, "SELECT count(*) FROM membership_application") == 0)
        // Field errors in German, input kept.
        var bad = try Self.fields(f)
        bad[3] = ("postal_code", "2819")
        bad[16] = ("contact_email", "kein-at")
        let invalid = try visitor.post("/mitglied-werden", bad)
        #expect(invalid.status == 400 && invalid.body.contains("fünfstellige Postleitzahl") && invalid.body.contains("gültige E-Mail-Adresse"))
        #expect(invalid.body.contains("value=\"kein-at\"") && invalid.body.contains("checked"))
        // The rate limit: five an hour per address (the invalid one above counted).
        for index in 0..<4 { #expect(try visitor.post("/mitglied-werden", try Self.fields(f, email: "a\(index)@example.org")).status == 200) }
        let limited = try visitor.post("/mitglied-werden", try Self.fields(f, email: "zu-viel@example.org"))
        #expect(limited.status == 429 && limited.headers["Retry-After"] != nil)
        #expect(try Self.count(f, "SELECT count(*) FROM membership_application") == 4)
    }

    @Test func leavingHidesTheEntriesKeepsHistoryAndRejoiningShowsThem() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let organization = EditingFixture.organizationA, service = EditingFixture.serviceA
        let name = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT name FROM organization WHERE id = ?", organization) })
        let visitor = WebClient(f.site)
        #expect(try Self.download(f, "/export/hsds-json").contains(service))
        #expect(try Self.download(f, "/export/csv?tabelle=service").contains(service))
        let form = try coordinator.get("/koordination/mitglieder/\(organization)/austritt")
        #expect(form.status == 200 && form.body.contains("value=\"2026-11-18\""))
        let missing = try coordinator.post("/koordination/mitglieder/\(organization)/austritt", [("date", "2026-12-31"), ("reason", "")])
        #expect(missing.status == 400 && missing.body.contains("nicht in der Zukunft") && missing.body.contains("Grund des Austritts"))
        #expect(try coordinator.post("/koordination/mitglieder/\(organization)/austritt", [("date", "2026-11-15"), ("reason", "Kündigung zum Jahresende")])
            .location == "/koordination/mitglieder?hinweis=ausgetreten")
        // Out of the public directory: pages, search, API, exports.
        #expect(try visitor.get("/angebote/\(service)").status == 404)
        #expect(try visitor.get("/organisationen/\(organization)").status == 404)
        #expect(try visitor.get("/api/services/\(service)").status == 404)
        #expect(!(try visitor.get("/api/organizations").body.contains(organization)))
        #expect(!(try Self.download(f, "/export/hsds-json").contains(service)))
        #expect(!(try Self.download(f, "/export/csv?tabelle=service").contains(service)))
        #expect(!(try visitor.get("/suche?q=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").body.contains(service)))
        // History and records stay; the register says when and why.
        #expect(try coordinator.get("/pflege/organisationen/\(organization)/verlauf").body.contains("Ausgetreten"))
        #expect(try Self.count(f, "SELECT count(*) FROM service WHERE id = '\(service)'") == 1)
        let register = try coordinator.get("/koordination/mitglieder").body
        #expect(register.contains("ausgetreten am 15.11.2026") && register.contains("Kündigung zum Jahresende"))
        #expect(try coordinator.post("/koordination/mitglieder/\(organization)/austritt", [("date", "2026-11-15"), ("reason", "noch einmal")]).status == 409)
        let csv = try coordinator.get("/koordination/mitglieder.csv")
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8" && csv.body.hasPrefix("id,name,art,status,mitglied_seit,ausgetreten_am,austrittsgrund\r\n"))
        #expect(csv.body.contains(",Ausgetreten,") && csv.body.contains(",2026-11-15,Kündigung zum Jahresende\r\n"))
        // Rejoining: visible again, member since today, both events recorded.
        #expect(try coordinator.post("/koordination/mitglieder/\(organization)", [("aktion", "wieder")]).status == 303)
        #expect(try visitor.get("/angebote/\(service)").status == 200)
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT member_since FROM organization WHERE id = ?", organization) } == "2026-11-18")
        #expect(try Members(store: f.site.store).events(organization).map(\.kind) == ["left", "rejoined"])
    }
}

// EngagementPagesTests: the neighbourhood-help pages — opportunities are public and never carry
// a helper; helpers' names and contacts reach only the brokering DLZ's staff (not another DLZ,
// another member, the coordination, the admin, the requesting counselor, any export or the API);
// brokering one help request end to end through the forms; bad input answers in German with
// the input kept; illegal placement moves answer 409; the coordinators' figures page.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

extension SeedIDs {
    /// The Dienstleistungszentrum Findorff (a DLZ that brokers neighbourhood help).
    static let dlzFindorff = "c94f49db-46ce-5e07-9e9a-72b988ae60e9"
    /// Its service "Beratung und Nachbarschaftshilfe im DLZ Findorff".
    static let dlzFindorffService = "e7a05e13-315c-5dad-83ad-028fe8943ad0"
    /// The Dienstleistungszentrum Osterholz.
    static let dlzOsterholz = "39ef20fe-b862-587e-8a84-4c8e6d6b8ad7"
    /// The Stadtteil Findorff.
    static let findorff = "4de7f34c-82c8-5704-b75d-df5a1be52b5c"
    /// The seeded opportunity "Besuchspatenschaft" of the DLZ Findorff.
    static let opportunityFindorff = "6f1c2a10-0e11-4b8a-9d1e-5a0000000001"
    /// The seeded helper Renate Beispiel of the DLZ Findorff.
    static let helperFindorff = "7a2d3b20-1f22-4c9b-8e2f-6b0000000001"
    /// What betrays a seeded helper.
    static let helperMarks = ["Renate Beispiel", "renate.beispiel@example.org", "0421 555 1001", "Emre Muster", "Olga Probe", "olga.probe@example.org",
                              "Karl Fiktiv", "0421 555 1004"]
}

@Suite(.serialized) struct EngagementPagesTests {
    @Test func opportunitiesArePublicAndNoPublicPageExportOrAPICarriesAHelper() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        let list = try visitor.get("/engagement")
        #expect(list.status == 200)
        #expect(list.body.contains("Besuchspatenschaft für ältere Nachbar:innen") && list.body.contains("Büro DLZ Findorff"))
        let filtered = try visitor.get("/engagement?art=technik")
        #expect(filtered.body.contains("Digital dabei") && !filtered.body.contains("Besuchspatenschaft"))
        var bodies: [(String, String)] = [("/engagement", list.body)]
        for path in ["/engagement.json", "/suche?q=Renate", "/suche.json?q=Beispiel", "/api/services?search=Renate", "/api/organizations/\(SeedIDs.dlzFindorff)",
                     "/organisationen/\(SeedIDs.dlzFindorff)", "/export/vcard", "/export/xml",
                     "/export/hsds-json", "/export/csv"] {
            bodies.append((path, try visitor.get(path).body))
        }
        for (path, body) in bodies {
            for mark in SeedIDs.helperMarks { #expect(!body.contains(mark), "\(path) shows »\(mark)«") }
        }
    }

    @Test func helperDataReachesOnlyTheBrokeringStaff() throws {
        let f = try EditingFixture()
        let findorff = try WebClient.account(f.site, email: "dlz-f@example.org", role: .provider, organizations: [SeedIDs.dlzFindorff])
        let osterholz = try WebClient.account(f.site, email: "dlz-o@example.org", role: .provider, organizations: [SeedIDs.dlzOsterholz])
        let own = try f.client(findorff)
        let list = try own.get("/engagement/helfende")
        #expect(list.status == 200 && list.body.contains("Renate Beispiel") && list.body.contains("renate.beispiel@example.org"))
        #expect(!list.body.contains("Olga Probe"))
        #expect(try own.get("/engagement/helfende/\(SeedIDs.helperFindorff)").body.contains("0421 555 1001"))
        let other = try f.client(osterholz)
        let otherList = try other.get("/engagement/helfende")
        #expect(otherList.status == 200 && otherList.body.contains("Olga Probe") && !otherList.body.contains("Renate"))
        // Another DLZ, another member, the coordination, the admin, the counselor: 403, and no mark of the helper.
        for (who, client) in [("other DLZ", other), ("provider A", try f.client(f.providerA)), ("coordinator", try f.client(f.coordinator)),
                              ("admin", try f.client(f.admin)), ("counselor", try f.client(f.counselor))] {
            for path in ["/engagement/helfende/\(SeedIDs.helperFindorff)", "/engagement/helfende/\(SeedIDs.helperFindorff).json"] {
                let answer = try client.get(path)
                #expect(answer.status == 403, "\(who) \(path): \(answer.status)")
                for mark in SeedIDs.helperMarks where !(who == "other DLZ" && mark.hasPrefix("Olga")) {
                    #expect(!answer.body.contains(mark), "\(who) saw »\(mark)«")
                }
            }
            if who != "other DLZ" {
                let helpers = try client.get("/engagement/helfende")
                #expect(helpers.status == 403, "\(who) /engagement/helfende: \(helpers.status)")
            }
            let change = try client.post("/engagement/helfende/\(SeedIDs.helperFindorff)", [("name", "Übernommen"), ("kinds", "besuch"), ("phone", "1")])
            #expect(change.status == 403, "\(who) changed a helper: \(change.status)")
        }
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT name FROM helper WHERE id = ?", SeedIDs.helperFindorff) } == "Renate Beispiel")
        // The coordination's figures page carries no helper either.
        let figures = try f.client(f.coordinator).get("/koordination/engagement")
        #expect(figures.status == 200 && figures.body.contains("Nachbarschaftshilfe in Zahlen"))
        for mark in SeedIDs.helperMarks { #expect(!figures.body.contains(mark)) }
    }

    @Test func brokeringOneHelpRequestThroughTheForms() throws {
        let f = try EditingFixture()
        let staff = try WebClient.account(f.site, email: "dlz-f@example.org", role: .provider, organizations: [SeedIDs.dlzFindorff])
        let counselor = try f.client(f.counselor)
        // Bad input: German messages, input kept, nothing recorded.
        let bad = try counselor.post("/engagement/anfragen/neu", [("case_reference", "NH-Web"), ("kind", ""), ("sozialraum_id", ""), ("languages", "deutsch")])
        #expect(bad.status == 400 && bad.body.contains("Bitte eine Art der Hilfe wählen.") && bad.body.contains("ist kein Sprachcode"))
        #expect(bad.body.contains("value=\"NH-Web\""))
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM help_request") } == 0)
        // Recorded: on to consent and sending, to the DLZ's service.
        let created = try counselor.post("/engagement/anfragen/neu", [("case_reference", "NH-Web"), ("kind", "besuch"), ("sozialraum_id", SeedIDs.findorff),
                                                                      ("languages", "de"), ("schedule", "mittwochs"), ("desired_from", "")])
        #expect(created.status == 303)
        let location = try #require(created.location)
        #expect(location.contains("/versand") && location.contains(SeedIDs.dlzFindorffService))
        let id = String(location.split(separator: "/")[1])
        try DeskFixtureSteps.consentAndSend(counselor, id, organization: SeedIDs.dlzFindorff, service: SeedIDs.dlzFindorffService)
        // The DLZ accepts in its inbox, then proposes a helper.
        let dlz = try f.client(staff)
        let before = try dlz.get("/engagement/anfragen/\(id)")
        #expect(before.status == 200 && before.body.contains("Bitte nehmen Sie die Anfrage zuerst") && !before.body.contains("NH-Web"))
        #expect(try dlz.post("/vermittlungen/\(id)/status", [("status", "accepted")]).status == 303)
        let page = try dlz.get("/engagement/anfragen/\(id)")
        #expect(page.body.contains("Helfende:n vorschlagen") && page.body.contains("Renate Beispiel") && page.body.contains("mittwochs"))
        #expect(try dlz.post("/engagement/anfragen/\(id)/vorschlag", [("helfende", SeedIDs.helperFindorff)]).status == 303)
        let placement = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM help_placement WHERE referral_id = ?", id) })
        // An illegal move: 409 with a German message; then agree.
        let illegal = try dlz.post("/engagement/einsaetze/\(placement)", [("ereignis", "start")])
        #expect(illegal.status == 409 && illegal.body.contains("kann nicht"))
        #expect(try dlz.post("/engagement/einsaetze/\(placement)", [("ereignis", "agree")]).status == 303)
        // Ask by e-mail: the mail goes to the helper, without the citizen's data.
        #expect(try dlz.post("/engagement/einsaetze/\(placement)/anfrage-mail", []).status == 409)  // only while proposed
        let mail = (try? String(contentsOfFile: f.site.mailbox, encoding: .utf8)) ?? ""
        #expect(!mail.contains("NH-Web") && !mail.contains("mittwochs"))
        // The counselor sees the state, never the helper.
        let mine = try counselor.get("/engagement/anfragen/\(id)")
        #expect(mine.status == 200 && mine.body.contains("Einsatz vereinbart") && mine.body.contains("NH-Web"))
        for mark in SeedIDs.helperMarks { #expect(!mine.body.contains(mark), "counselor saw »\(mark)«") }
        let mineJSON = try counselor.get("/engagement/anfragen/\(id).json")
        for mark in SeedIDs.helperMarks + [SeedIDs.helperFindorff] { #expect(!mineJSON.body.contains(mark), "counselor JSON shows »\(mark)«") }
        #expect(try counselor.get("/engagement/anfragen").body.contains("Einsatz vereinbart"))
        // The counselor cannot move the placement; coordinators see no request.
        #expect(try counselor.post("/engagement/einsaetze/\(placement)", [("ereignis", "start")]).status == 403)
        #expect(try f.client(f.coordinator).get("/engagement/anfragen/\(id)").status == 403)
    }

    @Test func askingAHelperByEmailSendsNoCitizenData() throws {
        let f = try EditingFixture()
        let staff = try WebClient.account(f.site, email: "dlz-f@example.org", role: .provider, organizations: [SeedIDs.dlzFindorff])
        let counselor = try f.client(f.counselor)
        let created = try counselor.post("/engagement/anfragen/neu", [("case_reference", "Geheim-77"), ("kind", "einkauf"), ("sozialraum_id", SeedIDs.findorff),
                                                                      ("schedule", "freitags früh")])
        let id = String(try #require(created.location).split(separator: "/")[1])
        try DeskFixtureSteps.consentAndSend(counselor, id, organization: SeedIDs.dlzFindorff, service: SeedIDs.dlzFindorffService)
        let dlz = try f.client(staff)
        #expect(try dlz.post("/vermittlungen/\(id)/status", [("status", "accepted")]).status == 303)
        #expect(try dlz.post("/engagement/anfragen/\(id)/vorschlag", [("helfende", SeedIDs.helperFindorff)]).status == 303)
        let placement = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM help_placement WHERE referral_id = ?", id) })
        let asked = try dlz.post("/engagement/einsaetze/\(placement)/anfrage-mail", [])
        #expect(asked.status == 303, "\(asked.status) \(asked.body.prefix(300))")
        let mail = try String(contentsOfFile: f.site.mailbox, encoding: .utf8)
        #expect(mail.contains("renate.beispiel@example.org"))
        for secret in ["Geheim-77", "freitags", "Einkaufen", id, String(id.prefix(8))] { #expect(!mail.contains(secret), "mail shows »\(secret)«") }
        #expect(mail.contains("/engagement") && !mail.contains("/anmelden/link") && !mail.contains("/e/"))
        let mine = try counselor.get("/engagement/anfragen/\(id)")
        #expect(mine.body.contains("per E-Mail angefragt") && !mine.body.contains("renate"))
    }
}

/// Consent and sending through the referral forms (the help request is a referral).
enum DeskFixtureSteps {
    static func consentAndSend(_ counselor: WebClient, _ id: String, organization: String, service: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let consent = try counselor.post("/vermittlungen/\(id)/einwilligung", DeskFixture.consentFields([organization], categories: [.needs]))
        #expect(consent.status == 303, "consent: \(consent.status)", sourceLocation: sourceLocation)
        let sent = try counselor.post("/vermittlungen/\(id)/senden", [("ziel", "service:\(service)")])
        #expect(sent.status == 303, "send: \(sent.status) \(sent.body.prefix(300))", sourceLocation: sourceLocation)
    }
}

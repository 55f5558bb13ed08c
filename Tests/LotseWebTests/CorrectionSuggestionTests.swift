// "Korrektur vorschlagen": the form on every public service page, 10–2000 characters, the
// text kept on error, the suggestion with the owner and the coordinators, marked done there.
import Foundation
import LotseCore
import Testing

@Suite struct CorrectionSuggestionTests {
    @Test func theFormOnTheServicePageReachesOwnerAndCoordinators() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        let page = try visitor.get("/angebote/\(EditingFixture.serviceA)").body
        #expect(page.contains("Korrektur vorschlagen") && page.contains("action=\"/angebote/\(EditingFixture.serviceA)/korrektur\""))
        #expect(!page.contains("name=\"email\""))
        #expect(!(try visitor.get("/angebote/\(EditingFixture.serviceA).json").body.contains("korrektur")))
        let short = try visitor.post("/angebote/\(EditingFixture.serviceA)/korrektur", [("text", "<b>x</b>")])
        #expect(short.status == 400 && short.body.contains("mindestens 10 Zeichen") && short.body.contains("&lt;b&gt;x&lt;/b&gt;</textarea>"))
        #expect(short.body.contains("aria-invalid=\"true\"") && short.body.contains("href=\"#feld-text\""))
        #expect(try visitor.post("/angebote/\(EditingFixture.serviceA)/korrektur", [("text", String(repeating: "a", count: 2001))]).status == 400)
        let thanks = try visitor.post("/angebote/\(EditingFixture.serviceA)/korrektur", [("text", "Der Treff hat jetzt auch freitags geöffnet.")])
        #expect(thanks.status == 200 && thanks.body.contains("Danke für Ihren Hinweis"))
        #expect(try visitor.post("/angebote/gibt-es-nicht/korrektur", [("text", "Der Treff hat jetzt auch freitags geöffnet.")]).status == 404)
        // The owner sees it on the dashboard, another provider does not.
        #expect(try f.client(f.providerA).get("/pflege").body.contains("freitags geöffnet"))
        #expect(!(try f.client(f.providerB).get("/pflege").body.contains("freitags geöffnet")))
        let coordinator = try f.client(f.coordinator)
        #expect(try coordinator.get("/koordination").body.contains("1 offen"))
        let list = try coordinator.get("/koordination/korrekturen").body
        #expect(list.contains("freitags geöffnet"))
        let id = try #require(try f.site.store.pool.read { try Corrections(db: $0).list(status: .open).first?.id })
        #expect(try f.client(f.providerB).post("/pflege/korrekturen/\(id)", [("status", "done")]).status == 403)
        let done = try coordinator.post("/pflege/korrekturen/\(id)", [("status", "done"), ("weiter", "/koordination/korrekturen")])
        #expect(done.location == "/koordination/korrekturen?hinweis=erledigt")
        #expect(try coordinator.get("/koordination/korrekturen").body.contains("Keine offenen Vorschläge"))
    }
}

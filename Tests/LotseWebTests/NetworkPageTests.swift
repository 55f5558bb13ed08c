// `/netzwerk`: public, an inline SVG with the same cooperations as the table below it, a GET
// filter (unknown codes: 400 with a German message), the gaps list; `/kooperationen/:id/
// bearbeiten`: provider A changes its cooperation with German errors and typed input kept,
// provider B may not.
import Foundation
import LotseCore
import Testing

@Suite struct NetworkPageTests {
    @Test func theMapIsPublicWithATextAlternativeAndFilters() throws {
        let f = try EditingFixture()
        let page = try WebClient(f.site).get("/netzwerk")
        #expect(page.status == 200)
        #expect(page.body.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
        #expect(page.body.contains("<caption>Laufende Kooperationen zwischen Mitgliedern"))
        #expect(page.body.contains("Wohnungen für Frauen nach dem Frauenhaus"))
        #expect(page.body.contains("<h2 id=\"luecken\">Lücken</h2>"))
        // One line with a title per cooperation, one table row per cooperation.
        let lines = page.body.components(separatedBy: "\"><title>").count - 1
        let rows = page.body.components(separatedBy: "<tr><th scope=\"row\"><a href=\"/organisationen/").count - 1
        #expect(lines > 0 && lines == rows)
        let filtered = try WebClient(f.site).get("/netzwerk?sozialraum=bremen-ostertor&thema=")
        #expect(filtered.status == 200 && filtered.body.contains("Kooperationsnetz in Ostertor"))
        #expect(filtered.body.contains("<option value=\"bremen-ostertor\" selected>"))
        let unknown = try WebClient(f.site).get("/netzwerk?sozialraum=atlantis")
        #expect(unknown.status == 400 && unknown.body.contains("Den Sozialraum »atlantis« gibt es nicht."))
    }

    @Test func editorsOfAMemberChangeItsCooperations() throws {
        let f = try EditingFixture()
        let partner = "710eb1be-7caa-5130-9e7a-e745daee8ab4"
        let providerA = try f.client(f.providerA)
        let created = try providerA.submitForm("/pflege/organisationen/\(EditingFixture.organizationA)/kooperationen/neu") {
            $0["partner_id"] = partner
            $0["topic"] = "Mieterberatung im Quartier"
            $0["since"] = "2025-05-01"
            $0["binding"] = "1"
        }
        #expect(created.status == 303)
        let id = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM cooperation WHERE topic = 'Mieterberatung im Quartier' AND binding = 1") })
        let form = try providerA.get("/kooperationen/\(id)/bearbeiten")
        #expect(form.status == 200 && form.body.contains("Verbindliche Vereinbarung"))
        let wrong = try providerA.submitForm("/kooperationen/\(id)/bearbeiten") {
            $0["until"] = "2024-01-01"
            $0["topic"] = "Mieterberatung, neu"
        }
        #expect(wrong.status == 400 && wrong.body.contains("Das Ende darf nicht vor dem Beginn liegen.") && wrong.body.contains("Mieterberatung, neu"))
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT topic FROM cooperation WHERE id = ?", id) } == "Mieterberatung im Quartier")
        let saved = try providerA.submitForm("/kooperationen/\(id)/bearbeiten") { $0["until"] = "2027-12-31" }
        #expect(saved.status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT until FROM cooperation WHERE id = ?", id) } == "2027-12-31")
        #expect(try f.client(f.providerB).get("/kooperationen/\(id)/bearbeiten").status == 403)
        #expect(try WebClient(f.site).get("/netzwerk").body.contains("Mieterberatung im Quartier"))
    }
}

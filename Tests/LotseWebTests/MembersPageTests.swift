// Members: admit an applicant, suspend and re-admit a member; the public directory follows.
import Foundation
import LotseCore
import Testing

@Suite struct MembersPageTests {
    @Test func admittingAndSuspendingChangeWhatThePublicSees() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let applicant = "b64b29c6-2db4-5210-9b0c-de270ca221af"   // Nachbarschaftsküche Walle
        let page = try coordinator.get("/koordination/mitglieder").body
        #expect(page.contains("Nachbarschaftsküche Walle") && page.contains("Aufnahme beantragt"))
        #expect(try WebClient(f.site).get("/organisationen/\(applicant)").status == 404)
        #expect(try coordinator.post("/koordination/mitglieder/\(applicant)", [("aktion", "aufnehmen")]).location == "/koordination/mitglieder?hinweis=aufgenommen")
        #expect(try WebClient(f.site).get("/organisationen/\(applicant)").status == 200)
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT member_since FROM organization WHERE id = ?", applicant) } == "2026-11-18")
        // Admitting twice does not fit the state.
        #expect(try coordinator.post("/koordination/mitglieder/\(applicant)", [("aktion", "aufnehmen")]).status == 409)
        #expect(try coordinator.post("/koordination/mitglieder/\(EditingFixture.organizationA)", [("aktion", "ruhen")]).status == 303)
        #expect(try WebClient(f.site).get("/angebote/\(EditingFixture.serviceA)").status == 404)
        #expect(try coordinator.post("/koordination/mitglieder/\(EditingFixture.organizationA)", [("aktion", "wieder")]).status == 303)
        #expect(try WebClient(f.site).get("/angebote/\(EditingFixture.serviceA)").status == 200)
        #expect(try coordinator.post("/koordination/mitglieder/\(EditingFixture.organizationA)", [("aktion", "rauswerfen")]).status == 400)
        // The history records who did it.
        let history = try coordinator.get("/pflege/organisationen/\(applicant)/verlauf").body
        #expect(history.contains("Mitgliedschaft") && history.contains("Aufnahme beantragt") && history.contains("Test Koordination"))
        let dashboard = try coordinator.get("/koordination").body
        #expect(dashboard.contains("Anträge") && dashboard.contains("Prüfliste"))
    }
}

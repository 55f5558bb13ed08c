// The editing dashboard: a provider's own organizations with services, stale markers and
// confirm buttons; coordinators choose any organization.
import Foundation
import LotseCore
import Testing

@Suite struct EditorDashboardTests {
    @Test func providersSeeTheirOwnEntriesAndCoordinatorsAll() throws {
        let f = try EditingFixture()
        let page = try f.client(f.providerA).get("/pflege")
        #expect(page.status == 200)
        for text in ["Wohnungsgesellschaft Weserufer", "Nachbarschaftstreff Pfälzer Weg", "Kundencenter Osterholz", "Katrin Heitmann",
                     "Angaben unverändert bestätigen", "action=\"/pflege/angebote/\(EditingFixture.serviceA)/bestaetigen\""] {
            #expect(page.body.contains(text), "dashboard lacks »\(text)«")
        }
        // B's entries are not on A's dashboard; B's name appears only as the partner of A's
        // cooperation, as on A's public page.
        #expect(!page.body.contains("Nachgehende Beratung nach dem Frauenhaus") && !page.body.contains("/pflege/organisationen/\(EditingFixture.organizationB)"))
        #expect(page.body.contains("Frauenzuflucht") == (try WebClient(f.site).get("/organisationen/\(EditingFixture.organizationA)").body.contains("Frauenzuflucht")))
        // Stale entries are marked.
        let stale = try f.client(f.providerB).get("/pflege").body
        #expect(stale.contains("Nachgehende Beratung nach dem Frauenhaus"))
        let coordinator = try f.client(f.coordinator).get("/pflege").body
        #expect(coordinator.contains("Frauenzuflucht an der Weser") && coordinator.contains("/pflege/organisationen/\(EditingFixture.organizationB)"))
        #expect(try f.client(f.coordinator).get("/pflege/organisationen/\(EditingFixture.organizationB)").body.contains("Schutzunterkunft"))
    }

    @Test func staleMarkersFollowTheReviewDate() throws {
        let f = try EditingFixture()
        try f.site.store.pool.write { try $0.execute("UPDATE service SET next_review_due = '2026-01-01' WHERE id = ?", EditingFixture.serviceA) }
        let page = try f.client(f.providerA).get("/pflege").body
        #expect(page.contains("Prüfung überfällig seit 01.01.2026"))
        try f.client(f.providerA).post("/pflege/angebote/\(EditingFixture.serviceA)/bestaetigen", [])
        #expect(!(try f.client(f.providerA).get("/pflege").body.contains("Prüfung überfällig seit 01.01.2026")))
    }
}

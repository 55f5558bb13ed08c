// The editing workflow through the pages: structural changes wait for review while the public
// keeps the approved version; capacity, opening hours and confirmations apply at once;
// returned changes carry the coordinator's comment; confidential addresses never go public.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct EditingFlowTests {
    @Test func aNewServiceNameIsPublicOnlyAfterApproval() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let service = EditingFixture.serviceA
        let sent = try provider.submitForm("/pflege/angebote/\(service)") { $0["name"] = "Quartierstreff Pfälzer Weg" }
        #expect(sent.status == 303 && sent.location?.contains("hinweis=eingereicht") == true)
        // The public still sees the approved name, in every form.
        for view in try f.publicViews(service: service, search: "Pfälzer Weg") {
            #expect(!view.contains("Quartierstreff Pfälzer Weg"))
        }
        #expect(try WebClient(f.site).get("/angebote/\(service)").body.contains("Nachbarschaftstreff Pfälzer Weg"))
        // The provider sees that it waits, with the new value.
        let dashboard = try provider.get("/pflege").body
        #expect(dashboard.contains("wartet auf Prüfung") && dashboard.contains("Quartierstreff Pfälzer Weg"))
        let form = try provider.get("/pflege/angebote/\(service)").body
        #expect(form.contains("Eine Änderung wartet auf Prüfung") && form.contains("value=\"Quartierstreff Pfälzer Weg\""))
        // The coordinator reads the diff and approves.
        let coordinator = try f.client(f.coordinator)
        let queue = try coordinator.get("/koordination/pruefung").body
        #expect(queue.contains("Nachbarschaftstreff Pfälzer Weg") && queue.contains("Quartierstreff Pfälzer Weg"))
        let id = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: service)?.id })
        let approved = try coordinator.post("/koordination/pruefung/\(id)/freigeben", [])
        #expect(approved.status == 303)
        let page = try WebClient(f.site).get("/angebote/\(service)").body
        #expect(page.contains("Quartierstreff Pfälzer Weg"))
        #expect(try WebClient(f.site).get("/api/services?search=Quartierstreff").body.contains(service))
        // The history names the field, both values and who did it.
        let history = try provider.get("/pflege/angebote/\(service)/verlauf").body
        #expect(history.contains("Nachbarschaftstreff Pfälzer Weg") && history.contains("Quartierstreff Pfälzer Weg") && history.contains("Test Anbieter"))
        // An edit is not a verification.
        #expect(!page.contains("geprüft am 18.11.2026"))
    }

    @Test func capacityAndOpeningHoursApplyAtOnceAndConfirmationUpdatesTheDate() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let service = EditingFixture.serviceA
        let saved = try provider.submitForm("/pflege/angebote/\(service)/plaetze") {
            $0["capacity_status"] = "waitlist"
            $0["capacity_note"] = "Warteliste etwa 3 Wochen"
        }
        #expect(saved.status == 303 && saved.location?.contains("gespeichert") == true)
        var page = try WebClient(f.site).get("/angebote/\(service)").body
        #expect(page.contains("Warteliste etwa 3 Wochen") && page.contains("Stand 18.11.2026"))
        let hours = try provider.submitForm("/pflege/angebote/\(service)/zeiten") {
            $0.set("tage-0", to: ["MO", "WE"])
            $0["von-0"] = "9.30"
            $0["bis-0"] = "12:00"
        }
        #expect(hours.status == 303)
        page = try WebClient(f.site).get("/angebote/\(service)").body
        #expect(page.contains("09:30"))
        #expect(!page.contains("geprüft am 18.11.2026"))
        let confirmed = try provider.post("/pflege/angebote/\(service)/bestaetigen", [("weiter", "/pflege")])
        #expect(confirmed.status == 303 && confirmed.location == "/pflege?hinweis=bestaetigt")
        page = try WebClient(f.site).get("/angebote/\(service)").body
        #expect(page.contains("geprüft am 18.11.2026"))
        #expect(try f.site.store.pool.read { try ReviewQueue(db: $0).pending().count } == 0)
    }

    @Test func invalidInputComesBackWithTheTypedValuesAndTheMessages() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let before = try f.digest()
        let answer = try provider.submitForm("/pflege/angebote/\(EditingFixture.serviceA)") {
            $0["email"] = "treff(at)weserufer"
            $0["url"] = "weserufer.example.org"
            $0["minimum_age"] = "70"
            $0["maximum_age"] = "60"
            $0["name"] = "Treff <am> Weg"
            $0.set("bedarf", to: [])
        }
        #expect(answer.status == 400)
        #expect(answer.body.contains("<title>Fehler: "))
        #expect(answer.body.contains("value=\"treff(at)weserufer\"") && answer.body.contains("value=\"Treff &lt;am&gt; Weg\""))
        #expect(answer.body.contains("id=\"fehler-email\"") && answer.body.contains("aria-describedby=\"hinweis-email fehler-email\""))
        #expect(answer.body.contains("href=\"#feld-bedarf\"") && answer.body.contains("mindestens einen Bedarf"))
        #expect(answer.body.contains("Höchstalter muss mindestens"))
        // The directory's own checks come back together with the form's.
        let second = try provider.submitForm("/pflege/angebote/\(EditingFixture.serviceA)") {
            $0["email"] = "treff(at)weserufer"
            $0["url"] = "weserufer.example.org"
        }
        #expect(second.status == 400 && second.body.contains("gültige E-Mail-Adresse") && second.body.contains("https://"))
        #expect(try f.digest() == before)
    }

    @Test func aReturnedChangeShowsTheCommentToTheProvider() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        try provider.submitForm("/pflege/organisationen/\(EditingFixture.organizationA)/bearbeiten") { $0["description"] = "Kurz." }
        let id = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: EditingFixture.organizationA)?.id })
        let coordinator = try f.client(f.coordinator)
        try coordinator.get("/koordination/pruefung")
        let empty = try coordinator.post("/koordination/pruefung/\(id)/zurueckgeben", [("kommentar", "  ")])
        #expect(empty.status == 400 && empty.body.contains("fehler-kommentar-\(id)"))
        let returned = try coordinator.post("/koordination/pruefung/\(id)/zurueckgeben", [("kommentar", "Bitte die Beschreibung ausführlicher.")])
        #expect(returned.status == 303)
        let dashboard = try provider.get("/pflege").body
        #expect(dashboard.contains("zurückgegeben") && dashboard.contains("Bitte die Beschreibung ausführlicher."))
        #expect(try provider.get("/pflege/organisationen/\(EditingFixture.organizationA)/bearbeiten").body.contains("Bitte die Beschreibung ausführlicher."))
        #expect(!(try WebClient(f.site).get("/organisationen/\(EditingFixture.organizationA)").body.contains("Kurz.")))
    }

    @Test func theSheltersAddressIsInNoPublicView() throws {
        let f = try EditingFixture()
        let visitor = WebClient(f.site)
        var views = try f.publicViews(service: EditingFixture.serviceB, search: "Frauenhaus")
        views += try ["/organisationen/\(EditingFixture.organizationB)", "/organisationen/\(EditingFixture.organizationB).json",
                      "/api/organizations/\(EditingFixture.organizationB)", "/suche?bedarf=schutz", "/suche.json?q=Schutzhof",
                      "/api/services?search=Schutzhof", "/suche/druck?bedarf=schutz", "/api/service_at_locations?search=Frauenhaus"]
            .map { try visitor.get($0).body }
        for view in views {
            for secret in SeedIDs.confidential { #expect(!view.contains(secret), "»\(secret)« is public") }
        }
        // A provider of another organization does not see it either, not even on their own pages.
        let other = try f.client(f.providerA)
        for path in ["/pflege", "/angebote/\(EditingFixture.serviceB)", "/organisationen/\(EditingFixture.organizationB)"] {
            let body = try other.get(path).body
            for secret in SeedIDs.confidential { #expect(!body.contains(secret), "»\(secret)« shown to provider A on \(path)") }
        }
        // Its own editor does.
        #expect(try f.client(f.providerB).get("/pflege").body.contains("Schutzunterkunft der Frauenzuflucht"))
    }

    @Test func anAddressSetToInternalDisappearsFromThePublicAfterApproval() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerB)
        let location = EditingFixture.publicLocationB
        let address = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT address_1 FROM address WHERE location_id = ?", location) })
        #expect(try WebClient(f.site).get("/organisationen/\(EditingFixture.organizationB)").body.contains(address))
        let sent = try provider.submitForm("/pflege/standorte/\(location)") { $0["visibility"] = "internal" }
        #expect(sent.status == 303)
        #expect(try WebClient(f.site).get("/organisationen/\(EditingFixture.organizationB)").body.contains(address))
        let id = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: location)?.id })
        let coordinator = try f.client(f.coordinator)
        #expect(try coordinator.get("/koordination/pruefung").body.contains("intern"))
        #expect(try coordinator.post("/koordination/pruefung/\(id)/freigeben", []).status == 303)
        let visitor = WebClient(f.site)
        let services = try f.site.store.pool.read { try $0.query("SELECT service_id FROM service_at_location WHERE location_id = ?", location) { $0.string(0) } }
        #expect(!services.isEmpty)
        var views = try ["/organisationen/\(EditingFixture.organizationB)", "/organisationen/\(EditingFixture.organizationB).json",
                         "/api/organizations/\(EditingFixture.organizationB)", "/api/services?search=Dobben", "/suche?q=Dobben", "/suche.json?q=Dobben"]
            .map { try visitor.get($0).body }
        for service in services { views += try f.publicViews(service: service, search: "Frauen") }
        for view in views { #expect(!view.contains(address), "the now internal address is still public") }
        // The owner still sees it.
        #expect(try provider.get("/pflege").body.contains(address))
    }

    @Test func aNewServiceWithItsPlaceAppearsAfterApproval() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let need = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM taxonomy_term WHERE code = 'alltag.mittagstisch'") })
        let sent = try provider.submitForm("/pflege/organisationen/\(EditingFixture.organizationA)/angebote/neu") {
            $0["name"] = "Mieterfrühstück im Treff"
            $0["description"] = "Jeden Monat ein Frühstück für ältere Mieter:innen."
            $0.set("bedarf", to: [need])
            $0.set("standort", to: [EditingFixture.locationA])
            $0.set("sprache", to: ["de", "tr"])
        }
        #expect(sent.status == 303)
        #expect(!(try WebClient(f.site).get("/suche?q=Mieterfr%C3%BChst%C3%BCck").body.contains("Mieterfrühstück im Treff")))
        let pending = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pending().first })
        #expect(pending.action == "create")
        try f.client(f.coordinator).post("/koordination/pruefung/\(pending.id)/freigeben", [])
        let page = try WebClient(f.site).get("/angebote/\(pending.entityID)").body
        #expect(page.contains("Mieterfrühstück im Treff") && page.contains("Kundencenter Osterholz") && page.contains("Türkisch"))
        #expect(page.contains("Mittagstisch"))
    }
}

// The other reviewed forms: organization, location (new, with address and Sozialraum) and
// contact (visibility, phone, removal), and withdrawing a pending change.
import Foundation
import LotseCore
import Testing

@Suite struct EditorFormsTests {
    @Test func aNewLocationNeedsAddressAndSozialraumAndWaitsForReview() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let page = "/pflege/organisationen/\(EditingFixture.organizationA)/standorte/neu"
        let empty = try provider.submitForm(page) { $0["name"] = "Mieterbüro Tenever"; $0["postal_code"] = "2832" }
        #expect(empty.status == 400 && empty.body.contains("Sozialraum wählen") && empty.body.contains("Straße und Hausnummer angeben"))
        #expect(empty.body.contains("fünfstellige Postleitzahl") && empty.body.contains("value=\"Mieterbüro Tenever\""))
        let area = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = 'bremen-ostertor'") })
        let feature = try #require(try f.site.store.pool.read {
            try $0.scalarString("SELECT tt.id FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE t.code = 'barrierefreiheit' LIMIT 1")
        })
        let sent = try provider.submitForm(page) {
            $0["name"] = "Mieterbüro Tenever"
            $0["address_1"] = "Otto-Brenner-Allee 42"
            $0["postal_code"] = "28325"
            $0["city"] = "Bremen"
            $0["sozialraum_id"] = area
            $0["visibility"] = "network"
            $0.set("barrierefreiheit", to: [feature])
        }
        #expect(sent.status == 303)
        let change = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pending(organization: EditingFixture.organizationA).first })
        #expect(Set(change.rows.map(\.table)) == ["location", "address", "attribute"])
        #expect(try f.client(f.coordinator).post("/koordination/pruefung/\(change.id)/freigeben", []).status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT visibility FROM location WHERE name = 'Mieterbüro Tenever'") } == "network")
        // Network-only: not public, but listed for the owner.
        #expect(!(try WebClient(f.site).get("/organisationen/\(EditingFixture.organizationA)").body.contains("Otto-Brenner-Allee 42")))
        #expect(try provider.get("/pflege").body.contains("Otto-Brenner-Allee 42"))
    }

    @Test func contactsChangeVisibilityAndCanBeRemovedAfterReview() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let bad = try provider.submitForm("/pflege/kontakte/\(EditingFixture.contactA)") { $0["number"] = "keine"; $0["email"] = "k@" }
        #expect(bad.status == 400 && bad.body.contains("Telefonnummer mit Ziffern") && bad.body.contains("gültige E-Mail-Adresse"))
        let sent = try provider.submitForm("/pflege/kontakte/\(EditingFixture.contactA)") { $0["visibility"] = "network"; $0["number"] = "+49 421 555 010" }
        #expect(sent.status == 303)
        let pending = try provider.get("/pflege/kontakte/\(EditingFixture.contactA)").body
        #expect(pending.contains("wartet auf Prüfung") && pending.contains("nur Netzwerk"))
        // Withdrawing leaves the approved version.
        let id = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: EditingFixture.contactA)?.id })
        #expect(try provider.post("/pflege/aenderungen/\(id)/zurueckziehen", []).status == 303)
        #expect(try provider.post("/pflege/aenderungen/\(id)/zurueckziehen", []).status == 409)
        // Removal goes through review too.
        let removal = try provider.post("/pflege/kontakte/\(EditingFixture.contactA)", [("aktion", "loeschen")])
        #expect(removal.status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM contact WHERE id = ?", EditingFixture.contactA) } == 1)
        let change = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: EditingFixture.contactA) })
        #expect(change.rows.first?.delete == true)
        #expect(try f.client(f.coordinator).post("/koordination/pruefung/\(change.id)/freigeben", []).status == 303)
        #expect(try f.site.store.pool.read { try $0.scalarInt("SELECT count(*) FROM contact WHERE id = ?", EditingFixture.contactA) } == 0)
    }

    @Test func organizationChangesAreReviewedAndCapacityChecksItsNumbers() throws {
        let f = try EditingFixture()
        let provider = try f.client(f.providerA)
        let bad = try provider.submitForm("/pflege/organisationen/\(EditingFixture.organizationA)/bearbeiten") { $0["website"] = "weserufer"; $0["year_incorporated"] = "neunzehn" }
        #expect(bad.status == 400 && bad.body.contains("https://") && bad.body.contains("vier Ziffern"))
        let unchanged = try provider.submitForm("/pflege/organisationen/\(EditingFixture.organizationA)/bearbeiten")
        #expect(unchanged.location?.contains("hinweis=unveraendert") == true)
        let dayCare = try f.client(try WebClient.account(f.site, email: "tagespflege@example.org", role: .provider,
                                                         organizations: [try f.site.store.pool.read { try $0.scalarString("SELECT organization_id FROM service WHERE id = ?", SeedIDs.dayCare)! }]))
        let tooMany = try dayCare.submitForm("/pflege/angebote/\(SeedIDs.dayCare)/plaetze") { $0["frei-0"] = "999" }
        #expect(tooMany.status == 400 && tooMany.body.contains("höchstens"))
        let fine = try dayCare.submitForm("/pflege/angebote/\(SeedIDs.dayCare)/plaetze") { $0["frei-0"] = "2"; $0["capacity_status"] = "available" }
        #expect(fine.status == 303)
        #expect(try WebClient(f.site).get("/angebote/\(SeedIDs.dayCare)").body.contains("Plätze frei"))
    }
}

// Cooperations: recorded between members (both organizations' pages show it), refused for
// non-members and duplicates, removed again.
import Foundation
import LotseCore
import Testing

@Suite struct CooperationsPageTests {
    @Test func cooperationsAreRecordedListedAndRemoved() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let partner = "710eb1be-7caa-5130-9e7a-e745daee8ab4"   // Nachbarschaftswerk Weser e. V.
        let quartier = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM sozialraum WHERE code = 'bremen-ostertor'") })
        let added = try coordinator.submitForm("/koordination/kooperationen") {
            $0["organization_id"] = EditingFixture.organizationA
            $0["partner_id"] = partner
            $0["topic"] = "Mieterberatung im Quartier"
            $0["since"] = "2025-05-01"
            $0["sozialraum_id"] = quartier
        }
        #expect(added.status == 303)
        for organization in [EditingFixture.organizationA, partner] {
            #expect(try WebClient(f.site).get("/organisationen/\(organization)").body.contains("Mieterberatung im Quartier"))
        }
        let duplicate = try coordinator.submitForm("/koordination/kooperationen") {
            $0["organization_id"] = partner
            $0["partner_id"] = EditingFixture.organizationA
            $0["topic"] = "Mieterberatung im Quartier"
        }
        #expect(duplicate.status == 400 && duplicate.body.contains("schon eingetragen"))
        let applicant = "b64b29c6-2db4-5210-9b0c-de270ca221af"
        let invalid = try coordinator.submitForm("/koordination/kooperationen") {
            $0["organization_id"] = applicant
            $0["partner_id"] = applicant
            $0["topic"] = ""
            $0["since"] = "gestern"
        }
        #expect(invalid.status == 400 && invalid.body.contains("nur zwischen Mitgliedern") && invalid.body.contains("Thema"))
        let id = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM cooperation WHERE topic = 'Mieterberatung im Quartier'") })
        #expect(try coordinator.post("/koordination/kooperationen/\(id)/entfernen", []).status == 303)
        #expect(!(try WebClient(f.site).get("/organisationen/\(partner)").body.contains("Mieterberatung im Quartier")))
        #expect(try coordinator.get("/pflege/organisationen/\(partner)/verlauf").body.contains("Mieterberatung im Quartier"))
    }
}

// HoldPagesTests: the hold workflow in the browser's terms — a counselor proposes a household
// for a seeded flat, the housing company accepts (the holding team now sees the address,
// another provider nothing), the counselor records the approval, the company lets; a wrong
// date comes back in German with the input kept; the coordinators' cost-bearer page checks
// its input and is audited.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import SQLite
import Testing

@Suite(.serialized) struct HoldPagesTests {
    /// A counselor of a counseling team (proposals need a team).
    static func teamCounselor(_ f: EditingFixture) throws -> Account {
        try f.site.store.pool.write { db in
            try db.execute("""
                INSERT INTO organization(id, name, kind, membership_status, created_at, last_modified)
                VALUES ('org-beratung', 'Beratungsstelle Wohnen Ost', 'traeger', 'member', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """)
            return try AccountStore(db: db).create(email: "wohnberatung@example.org", displayName: "Wohnberatung", role: .counselor,
                                                   organizationID: "org-beratung")
        }
    }

    static func proposalFields(_ offer: String) -> [(String, String)] {
        [("offer_id", offer), ("household_size", "2"), ("pot", "sgb12"), ("cost_bearer_office_id", ""), ("case_reference", "WO-77"),
         ("consent_given_on", "2026-11-16"), ("consent_form", "signed"), ("information_version", "2026-01")]
    }

    @Test func aFlatGoesFromProposalToHoldToApprovalToLetting() throws {
        let f = try EditingFixture()
        let counselor = try f.client(try Self.teamCounselor(f))
        let list = try counselor.get("/wohnungen")
        #expect(list.body.contains(URLs.newHousingProposal(SeedIDs.housingOfferA).replacingOccurrences(of: "&", with: "&amp;")))
        let form = try counselor.get(URLs.newHousingProposal(SeedIDs.housingOfferA))
        #expect(form.status == 200 && form.body.contains("Einwilligung"))
        // A wrong household size comes back with the input kept.
        var fields = Self.proposalFields(SeedIDs.housingOfferA)
        fields[1] = ("household_size", "7")
        let wrong = try counselor.post(URLs.createHousingProposal, fields)
        #expect(wrong.status == 400 && wrong.body.contains("nicht für 7") && wrong.body.contains("value=\"WO-77\""))
        let created = try counselor.post(URLs.createHousingProposal, Self.proposalFields(SeedIDs.housingOfferA))
        #expect(created.status == 303)
        let page = try #require(created.location?.split(separator: "?").first.map(String.init))
        var seen = try counselor.get(page)
        #expect(seen.status == 200 && seen.body.contains("WO-77") && !seen.body.contains("Pfälzer Weg 99"))
        // Provider B (a shelter) sees nothing of it; provider A's company answers.
        #expect(try f.client(f.providerB).get(page).status == 403)
        let company = try f.client(f.providerA)
        let incoming = try company.get(page)
        #expect(incoming.status == 200 && incoming.body.contains("Vorschlag annehmen") && !incoming.body.contains("WO-77"))
        #expect(try company.get(URLs.housingProposals).body.contains(page))
        #expect(try company.post(page, [("ereignis", "accept"), ("hold_until", "")]).status == 303)
        seen = try counselor.get(page)
        #expect(seen.body.contains("Pfälzer Weg 99") && seen.body.contains("02.12.2026"))
        #expect(!(try f.client(f.counselor).get("/wohnungen").body.contains("Pfälzer Weg 99")))
        // Nothing of the held flat or the proposal in a public page, export or the HSDS API.
        let visitor = WebClient(f.site)
        let id = String(page.split(separator: "/").last!)
        for path in ["/", "/suche?q=Pf%C3%A4lzer", "/suche.json?q=Wohnung", "/api/services", "/api/organizations/\(EditingFixture.organizationA)",
                     "/organisationen/\(EditingFixture.organizationA)", "/export/hsds-json", "/export/xml", "/export/csv?tabelle=service"] {
            let body = try visitor.get(path).body
            #expect(!body.contains("Pfälzer Weg 99") && !body.contains(id) && !body.contains("WO-77"), "\(path)")
        }
        #expect(try visitor.get(page).status == 303)
        // A date in the future is refused in German, the input kept.
        let bad = try counselor.post(page, [("ereignis", "approve"), ("approved_on", "2026-12-24")])
        #expect(bad.status == 400 && bad.body.contains("in der Zukunft") && bad.body.contains("value=\"2026-12-24\""))
        #expect(try counselor.post(page, [("ereignis", "steps"), ("applied_on", "2026-11-18"), ("documents_missing", "")]).status == 303)
        #expect(try counselor.post(page, [("ereignis", "approve"), ("approved_on", "2026-11-18")]).status == 303)
        #expect(try company.post(page, [("ereignis", "let")]).status == 303)
        seen = try counselor.get(page)
        #expect(seen.body.contains("vermietet") && seen.body.contains("Pfälzer Weg 99"))
    }

    @Test func theCoordinatorsKeepTheCostBearerOffices() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let bad = try coordinator.post(URLs.costBearerOffices, [("name", "Jobcenter Bremen"), ("pot", "sgb2"), ("email", "kein-postfach")])
        #expect(bad.status == 400 && bad.body.contains("keine E-Mail-Adresse") && bad.body.contains("value=\"Jobcenter Bremen\""))
        #expect(try coordinator.post(URLs.costBearerOffices, [("name", "Jobcenter Bremen"), ("pot", "sgb2"), ("email", "kdu@jobcenter.example.de")]).status == 303)
        #expect(try coordinator.get(URLs.costBearerOffices).body.contains("kdu@jobcenter.example.de"))
        let audited = try f.site.store.pool.read { db in
            try db.scalarInt("SELECT count(*) FROM audit_log WHERE what LIKE 'Stelle des Kostenträgers angelegt%'")
        }
        #expect(audited == 1)
        #expect(try f.client(f.providerA).get(URLs.costBearerOffices).status == 403)
    }
}

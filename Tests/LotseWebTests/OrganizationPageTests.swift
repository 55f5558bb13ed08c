// OrganizationPage on the sample network: kind, membership, services, locations and the
// cooperations in both directions; confidential locations stay hidden; 404s.
import Foundation
import Testing

@Suite struct OrganizationPageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func shelterOrganizationShowsItsCooperationButNotItsShelter() throws {
        let html = try site.html("/organisationen/\(SeedIDs.shelterOrganization)")
        #expect(html.contains("<h1>Frauenzuflucht an der Weser e. V.</h1>"))
        #expect(html.contains("<h2 id=\"kooperationen\">Kooperationen im Netzwerk</h2>"))
        #expect(html.contains("<a href=\"/organisationen/\(SeedIDs.housingCompany)\">Wohnungsgesellschaft Weserufer GmbH</a>"))
        #expect(html.contains("Wohnungen für Frauen nach dem Frauenhaus, seit 25.11.2020, Quartier <a href=\"/sozialraeume/bremen\">Bremen</a>"))
        #expect(html.contains("href=\"/angebote/\(SeedIDs.shelter)\""))
        #expect(html.contains("Beratungsstelle Am Dobben"))
        for secret in SeedIDs.confidential { #expect(!html.contains(secret), "leaked \(secret)") }
    }

    @Test func cooperationIsShownFromThePartnerSideToo() throws {
        let html = try site.html("/organisationen/\(SeedIDs.housingCompany)")
        #expect(html.contains("<a href=\"/organisationen/\(SeedIDs.shelterOrganization)\">Frauenzuflucht an der Weser e. V.</a>"))
        #expect(html.contains("<dt>Art</dt><dd>Wohnungsunternehmen</dd>"))
        #expect(html.contains("<dt>Im Netzwerk</dt><dd>Mitglied seit"))
    }

    @Test func unknownAndNonMemberOrganizationsAre404() throws {
        #expect(try site.get("/organisationen/nope").status == 404)
        // An applicant (not yet a member) is not in the public directory.
        #expect(try site.get("/organisationen/48cffd89-4d8a-5c8d-98d5-b4301c47afc8").status == 404)
    }

    @Test func jsonTwinParses() throws {
        let twin = try site.json("/organisationen/\(SeedIDs.shelterOrganization).json")
        let cooperations = try #require(twin["cooperations"] as? [[String: Any]])
        #expect(cooperations.contains { ($0["topic"] as? String) == "Wohnungen für Frauen nach dem Frauenhaus" })
        try JSONTwinChecks.expectNoMarkup(twin)
    }
}

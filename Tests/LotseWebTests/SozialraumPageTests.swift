// SozialraumPage on the sample network: breadcrumb, sub-areas, supply per need category (equal
// to the linked search) and organizations located there; unknown codes are 404.
import Foundation
import Testing

@Suite struct SozialraumPageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func cityPageCountsMatchTheLinkedSearch() throws {
        let html = try site.html("/sozialraeume/bremen")
        #expect(html.contains("<h1>Was es in Bremen gibt</h1>"))
        #expect(html.contains("<a href=\"/sozialraeume/bremen-sb-mitte\">Bremen-Mitte</a>"))
        #expect(html.contains("<caption>Angebote in Bremen nach Bedarf</caption>"))
        let twin = try site.json("/sozialraeume/bremen.json")
        let needs = try #require(twin["needs"] as? [[String: Any]])
        #expect(needs.count == 11)
        for need in needs {
            guard let url = need["url"] as? String else { continue }
            #expect(html.contains("href=\"\(url.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let results = try site.json(url.replacingOccurrences(of: "/suche?", with: "/suche.json?"))
            #expect(results["total"] as? Int == need["count"] as? Int, "\(url)")
        }
        let organizations = try #require(twin["organizations"] as? [[String: Any]])
        #expect(!organizations.isEmpty)
        try JSONTwinChecks.expectNoMarkup(twin)
    }

    @Test func quartierShowsItsPathFromTheCity() throws {
        let html = try site.html("/sozialraeume/bremen-ostertor")
        #expect(html.contains("<li><a href=\"/sozialraeume/bremen\">Bremen</a></li><li><a href=\"/sozialraeume/bremen-sb-mitte\">Bremen-Mitte</a></li><li><a href=\"/sozialraeume/bremen-mitte\">Mitte</a></li>"))
        #expect(html.contains("<a href=\"/sozialraeume/bremen-ostertor\" aria-current=\"page\">Ostertor</a>"))
    }

    @Test func noConfidentialAddressInAnyBremenArea() throws {
        for code in ["bremen", "bremen-sb-sued", "bremen-neustadt"] {
            let html = try site.html("/sozialraeume/\(code)")
            for secret in SeedIDs.confidential { #expect(!html.contains(secret)) }
        }
    }

    @Test func unknownCodeIs404() throws {
        #expect(try site.get("/sozialraeume/atlantis").status == 404)
        #expect(try site.get("/sozialraeume/atlantis.json").status == 404)
    }
}

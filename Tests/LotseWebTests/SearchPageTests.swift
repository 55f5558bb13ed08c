// SearchPage on the sample network: facets with counts and choices, paging, the empty page,
// bad parameters (400) and the JSON twin.
import Foundation
import Testing

@Suite struct SearchPageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func allServicesWithFacetsAndPaging() throws {
        let html = try site.html("/suche")
        #expect(html.contains("<h2 class=\"result-count\">165 Angebote gefunden</h2>"))
        #expect(html.contains("<legend>Bedarf</legend>"))
        #expect(html.contains("<legend>Sozialraum</legend>"))
        #expect(html.contains("<legend>Freie Plätze</legend>"))
        #expect(html.contains("<legend>Öffnungszeit</legend>"))
        #expect(html.contains("name=\"bedarf\" value=\"wohnen\">"))
        #expect(html.contains("Wohnen <span class=\"count\">(35)</span>"))
        #expect(html.contains("<p>Seite 1 von 9</p>"))
        #expect(html.contains("<a href=\"/suche\" aria-current=\"page\">"))
        #expect(html.contains("<a href=\"/suche?seite=2\" rel=\"next\">Nächste Seite</a>"))
        #expect(!html.contains("rel=\"prev\""))
        #expect(html.contains("href=\"/suche/druck\""))
        #expect(html.contains("href=\"/suche.json\""))
        #expect(html.components(separatedBy: "<li class=\"result\">").count == 21)
    }

    @Test func chosenFacetIsMarkedAndRemovable() throws {
        let html = try site.html("/suche?bedarf=pflege&kapazitaet=waitlist")
        #expect(html.contains("name=\"bedarf\" value=\"pflege\" checked>"))
        #expect(html.contains("name=\"kapazitaet\" value=\"waitlist\" checked>"))
        #expect(html.contains("(ausgewählt)"))
        #expect(html.contains("<a href=\"/suche?kapazitaet=waitlist\">Filter „Bedarf: Pflege“ entfernen</a>"))
        #expect(html.contains("<a href=\"/suche\">Filter entfernen</a>"))
        // Subcategories of a chosen category are offered, indented.
        #expect(html.contains("class=\"choice depth-1\""))
    }

    @Test func resultLinesCarryOrganizationPlaceCapacityAndStaleMark() throws {
        let html = try site.html("/suche?q=" + WebFixture.encode("Pflegekurs für Angehörige"))
        #expect(html.contains("<a href=\"/angebote/9daf00df-784f-5732-a06f-3c214313b9ed\">Pflegekurs für Angehörige</a>"))
        #expect(html.contains("<a href=\"/organisationen/908cc6cf-22e6-5d14-b637-2dbcb89b3c73\">Hanse Pflege und Begleitung gGmbH</a>"))
        #expect(html.contains("<span class=\"badge badge-stale\">Prüfung überfällig</span>"))
        #expect(html.contains("<p class=\"excerpt\">"))
    }

    @Test func secondPageLinksBackAndMarksItself() throws {
        let html = try site.html("/suche?seite=2")
        #expect(html.contains("<p>Seite 2 von 9</p>"))
        #expect(html.contains("<a href=\"/suche\" rel=\"prev\">Vorherige Seite</a>"))
        #expect(html.contains("<a href=\"/suche?seite=2\" aria-current=\"page\">"))
        #expect(html.contains("Treffer 21–40, Seite 2 von 9"))
    }

    @Test func emptyResultsHelp() throws {
        let html = try site.html("/suche?q=xylophonwerkstatt")
        #expect(html.contains("0 Angebote gefunden"))
        #expect(html.contains("keine Angebote gefunden"))
        #expect(!html.contains("Druckansicht dieser Liste"))
    }

    @Test func badParametersAre400() throws {
        for target in ["/suche?kapazitaet=zzz", "/suche?seite=0", "/suche?seite=abc", "/suche?art=kiosk",
                       "/suche?bedarf=unbekannt", "/suche?sozialraum=atlantis", "/suche?offen=vielleicht"] {
            let (status, body, _) = try site.get(target)
            #expect(status == 400, "\(target) → \(status)")
            #expect(body.contains("<h1>Die Anfrage ist fehlerhaft</h1>"))
        }
        #expect(try site.get("/suche.json?kapazitaet=zzz").status == 400)
    }

    @Test func jsonTwinCarriesResultsAndFacets() throws {
        let twin = try site.json("/suche.json?bedarf=pflege")
        #expect(twin["total"] as? Int == 19)
        let results = try #require(twin["results"] as? [[String: Any]])
        #expect(results.count == 19)
        let facets = try #require(twin["facets"] as? [[String: Any]])
        #expect(facets.contains { $0["parameter"] as? String == "bedarf" })
        try JSONTwinChecks.expectNoMarkup(twin)
    }
}

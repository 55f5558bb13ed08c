// ServicePage on the sample network: sections, opening hours in German, verification and
// stale notices, status notices, confidential locations, 404s and the JSON twin.
import Foundation
import Testing

@Suite struct ServicePageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func dayCareShowsEverySection() throws {
        let html = try site.html("/angebote/\(SeedIDs.dayCare)")
        #expect(html.contains("<title>Tagespflege Vahrer Stube – Beispielnetzwerk Lotse</title>"))
        #expect(html.contains("<h1>Tagespflege Vahrer Stube</h1>"))
        #expect(html.contains("geprüft am 17.10.2026 (telefonisch geprüft)"))
        #expect(html.contains("Montag bis Freitag 08:00–16:30 Uhr"))
        #expect(html.contains("href=\"/organisationen/908cc6cf-22e6-5d14-b637-2dbcb89b3c73\""))
        #expect(html.contains("Kurt-Schumacher-Allee 31<br>28329 Bremen"))
        #expect(html.contains("<dt>Anfahrt</dt><dd>Straßenbahn Linie 1"))
        #expect(html.contains("href=\"/sozialraeume/bremen-neue-vahr-nord\""))
        #expect(html.contains("<strong>24,80 €</strong>"))
        #expect(html.contains("Was Sie mitbringen sollten") && html.contains("Bescheid der Pflegekasse"))
        #expect(html.contains("<strong>Plätze frei</strong> (Stand 23.10.2026)"))
        #expect(html.contains("<td>2</td><td>18</td>"))
        #expect(html.contains("<li>Aufzug</li>"))
        #expect(html.contains("href=\"/suche?bedarf=pflege.tagespflege\""))
        #expect(html.contains("href=\"/suche?rechtsgrundlage=sgb-xi\""))
        #expect(!html.contains("Prüfung überfällig"))
        // The schedule of the placement is listed once, with its location.
        #expect(html.components(separatedBy: "Montag bis Freitag 08:00–16:30 Uhr").count == 2)
    }

    @Test func monthlyAndFortnightlySchedulesReadAsGerman() throws {
        let monthly = try site.html("/angebote/5ac59ed1-5a99-55f9-9304-6339fd262cb0")
        #expect(monthly.contains("jeden 1. Mittwoch im Monat 14:00–17:00 Uhr"))
        let fortnightly = try site.html("/angebote/5649873e-7029-5676-8211-7c499f2d7df0")
        #expect(fortnightly.contains("alle zwei Wochen montags 18:30–20:00 Uhr"))
    }

    @Test func staleServiceCarriesANotice() throws {
        let html = try site.html("/angebote/9daf00df-784f-5732-a06f-3c214313b9ed")
        #expect(html.contains("<strong>Prüfung überfällig:</strong>"))
        #expect(html.contains("bis zum 26.06.2026"))
    }

    @Test func temporarilyClosedServiceSaysSo() throws {
        let html = try site.html("/angebote/28376753-ed35-560f-a76d-4b4d1cf546a2")
        #expect(html.contains("<strong>Vorübergehend geschlossen.</strong> Wegen Wasserschaden"))
    }

    @Test func shelterNeverShowsItsConfidentialLocation() throws {
        let html = try site.html("/angebote/\(SeedIDs.shelter)")
        #expect(html.contains("Notruftelefon der Frauenzuflucht"))
        #expect(html.contains("href=\"tel:+492214710991\""))
        for secret in SeedIDs.confidential { #expect(!html.contains(secret), "leaked \(secret)") }
        let twin = try site.get("/angebote/\(SeedIDs.shelter).json").body
        for secret in SeedIDs.confidential { #expect(!twin.contains(secret), "leaked \(secret) in JSON") }
    }

    @Test func unknownInactiveAndUnlistedServicesAre404() throws {
        for id in ["does-not-exist", "2a05570b-87ef-5ca5-a061-24843b23d879"] {
            let (status, body, _) = try site.get("/angebote/\(id)")
            #expect(status == 404)
            #expect(body.contains("<h1>Seite nicht gefunden</h1>"))
        }
        #expect(try site.get("/angebote/does-not-exist.json").status == 404)
    }

    @Test func jsonTwinIsCleanData() throws {
        let twin = try site.json("/angebote/\(SeedIDs.dayCare).json")
        #expect(twin["name"] as? String == "Tagespflege Vahrer Stube")
        #expect(twin["title"] as? String == "Tagespflege Vahrer Stube")
        let verification = try #require(twin["verification"] as? [String: Any])
        #expect(verification["verifiedOn"] as? String == "17.10.2026")
        #expect(verification["isStale"] as? Bool == false)
        let locations = try #require(twin["locations"] as? [[String: Any]])
        #expect(locations.count == 1)
        try JSONTwinChecks.expectNoMarkup(twin)
    }
}

/// Checks shared by the JSON twin tests.
enum JSONTwinChecks {
    /// Fails when any string in `value` looks like HTML markup.
    static func expectNoMarkup(_ value: Any, path: String = "$", sourceLocation: SourceLocation = #_sourceLocation) throws {
        switch value {
        case let text as String:
            #expect(!text.contains("<") && !text.contains("&lt;") && !text.contains("&amp;"), "markup at \(path): \(text)",
                    sourceLocation: sourceLocation)
        case let array as [Any]:
            for (index, element) in array.enumerated() { try expectNoMarkup(element, path: "\(path)[\(index)]", sourceLocation: sourceLocation) }
        case let object as [String: Any]:
            for (key, element) in object { try expectNoMarkup(element, path: "\(path).\(key)", sourceLocation: sourceLocation) }
        default:
            break
        }
    }
}

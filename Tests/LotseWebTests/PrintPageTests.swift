// PrintPage on the sample network: the printable list with addresses, phones, hours and
// directions, confidential locations left out, and the print styles.
import Foundation
import Testing

@Suite struct PrintPageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func printViewListsWhatACitizenNeeds() throws {
        let html = try site.html("/suche/druck?bedarf=pflege.tagespflege&sozialraum=bremen")
        #expect(html.contains("<h1>Angebote zum Mitnehmen</h1>"))
        #expect(html.contains("Stand 18.11.2026"))
        #expect(html.contains("<h2>Tagespflege Vahrer Stube</h2>"))
        #expect(html.contains("Kurt-Schumacher-Allee 31, 28329 Bremen"))
        #expect(html.contains("+49 40 66969 432"))
        #expect(html.contains("Montag bis Freitag 08:00–16:30 Uhr"))
        #expect(html.contains("Anfahrt: Straßenbahn Linie 1"))
        #expect(html.contains("Ausgewählt: Bedarf: Tagespflege; Sozialraum: Bremen"))
        let twin = try site.json("/suche/druck.json?bedarf=pflege.tagespflege&sozialraum=bremen")
        try JSONTwinChecks.expectNoMarkup(twin)
    }

    @Test func printViewOfShelterSearchKeepsTheSecret() throws {
        let html = try site.html("/suche/druck?bedarf=schutz")
        #expect(html.contains("Frauenhaus – Schutzunterkunft"))
        for secret in SeedIDs.confidential { #expect(!html.contains(secret)) }
    }

    @Test func stylesheetHasPrintAndNarrowScreenRules() throws {
        let css = try site.html("/static/lotse.css")
        #expect(css.contains("@media print"))
        #expect(css.contains(":focus-visible"))
    }
}

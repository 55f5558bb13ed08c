// StartPage on the sample network: the labelled search form with pickers and quick links.
import Foundation
import Testing

@Suite struct StartPageTests {
    /// The shared sample-network site.
    let site = WebFixture.seeded

    @Test func startPageHasLabelledSearchAndQuickLinks() throws {
        let html = try site.html("/")
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("<label for=\"q\">Suchbegriff</label>"))
        #expect(html.contains("<label for=\"bedarf\">Bedarf</label>"))
        #expect(html.contains("<label for=\"sozialraum\">Sozialraum</label>"))
        #expect(html.contains("<optgroup label=\"Pflege\"><option value=\"pflege\">Pflege (alle)</option>"))
        #expect(html.contains("<option value=\"bremen-ostertor\">Ostertor (Mitte)</option>"))
        #expect(html.contains("<a href=\"/suche?bedarf=pflege\">Pflege</a>"))
        #expect(html.contains("<a href=\"/sozialraeume/dresden\">Was es in Dresden gibt</a>"))
        #expect(html.components(separatedBy: "<h1>").count == 2)
        _ = try site.json("/index.json")
    }
}

// ResultView and the excerpts behind it: descriptions are cut at a word boundary, and the
// result lines of the sample network carry the capacity note of waitlisted services.
import Foundation
import LotseCore
import Testing

@Suite struct ResultViewTests {
    @Test func excerptsEndAtAWordBoundary() {
        #expect(ServiceExcerpt.shorten("Kurz  und\nbündig", to: 50) == "Kurz und bündig")
        #expect(ServiceExcerpt.shorten("Eins zwei drei vier", to: 12) == "Eins zwei …")
        #expect(ServiceExcerpt.shorten("Eins, zwei drei", to: 6) == "Eins …")
        #expect(ServiceExcerpt.shorten("Donaudampfschifffahrt", to: 5) == "Donau…")
        #expect(ServiceExcerpt.shorten("", to: 5) == "")
    }

    @Test func waitlistedResultsCarryTheirNote() throws {
        let twin = try WebFixture.seeded.json("/suche.json?kapazitaet=waitlist")
        let results = try #require(twin["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let capacity = try #require(result["capacity"] as? [String: Any])
            #expect(capacity["label"] as? String == "Warteliste")
        }
        #expect(results.contains { (($0["capacity"] as? [String: Any])?["note"] as? String)?.isEmpty == false })
    }
}

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

    @Test func excerptsAgreeWithTheSimpleDefinitionOnRandomTexts() {
        // The definition: join the whitespace-separated words while they fit.
        func reference(_ text: String, _ length: Int) -> String {
            var result = ""
            for word in text.split(whereSeparator: \.isWhitespace) {
                let next = result.isEmpty ? String(word) : result + " " + word
                if next.count > length {
                    if result.isEmpty { return String(word.prefix(length)) + "…" }
                    while let last = result.last, ",;:–-".contains(last) { result.removeLast() }
                    return result + " …"
                }
                result = next
            }
            return result
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["Beratung", "für", "Ältere", "Straße", ",", "–", ";", " ", "  ", "\n", "\t", "e\u{301}", "🇩🇪", "a", "Schuldnerberatung,"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let length = Int.random(in: 1...60, using: &generator)
            #expect(ServiceExcerpt.shorten(text, to: length) == reference(text, length), "\(text.debugDescription) to \(length)")
        }
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

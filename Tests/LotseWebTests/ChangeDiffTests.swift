// The review queue's diff: one line per changed field with old and new value, links added and
// removed named by what they link (Bedarf, Sprache, Standort), values in German.
import Foundation
import LotseCore
import Testing

@Suite struct ChangeDiffTests {
    @Test func theQueueShowsOldAndNewPerFieldInGerman() throws {
        let f = try EditingFixture()
        let need = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM taxonomy_term WHERE code = 'alltag.besuchsdienst'") })
        try f.client(f.providerA).submitForm("/pflege/angebote/\(EditingFixture.serviceA)") { form in
            form["status"] = "temporarily closed"
            form["wait_time"] = "zwei Wochen"
            form.set("bedarf", to: form.values("bedarf") + [need])
            form.set("sprache", to: form.values("sprache").filter { $0 != "ru" })
        }
        let queue = try f.client(f.coordinator).get("/koordination/pruefung").body
        let rows = queue.components(separatedBy: "<tr>").dropFirst().map { $0.replacingOccurrences(of: "</td>", with: "|").replacingOccurrences(of: "</th>", with: "|") }
        func row(_ parts: String...) -> Bool { rows.contains { row in parts.allSatisfy(row.contains) } }
        #expect(row("Status", "aktiv", "vorübergehend geschlossen"))
        #expect(row("Wartezeit", "zwei Wochen"))
        #expect(row("Bedarf", "hinzugefügt", "Besuchsdienst"))
        #expect(row("Sprache", "entfernt", "Russisch"))
        #expect(queue.contains("Angebot »Nachbarschaftstreff Pfälzer Weg« geändert"))
    }
}

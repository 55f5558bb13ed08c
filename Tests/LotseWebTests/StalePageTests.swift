// Stale entries: listed most overdue first; long-stale ones can be hidden and shown again;
// confirming removes them from the list.
import Foundation
import LotseCore
import Testing

@Suite struct StalePageTests {
    @Test func longStaleEntriesCanBeHiddenAndShownAgain() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let stale = try f.site.store.pool.read { try Verification.staleEntries($0, today: "2026-11-18") }
        let longStale = try #require(stale.first { $0.table == "service" && $0.due < "2026-08-18" })
        let recent = stale.first { $0.table == "service" && $0.due >= "2026-08-18" }
        let page = try coordinator.get("/koordination/veraltet").body
        #expect(page.contains(longStale.name) && page.contains("Prüfung fällig seit"))
        #expect(page.contains("action=\"/koordination/angebote/\(longStale.id)/sichtbarkeit\""))
        if let recent { #expect(!page.contains("action=\"/koordination/angebote/\(recent.id)/sichtbarkeit\"")) }
        #expect(try WebClient(f.site).get("/angebote/\(longStale.id)").status == 200)
        let hidden = try coordinator.post("/koordination/angebote/\(longStale.id)/sichtbarkeit", [("ausblenden", "1")])
        #expect(hidden.location == "/koordination/veraltet?hinweis=ausgeblendet")
        #expect(try WebClient(f.site).get("/angebote/\(longStale.id)").status == 404)
        #expect(try coordinator.get("/koordination/veraltet").body.contains("Einblenden"))
        #expect(try coordinator.post("/koordination/angebote/\(longStale.id)/sichtbarkeit", [("ausblenden", "0")]).status == 303)
        #expect(try WebClient(f.site).get("/angebote/\(longStale.id)").status == 200)
        // Confirming takes it off the list.
        #expect(try coordinator.post("/pflege/angebote/\(longStale.id)/bestaetigen", [("weiter", "/koordination/veraltet")]).location
                == "/koordination/veraltet?hinweis=bestaetigt")
        #expect(!(try coordinator.get("/koordination/veraltet").body.contains("angebote/\(longStale.id)/sichtbarkeit")))
        #expect(try f.site.store.pool.read { try $0.scalarString("SELECT verification_method FROM service WHERE id = ?", longStale.id) } == "coordinator_review")
    }
}

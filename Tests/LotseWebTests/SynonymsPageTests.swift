// The coordinators' synonym list of search: shown as text, saved with CSRF, checked with a
// German error naming the line, for coordinators only, and used by the search afterwards.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct SynonymsPageTests {
    @Test func coordinatorsEditTheListAndTheSearchUsesIt() throws {
        let f = try DeskFixture()
        let coordinator = try f.client(f.coordinator)
        let page = try coordinator.get("/koordination/synonyme")
        #expect(page.status == 200 && page.body.contains("<textarea") && page.body.contains("Synonyme der Suche"))
        let bad = try coordinator.post("/koordination/synonyme", [("synonyme", "Kita, Krippe\nnur ein Wort")])
        #expect(bad.status == 400 && bad.body.contains("Zeile 2") && bad.body.contains("nur ein Wort"))
        let noToken = try coordinator.post("/koordination/synonyme", [("synonyme", "Kita, Krippe")], includeCSRF: false)
        #expect(noToken.status == 403)
        let saved = try coordinator.post("/koordination/synonyme", [("synonyme", "Zwiebelkuchen, Besuchsdienst\n")])
        #expect(saved.status == 303)
        #expect(try SearchSynonyms.text(in: f.site.store) == "Zwiebelkuchen, Besuchsdienst")
        #expect(try coordinator.get("/koordination/synonyme").body.contains("Zwiebelkuchen, Besuchsdienst"))
        let (found, direct) = try f.site.store.pool.read { db in
            let index = try SearchIndex.build(db)
            return (try index.search(SearchQuery(text: "Zwiebelkuchen")), try index.search(SearchQuery(text: "Besuchsdienst")))
        }
        #expect(found.total == direct.total && found.total > 0)
        // Each group removed or added is audited as a change by the coordinator; a refused
        // save is not.
        let audited = try f.site.store.pool.read { db in
            try db.query("SELECT what FROM audit_log WHERE action = 'change' AND account_id = ? AND purpose = 'Synonyme der Suche ändern' ORDER BY seq",
                         f.coordinator.id) { $0.string(0) }
        }
        #expect(audited.contains("Synonymgruppe hinzugefügt: Zwiebelkuchen, Besuchsdienst"))
        #expect(!audited.contains { $0.contains("Kita, Krippe") })
        #expect(audited.contains { $0.hasPrefix("Synonymgruppe entfernt: ") })
    }

    @Test func othersMayNotEditIt() throws {
        let f = try DeskFixture()
        let counselor = try f.client(f.counselor)
        #expect(try counselor.get("/koordination/synonyme").status == 403)
        #expect(try counselor.post("/koordination/synonyme", [("synonyme", "Kita, Krippe")]).status == 403)
    }
}

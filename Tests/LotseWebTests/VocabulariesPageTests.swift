// Vocabularies: add, rename, move and retire need terms and target groups; retired terms stay
// on services but are no longer offered in the service form.
import Foundation
import LotseCore
import Testing

@Suite struct VocabulariesPageTests {
    @Test func termsAreAddedRenamedMovedAndRetired() throws {
        let f = try EditingFixture()
        let coordinator = try f.client(f.coordinator)
        let (wohnen, pflege) = try f.site.store.pool.read { db in
            (try db.scalarString("SELECT id FROM taxonomy_term WHERE code = 'wohnen'")!, try db.scalarString("SELECT id FROM taxonomy_term WHERE code = 'pflege'")!)
        }
        let added = try coordinator.submitForm("/koordination/vokabulare", action: "/koordination/vokabulare") {
            $0["taxonomie"] = "bedarf"
            $0["bedarf-name"] = "Wohnen für Hilfe"
            $0["bedarf-parent"] = wohnen
        }
        #expect(added.status == 303)
        let term = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM taxonomy_term WHERE code = 'wohnen.wohnen-fuer-hilfe'") })
        #expect(try f.client(f.providerA).get("/pflege/angebote/\(EditingFixture.serviceA)").body.contains("Wohnen für Hilfe"))
        // A third level and a duplicate code are refused, with the input kept.
        let child = try #require(try f.site.store.pool.read { try $0.scalarString("SELECT id FROM taxonomy_term WHERE parent_id = ? LIMIT 1", pflege) })
        let deep = try coordinator.post("/koordination/vokabulare/\(child)", [("name", "Tief"), ("parent_id", term)])
        #expect(deep.status == 400 && deep.body.contains("zwei Ebenen"))
        let twice = try coordinator.post("/koordination/vokabulare", [("taxonomie", "bedarf"), ("bedarf-name", "Wohnen für Hilfe"), ("bedarf-parent", wohnen)])
        #expect(twice.status == 400 && twice.body.contains("gibt es schon") && twice.body.contains("value=\"Wohnen für Hilfe\""))
        // Rename and move keep the code.
        #expect(try coordinator.post("/koordination/vokabulare/\(term)", [("name", "Wohnen gegen Hilfe"), ("parent_id", pflege)]).status == 303)
        let moved = try f.site.store.pool.read { try $0.queryFirst("SELECT name, parent_id, code FROM taxonomy_term WHERE id = ?", term) { ($0.string(0), $0.string(1), $0.string(2)) } }
        #expect(moved?.0 == "Wohnen gegen Hilfe" && moved?.1 == pflege && moved?.2 == "wohnen.wohnen-fuer-hilfe")
        // Target groups are flat.
        #expect(try coordinator.post("/koordination/vokabulare", [("taxonomie", "zielgruppe"), ("zielgruppe-name", "Studierende")]).status == 303)
        // Retired terms keep their links but are not offered.
        let used = try #require(try f.site.store.pool.read {
            try $0.queryFirst("SELECT a.taxonomy_term_id, tt.name FROM attribute a JOIN taxonomy_term tt ON tt.id = a.taxonomy_term_id WHERE a.link_id = ? AND tt.parent_id IS NOT NULL", EditingFixture.serviceA) { ($0.string(0), $0.string(1)) }
        })
        #expect(try coordinator.post("/koordination/vokabulare/\(used.0)/ausmustern", []).location == "/koordination/vokabulare?hinweis=ausgemustert")
        let form = try f.client(f.providerA).get("/pflege/angebote/\(EditingFixture.serviceA)").body
        #expect(!form.contains("value=\"\(used.0)\""))
        #expect(try WebClient(f.site).get("/angebote/\(EditingFixture.serviceA)").body.contains(used.1))
        // Saving the service form does not drop the retired term.
        try f.client(f.providerA).submitForm("/pflege/angebote/\(EditingFixture.serviceA)") { $0["alternate_name"] = "Treff" }
        let change = try #require(try f.site.store.pool.read { try ReviewQueue(db: $0).pendingRequest(entityID: EditingFixture.serviceA) })
        #expect(!change.rows.contains { $0.delete })
        #expect(try coordinator.get("/koordination/vokabulare").body.contains("ausgemustert"))
        #expect(try coordinator.post("/koordination/vokabulare/\(used.0)/ausmustern", [("wieder", "1")]).status == 303)
        #expect(try f.client(f.providerA).get("/pflege/angebote/\(EditingFixture.serviceA)").body.contains("value=\"\(used.0)\""))
    }
}

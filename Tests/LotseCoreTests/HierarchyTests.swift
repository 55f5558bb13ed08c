// The tree rules: Sozialraum levels and cycles, the two-level need taxonomy.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct HierarchyTests {
    @Test func sozialraumMovesKeepLevelsAndRefuseCycles() throws {
        let fixture = try Fixture()
        try fixture.store.pool.read { (db: Database) throws -> Void in
            // Fixture tree: dd (stadt) → dd-alt (bezirk) → dd-jo (stadtteil).
            #expect(try Hierarchy.sozialraumProblem(db, id: nil, parentID: "dd-jo", level: "quartier") == nil)
            #expect(try Hierarchy.sozialraumProblem(db, id: nil, parentID: nil, level: "stadt") == nil)
            #expect(try Hierarchy.sozialraumProblem(db, id: nil, parentID: nil, level: "quartier")?.field == "parent_id")
            #expect(try Hierarchy.sozialraumProblem(db, id: nil, parentID: "dd-jo", level: "bezirk")?.field == "parent_id")
            #expect(try Hierarchy.sozialraumProblem(db, id: nil, parentID: "dd", level: "")?.field == "level")
            // Moving Altstadt below its own Stadtteil would make a cycle.
            let cycle = try Hierarchy.sozialraumProblem(db, id: "dd-alt", parentID: "dd-jo", level: "bezirk")
            #expect(cycle?.message.contains("Kreis") == true || cycle?.field == "parent_id")
            #expect(try Hierarchy.sozialraumProblem(db, id: "dd-alt", parentID: "dd-alt", level: "bezirk")?.field == "parent_id")
            // Moving a Bezirk to another city is fine; lowering it below its Stadtteile is not.
            #expect(try Hierarchy.sozialraumProblem(db, id: "dd-alt", parentID: "hb", level: "bezirk") == nil)
            #expect(try Hierarchy.sozialraumProblem(db, id: "dd-alt", parentID: "hb-mi", level: "stadtteil")?.field == "level")
        }
    }

    @Test func needsHaveTwoLevelsAndOtherVocabulariesAreFlat() throws {
        let fixture = try Fixture()
        try fixture.store.pool.read { (db: Database) throws -> Void in
            #expect(try Hierarchy.termProblem(db, id: nil, parentID: "n-ber", taxonomyID: "tx-n") == nil)
            #expect(try Hierarchy.termProblem(db, id: "n-sch", parentID: "n-pfl", taxonomyID: "tx-n") == nil)
            #expect(try Hierarchy.termProblem(db, id: nil, parentID: "n-sch", taxonomyID: "tx-n")?.field == "parent_id")   // third level
            #expect(try Hierarchy.termProblem(db, id: "n-ber", parentID: "n-pfl", taxonomyID: "tx-n")?.field == "parent_id")  // has children
            #expect(try Hierarchy.termProblem(db, id: "n-pfl", parentID: "n-pfl", taxonomyID: "tx-n")?.field == "parent_id")
            #expect(try Hierarchy.termProblem(db, id: "z-sen", parentID: "z-fam", taxonomyID: "tx-z")?.field == "parent_id")
            #expect(try Hierarchy.termProblem(db, id: "z-sen", parentID: nil, taxonomyID: "tx-z") == nil)
        }
    }
}

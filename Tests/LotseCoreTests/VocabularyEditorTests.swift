// VocabularyEditor: code derivation (Slug), uniqueness, positions, the two-level need
// taxonomy, rename/move, retirement with history.
import Foundation
import Testing
@testable import LotseCore

@Suite struct VocabularyEditorTests {
    @Test func slugSpellsOutUmlautsAndJoinsWithSingleHyphens() {
        #expect(Slug.make("Wohnen im Alter") == "wohnen-im-alter")
        #expect(Slug.make("  Hilfe für Ältere – Straße! ") == "hilfe-fuer-aeltere-strasse")
        #expect(Slug.make("!!!") == "")
        #expect(Slug.make(String(repeating: "a", count: 80)).count == 60)
        #expect(VocabularyEditor.code(name: "Essen auf Rädern", parentCode: "alltag") == "alltag.essen-auf-raedern")
        #expect(VocabularyEditor.code(name: "Jugend", parentCode: nil) == "jugend")
    }

    @Test func addDerivesTheCodePlacesLastAndRefusesDuplicates() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let editor = VocabularyEditor(store: fixture.store, now: Fixture.now)
        let id = try editor.add(to: .need, name: "Essen auf Rädern", parentID: "n-all", code: nil, by: coordinator)
        let added = try #require(try editor.terms(.need).first { $0.id == id })
        #expect(added.code == "alltag.essen-auf-raedern" && added.parentID == "n-all" && !added.retired && added.uses == 0)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT position FROM taxonomy_term WHERE id = ?", id) } == 2)
        #expect(try fixture.historyCount(id) > 0)
        let duplicate = #expect(throws: DirectoryWriter.Rejected.self) {
            try editor.add(to: .need, name: "Essen auf Rädern", parentID: "n-all", code: nil, by: coordinator)
        }
        #expect(duplicate?.problems == [.init(field: "code", message: "Den Code »alltag.essen-auf-raedern« gibt es schon; bitte einen anderen angeben.")])
        let empty = #expect(throws: DirectoryWriter.Rejected.self) { try editor.add(to: .targetGroup, name: "", parentID: nil, code: nil, by: coordinator) }
        #expect(empty?.problems.map(\.field) == ["name"])
        let deep = #expect(throws: DirectoryWriter.Rejected.self) { try editor.add(to: .need, name: "Tiefer", parentID: "n-sch", code: nil, by: coordinator) }
        #expect(deep?.problems.map(\.field) == ["parent_id"])
        let flat = #expect(throws: DirectoryWriter.Rejected.self) { try editor.add(to: .targetGroup, name: "Kinder", parentID: "z-sen", code: nil, by: coordinator) }
        #expect(flat?.problems.map(\.field) == ["parent_id"])
        #expect(throws: LotseError.self) { try editor.add(to: .accessibility, name: "Rampe", parentID: nil, code: nil, by: coordinator) }
        let own = try editor.add(to: .targetGroup, name: "Kinder", parentID: nil, code: "kinder-und-jugend", by: coordinator)
        #expect(try editor.terms(.targetGroup).last?.id == own)
    }

    @Test func updateRenamesAndMovesWithinTheRules() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let editor = VocabularyEditor(store: fixture.store, now: Fixture.now)
        try editor.update("n-mit", name: "Mittagstisch im Quartier", parentID: "n-ber", by: coordinator)
        let moved = try editor.term("n-mit")
        #expect(moved.name == "Mittagstisch im Quartier" && moved.parentID == "n-ber" && moved.vocabulary == .need)
        // A category with needs stays on top; target groups ignore a parent.
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) { try editor.update("n-pfl", name: "", parentID: "n-ber", by: coordinator) }
        #expect(rejected?.problems.map(\.field) == ["name", "parent_id"])
        try editor.update("z-fam", name: "Familien mit Kindern", parentID: "z-sen", by: coordinator)
        #expect(try editor.term("z-fam").parentID == nil)
        #expect(throws: LotseError.self) { try editor.term("b-auf") }
        #expect(throws: LotseError.self) { try editor.update("nope", name: "X", parentID: nil, by: coordinator) }
    }

    @Test func retiringKeepsReferencesAndCanBeUndone() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let org = try fixture.organization("Träger")
        try fixture.service("Schuldnerberatung Gruna", organization: org, area: "dd-gr", terms: ["n-sch"])
        let editor = VocabularyEditor(store: fixture.store, now: Fixture.now)
        try editor.setRetired("n-sch", true, by: coordinator)
        let retired = try #require(try editor.terms(.need).first { $0.id == "n-sch" })
        #expect(retired.retired && retired.uses == 1)
        try editor.setRetired("n-sch", false, by: coordinator)
        #expect(try editor.term("n-sch").retired == false)
        #expect(throws: LotseError.self) { try editor.setRetired("b-auf", true, by: coordinator) }
    }
}

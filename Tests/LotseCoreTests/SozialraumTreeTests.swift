// SozialraumTree: codes from the parent's code, uniqueness, levels and cycles, positions,
// picker choices, retirement.
import Foundation
import Testing
@testable import LotseCore

@Suite struct SozialraumTreeTests {
    @Test func addDerivesTheCodeFromTheParentAndRefusesDuplicates() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let tree = SozialraumTree(store: fixture.store, now: Fixture.now)
        #expect(SozialraumTree.code(name: "Gruna Süd", parentCode: "dresden-gruna") == "dresden-gruna-gruna-sued")
        #expect(SozialraumTree.code(name: "Leipzig", parentCode: nil) == "leipzig")
        let id = try tree.add(name: "Gruna Süd", level: "quartier", parentID: "dd-gr", code: nil, by: coordinator)
        let area = try tree.area(id)
        #expect(area.code == "dresden-gruna-gruna-sued" && area.parentID == "dd-gr" && area.level == "quartier" && !area.retired)
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT kind FROM sozialraum WHERE id = ?", id) } == "Quartier")
        let again = #expect(throws: DirectoryWriter.Rejected.self) { try tree.add(name: "Gruna Süd", level: "quartier", parentID: "dd-gr", code: nil, by: coordinator) }
        #expect(again?.problems.map(\.field) == ["code"])
        let wrong = #expect(throws: DirectoryWriter.Rejected.self) { try tree.add(name: "", level: "stadt", parentID: "dd", code: nil, by: coordinator) }
        #expect(wrong?.problems.map(\.field) == ["name", "parent_id"])
        #expect(throws: LotseError.self) { try tree.area("nope") }
    }

    @Test func updateRefusesCyclesAndKeepsTheCode() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let tree = SozialraumTree(store: fixture.store, now: Fixture.now)
        try tree.update("dd-gr", name: "Gruna", level: "stadtteil", parentID: "dd-alt", by: coordinator)
        #expect(try tree.area("dd-gr").parentID == "dd-alt")
        #expect(try tree.area("dd-gr").code == "dresden-gruna")
        let cycle = #expect(throws: DirectoryWriter.Rejected.self) { try tree.update("dd-alt", name: "Altstadt", level: "bezirk", parentID: "dd-jo", by: coordinator) }
        #expect(cycle?.problems.map(\.field) == ["parent_id"])
        #expect(throws: LotseError.self) { try tree.update("nope", name: "X", level: "quartier", parentID: "dd-gr", by: coordinator) }
    }

    @Test func choicesShowPathsAndLeaveOutRetiredAreasAndSubtrees() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let tree = SozialraumTree(store: fixture.store, now: Fixture.now)
        #expect(try tree.choices().first { $0.id == "dd-jo" }?.label == "Dresden › Altstadt › Johannstadt")
        try tree.setRetired("dd-jo", true, by: coordinator)
        #expect(try tree.choices().contains { $0.id == "dd-jo" } == false)
        #expect(try tree.choices(including: "dd-jo").first { $0.id == "dd-jo" }?.label == "Dresden › Altstadt › Johannstadt (ausgemustert)")
        let below = try tree.choices(excludingBelow: "dd-alt").map(\.id)
        #expect(!below.contains("dd-alt") && !below.contains("dd-ia") && below.contains("dd-bl"))
        let labels = try tree.choices().map(\.label)
        #expect(labels == labels.sorted { $0.localizedStandardCompare($1) == .orderedAscending })
        try tree.setRetired("dd-jo", false, by: coordinator)
        #expect(try tree.area("dd-jo").retired == false)
        #expect(try tree.areas().count == 10)
    }
}

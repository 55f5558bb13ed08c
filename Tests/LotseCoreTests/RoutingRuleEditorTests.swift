// RoutingRuleEditor: listed services, set, moving services within a rule (a rule without
// services is removed), refusals.
import Foundation
import Testing
@testable import LotseCore

@Suite struct RoutingRuleEditorTests {
    @Test func movesServicesAndRemovesEmptyRules() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let org = try fixture.organization("Träger")
        let first = try fixture.service("Beratung A", organization: org, area: "dd-gr")
        let second = try fixture.service("Beratung B", organization: org, area: "dd-gr")
        let hidden = try fixture.service("Versteckt", organization: org, area: "dd-gr", hidden: true)
        let editor = RoutingRuleEditor(store: fixture.store, now: Fixture.now)
        let listed = try editor.listedServices()
        #expect(listed.map(\.id) == [first, second] && listed.first?.organization == "Träger" && !listed.contains { $0.id == hidden })
        let rule = try editor.set(need: "beratung.schulden", sozialraum: "dresden-gruna", target: .services([first, second]), note: "AK", by: coordinator)
        #expect(try editor.move(second, .up, inRule: rule.id, by: coordinator) == false)
        let moved = try #require(try editor.all().first)
        #expect(moved.target == .services([second, first]) && moved.note == "AK")
        let edge = #expect(throws: LotseError.self) { try editor.move(second, .up, inRule: moved.id, by: coordinator) }
        #expect(edge?.message == "Bitte »hoch«, »runter« oder »entfernen« wählen.")
        #expect(throws: LotseError.self) { try editor.move(second, nil, inRule: moved.id, by: coordinator) }
        #expect(throws: LotseError.self) { try editor.move("nope", .down, inRule: moved.id, by: coordinator) }
        #expect(try editor.move(second, .remove, inRule: moved.id, by: coordinator) == false)
        let single = try #require(try editor.all().first)
        #expect(try editor.move(first, .remove, inRule: single.id, by: coordinator) == true)
        #expect(try editor.all().isEmpty)
        let gone = #expect(throws: LotseError.self) { try editor.move(first, .up, inRule: single.id, by: coordinator) }
        #expect(gone?.kind == .notFound)
        let pool = try editor.set(need: "pflege", sozialraum: "dresden", target: .pool(kind: .dlz, sozialraum: "dresden-gruna"), note: "", by: coordinator)
        #expect(throws: LotseError.self) { try editor.move(first, .up, inRule: pool.id, by: coordinator) }
        try editor.remove(pool.id, by: coordinator)
        #expect(throws: LotseError.self) { try editor.remove(pool.id, by: coordinator) }
    }
}

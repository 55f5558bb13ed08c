// Changing cooperations: until, need category and binding agreement are validated in German,
// coordinators change every cooperation and provider editors those of their organizations,
// and each change is in both histories and the audit log.
import Foundation
import Testing
@testable import LotseCore

@Suite struct CooperationEditingTests {
    @Test func editorsOfEitherMemberChangeItAndEveryChangeIsAudited() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let a = try fixture.organization("Albert-Verein"), b = try fixture.organization("Bürgerhaus"), c = try fixture.organization("Caritas")
        let editorB = try fixture.account("b@example.org", name: "Bea", role: .provider, organizations: [b])
        let editorC = try fixture.account("c@example.org", name: "Carl", role: .provider, organizations: [c])
        let cooperations = Cooperations(store: fixture.store, now: Fixture.now)
        let id = try cooperations.add(.init(organizationID: a, partnerID: b, topic: "Treff", since: "2024-03-01"), by: coordinator)
        var draft = try #require(try cooperations.draft(id))
        #expect(draft.binding == false && draft.until == "")
        draft.until = "2027-12-31"
        draft.binding = true
        draft.needTermID = "n-all"
        try cooperations.update(id, to: draft, by: editorB)
        #expect(try cooperations.draft(id) == draft)
        #expect(try cooperations.all().first?.binding == true)
        #expect(try cooperations.mayEdit(id, by: editorB) && !(try cooperations.mayEdit(id, by: editorC)))
        #expect(throws: LotseError.self) { try cooperations.update(id, to: draft, by: editorC) }
        #expect(throws: LotseError.self) { try cooperations.remove(id, by: editorC) }
        // An editor records cooperations only of their own organizations.
        let foreign = #expect(throws: DirectoryWriter.Rejected.self) {
            try cooperations.add(.init(organizationID: a, partnerID: b, topic: "Anderes"), by: editorC)
        }
        #expect(foreign?.problems.map(\.field) == ["organization_id"])
        try cooperations.add(.init(organizationID: c, partnerID: a, topic: "Anderes"), by: editorC)

        var wrong = draft
        wrong.until = "2020-01-01"
        wrong.needTermID = "n-sch"
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) { try cooperations.update(id, to: wrong, by: coordinator) }
        #expect(rejected?.problems.map(\.message) == ["Bitte einen Bedarf aus der Liste wählen.", "Das Ende darf nicht vor dem Beginn liegen."])
        wrong = draft
        wrong.until = "31.12.2027"
        #expect(throws: DirectoryWriter.Rejected.self) { try cooperations.update(id, to: wrong, by: coordinator) }
        #expect(try cooperations.draft(id) == draft)

        try cooperations.remove(id, by: editorB)
        let audit = try fixture.store.pool.read { db in
            try db.query("SELECT account_id, what FROM audit_log WHERE what LIKE 'Kooperation %' ORDER BY seq") { "\($0.string(0)) \($0.string(1))" }
        }
        #expect(audit.count == 4)
        #expect(audit[1].hasPrefix("\(editorB.id) Kooperation \(id) geändert (binding, need_term_id, until): Albert-Verein und Bürgerhaus"))
        #expect(audit[3].hasPrefix("\(editorB.id) Kooperation \(id) entfernt"))
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM metadata WHERE resource_id = ? AND field_name = 'binding'", id) } ?? 0 > 0)
    }
}

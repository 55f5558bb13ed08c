// ReviewDecisions: approving and returning pending changes, with the coordinators' messages.
import Foundation
import Testing
@testable import LotseCore

@Suite struct ReviewDecisionsTests {
    @Test func approvesAndReturnsPendingChanges() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger")
        let service = try fixture.service("Mittagstisch Gruna", organization: org, area: "dd-gr")
        let provider = try fixture.account("p@example.org", name: "Petra", role: .provider, organizations: [org])
        let coordinator = try fixture.account()
        func submit(_ values: [String: String?]) throws -> String {
            try fixture.store.pool.write { db in
                try ReviewQueue(db: db).submit(organizationID: org, entity: "service", entityID: service, action: "update", summary: "Änderung",
                                               rows: [RowChange(table: "service", id: service, values: values)], by: provider)
            }
        }
        let decisions = ReviewDecisions(store: fixture.store, now: Fixture.now)
        let rename = try submit(["name": "Mittagstisch am Markt"])
        let empty = #expect(throws: DirectoryWriter.Rejected.self) { try decisions.giveBack(rename, comment: "  ", by: coordinator) }
        #expect(empty?.problems == [.init(field: "comment", message: "Bitte schreiben Sie dem Träger, was fehlt oder falsch ist.")])
        try decisions.approve(rename, by: coordinator)
        #expect(try fixture.search("markt") == [service])
        let closed = #expect(throws: LotseError.self) { try decisions.approve(rename, by: coordinator) }
        #expect(closed?.kind == .conflict)
        // A change pointing at an organization that is gone by the time of the review.
        let gone = try fixture.organization("Aufgelöst")
        let broken = try submit(["organization_id": gone])
        try fixture.sql("DELETE FROM organization WHERE id = '\(gone)'")
        let refused = #expect(throws: LotseError.self) { try decisions.approve(broken, by: coordinator) }
        #expect(refused?.kind == .conflict && refused?.message.hasSuffix("Bitte mit Kommentar zurückgeben.") == true)
        try decisions.giveBack(broken, comment: "Bitte die E-Mail-Adresse prüfen.", by: coordinator)
        #expect(try fixture.store.pool.read { try ReviewQueue(db: $0).pending() }.isEmpty)
    }
}

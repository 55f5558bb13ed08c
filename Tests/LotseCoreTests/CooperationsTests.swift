// Cooperations: only between two different members, once per pair and topic, listed by
// name, removed with history.
import Foundation
import Testing
@testable import LotseCore

@Suite struct CooperationsTests {
    @Test func recordsListsAndRemovesCooperationsBetweenMembers() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let a = try fixture.organization("Albert-Verein")
        let b = try fixture.organization("Bürgerhaus")
        let applicant = try fixture.organization("Club", membership: "applicant")
        let cooperations = Cooperations(store: fixture.store, now: Fixture.now)
        let id = try cooperations.add(.init(organizationID: a, partnerID: b, topic: "Nachbarschaftstreff", since: "2024-03-01", sozialraumID: "dd-gr"),
                                      by: coordinator)
        #expect(try cooperations.all() == [.init(id: id, organization: "Albert-Verein", partner: "Bürgerhaus", topic: "Nachbarschaftstreff",
                                                 since: "2024-03-01", quartier: "Gruna")])
        #expect(try fixture.historyCount(id) > 0)
        // The same pair and topic, either way round, is there already.
        let twice = #expect(throws: DirectoryWriter.Rejected.self) {
            try cooperations.add(.init(organizationID: b, partnerID: a, topic: "Nachbarschaftstreff"), by: coordinator)
        }
        #expect(twice?.problems == [.init(field: "topic", message: "Diese Kooperation ist schon eingetragen.")])
        let invalid = #expect(throws: DirectoryWriter.Rejected.self) {
            try cooperations.add(.init(organizationID: applicant, partnerID: applicant, topic: ""), by: coordinator)
        }
        #expect(invalid?.problems.map(\.field) == ["organization_id", "partner_id", "partner_id", "topic"])
        let missing = #expect(throws: DirectoryWriter.Rejected.self) { try cooperations.add(.init(organizationID: "", partnerID: "", topic: "X"), by: coordinator) }
        #expect(missing?.problems.map(\.message) == ["Bitte eine Organisation wählen.", "Bitte die Partnerorganisation wählen."])
        try cooperations.remove(id, by: coordinator)
        #expect(try cooperations.all().isEmpty)
        #expect(throws: LotseError.self) { try cooperations.remove(id, by: coordinator) }
    }
}

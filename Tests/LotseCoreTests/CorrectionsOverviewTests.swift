// CorrectionsOverview: open suggestions and the recently handled ones.
import Foundation
import Testing
@testable import LotseCore

@Suite struct CorrectionsOverviewTests {
    @Test func separatesOpenAndHandledSuggestions() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger")
        let service = try fixture.service("Mittagstisch", organization: org, area: "dd-gr")
        let coordinator = try fixture.account()
        let (first, _) = try fixture.store.pool.write { db in
            (try Corrections(db: db, now: Fixture.now).suggest(serviceID: service, text: "Die Zeiten stimmen nicht."),
             try Corrections(db: db, now: Fixture.now).suggest(serviceID: service, text: "Die Telefonnummer ist alt."))
        }
        try fixture.store.pool.write { try Corrections(db: $0, now: Fixture.now).handle(first, status: .done, by: coordinator) }
        let (open, handled) = try CorrectionsOverview(store: fixture.store).suggestions()
        #expect(open.map(\.text) == ["Die Telefonnummer ist alt."])
        #expect(handled.map(\.id) == [first] && handled.first?.status == .done)
    }
}

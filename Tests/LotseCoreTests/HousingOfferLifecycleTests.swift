// HousingOfferLifecycleTests: every (status, event, actor) of the flat offer's state machine —
// the legal transitions land where the table says, every other one is refused; `held` is
// reachable only through the hold workflow's function.
import Foundation
import Testing
@testable import LotseCore

@Suite struct HousingOfferLifecycleTests {
    typealias L = HousingOfferLifecycle

    static let legal: [L.Status: [L.Event: (L.Status, L.Actor)]] = [
        .available: [.hold: (.held, .holdWorkflow), .withdraw: (.withdrawn, .companyEditor)],
        .held: [.release: (.available, .holdWorkflow), .let: (.let, .companyEditor), .withdraw: (.withdrawn, .companyEditor)],
        .withdrawn: [.reoffer: (.available, .companyEditor)],
        .let: [:],
    ]

    @Test func everyTransitionIsLegalOrRefusedAsTheTableSays() throws {
        var legalSeen = 0, refused = 0
        for status in L.Status.allCases {
            for event in L.Event.allCases {
                for actor in [L.Actor.companyEditor, .holdWorkflow] {
                    if let (target, allowed) = Self.legal[status]?[event], allowed == actor {
                        #expect(try L.next(from: status, on: event, by: actor) == target, "\(status) --\(event)/\(actor)--> \(target)")
                        legalSeen += 1
                    } else {
                        #expect(throws: LotseError.self, "\(status) --\(event)/\(actor)--> must be refused") {
                            try L.next(from: status, on: event, by: actor)
                        }
                        refused += 1
                    }
                }
            }
        }
        #expect(legalSeen == 6)
        #expect(refused == 4 * 5 * 2 - 6)
    }

    @Test func editorsCannotHoldAndTheWorkflowCannotLet() throws {
        let editor = try #require(throws: LotseError.self) { try L.next(from: .available, on: .hold, by: .companyEditor) }
        #expect(editor.kind == .forbidden)
        let workflow = try #require(throws: LotseError.self) { try L.next(from: .held, on: .let, by: .holdWorkflow) }
        #expect(workflow.kind == .forbidden)
        let letAgain = try #require(throws: LotseError.self) { try L.next(from: .let, on: .withdraw, by: .companyEditor) }
        #expect(letAgain.kind == .conflict)
        #expect(L.events(from: .available, for: .companyEditor) == [.withdraw])
        #expect(L.events(from: .held, for: .companyEditor) == [.let, .withdraw])
        #expect(L.events(from: .let, for: .companyEditor).isEmpty)
    }

    @Test func onlyTheHoldFunctionReachesHeld() throws {
        let f = try Fixture()
        let company = try f.organization("Wohnbau Elbe", kind: "housing_company")
        let team = try f.organization("Beratung Johannstadt")
        let editor = try f.account("w@example.org", name: "Wohnbau", role: .provider, organizations: [company])
        let offers = HousingOffers(store: f.store, now: Fixture.now)
        let id = try offers.create(HousingTestData.draft(organization: company), by: editor)
        #expect(throws: LotseError.self) { try offers.change(id, .hold, by: editor) }
        try f.store.pool.write { db in try HousingOffers.hold(db, offer: id, for: team, now: Fixture.now) }
        #expect(try offers.offer(id)?.status == .held)
        #expect(try offers.offer(id)?.heldByOrganizationID == team)
        #expect(throws: LotseError.self) { try f.store.pool.write { db in try HousingOffers.hold(db, offer: id, for: team, now: Fixture.now) } }
        try f.store.pool.write { db in try HousingOffers.release(db, offer: id, now: Fixture.now) }
        #expect(try offers.offer(id)?.status == .available)
        #expect(try offers.offer(id)?.heldByOrganizationID == nil)
        #expect(try offers.change(id, .withdraw, by: editor) == .withdrawn)
        #expect(try offers.change(id, .reoffer, by: editor) == .available)
    }
}

/// Offers and accounts for the housing tests.
enum HousingTestData {
    /// A complete draft in Johannstadt: 2 rooms, 400 + 120 € (gross cold 520 €), 80 € heating, households 1–3.
    static func draft(organization: String, area: String = "dd-jo") -> HousingOffers.Draft {
        var draft = HousingOffers.Draft()
        draft.organizationID = organization
        draft.sozialraumID = area
        draft.street = "Pfotenhauerstraße"
        draft.houseNumber = "12"
        draft.postalCode = "01307"
        draft.rooms = "2"
        draft.size = "58,4"
        draft.coldRent = "400"
        draft.runningCosts = "120,00"
        draft.heating = "80"
        draft.features = ["bodengleiche-dusche"]
        draft.availableFrom = "2026-12-01"
        draft.householdMin = "1"
        draft.householdMax = "3"
        return draft
    }
}

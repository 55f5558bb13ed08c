// RentLimitsTests: the rent check per household size (within, exceeds by X €, no limit), the
// valid-from date picking the limit of the day, the nearest area up the tree, the checks of
// the coordinators' form (German errors) and the audit of every change.
import Foundation
import Testing
@testable import LotseCore

@Suite struct RentLimitsTests {
    func limit(_ limits: RentLimits, _ coordinator: Account, area: String, size: Int, amount: String, from: String) throws {
        try limits.add(.init(sozialraumID: area, householdSize: String(size), amount: amount, validFrom: from), by: coordinator)
    }

    @Test func eachHouseholdSizeIsWithinOrExceedsByTheDifference() throws {
        let f = try Fixture()
        let coordinator = try f.account()
        let company = try f.organization("Wohnbau Elbe", kind: "housing_company")
        let editor = try f.account("w@example.org", name: "Wohnbau", role: .provider, organizations: [company])
        let limits = RentLimits(store: f.store, now: Fixture.now)
        try limit(limits, coordinator, area: "dd", size: 1, amount: "480", from: "2025-01-01")
        try limit(limits, coordinator, area: "dd", size: 2, amount: "540,50", from: "2025-01-01")
        let offers = HousingOffers(store: f.store, now: Fixture.now)
        let id = try offers.create(HousingTestData.draft(organization: company), by: editor)
        let listing = try #require(try offers.listed(.init()).first { $0.offer.id == id })
        #expect(listing.offer.grossColdCents == 52_000)
        #expect(listing.assessments.map(\.householdSize) == [1, 2, 3])
        #expect(listing.assessments[0].verdict == .exceeds(excess: 4_000))
        #expect(listing.assessments[0].text.contains("um 40,00 €"))
        #expect(listing.assessments[1].verdict == .within(margin: 2_050))
        #expect(listing.assessments[2].verdict == .noLimit)
    }

    @Test func theValidFromDatePicksTheLimitOfTheDay() throws {
        let f = try Fixture()
        let coordinator = try f.account()
        let limits = RentLimits(store: f.store, now: Fixture.now)
        try limit(limits, coordinator, area: "dd", size: 1, amount: "450", from: "2025-01-01")
        try limit(limits, coordinator, area: "dd", size: 1, amount: "470", from: "2026-01-01")
        try limit(limits, coordinator, area: "dd", size: 1, amount: "500", from: "2027-01-01")
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2024-12-31") == nil)
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2025-06-30")?.grossColdCents == 45_000)
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2026-01-01")?.grossColdCents == 47_000)
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2026-12-31")?.grossColdCents == 47_000)
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2027-01-01")?.grossColdCents == 50_000)
        // An area's own limit wins over the city's.
        try limit(limits, coordinator, area: "dd-jo", size: 1, amount: "490", from: "2025-01-01")
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 1, on: "2026-06-01")?.grossColdCents == 49_000)
        #expect(try limits.limit(sozialraumID: "dd-ia", householdSize: 1, on: "2026-06-01")?.grossColdCents == 47_000)
        #expect(try limits.limit(sozialraumID: "dd-jo", householdSize: 2, on: "2026-06-01") == nil)
    }

    @Test func theFormRefusesBadInputInGermanAndAuditsChanges() throws {
        let f = try Fixture()
        let coordinator = try f.account()
        let limits = RentLimits(store: f.store, now: Fixture.now)
        let rejected = try #require(throws: DirectoryWriter.Rejected.self) {
            try limits.add(.init(sozialraumID: "", householdSize: "null", amount: "viel", validFrom: "1.1.2026"), by: coordinator)
        }
        #expect(Set(rejected.problems.map(\.field)) == ["sozialraum_id", "household_size", "amount", "valid_from"])
        #expect(rejected.problems.contains { $0.message.contains("»viel« ist kein Betrag in Euro") })
        try limit(limits, coordinator, area: "dd", size: 2, amount: "1.020", from: "2026-01-01")
        #expect(try limits.all().first?.grossColdCents == 102_000)
        let duplicate = try #require(throws: DirectoryWriter.Rejected.self) {
            try limit(limits, coordinator, area: "dd", size: 2, amount: "999", from: "2026-01-01")
        }
        #expect(duplicate.problems.map(\.field) == ["valid_from"])
        try limits.remove(try #require(try limits.all().first).id, by: coordinator)
        #expect(try limits.all().isEmpty)
        let audit = try f.store.pool.read { db in
            try db.query("SELECT what, account_id FROM audit_log WHERE what LIKE 'Mietobergrenze%' ORDER BY seq") { ($0.string(0), $0.string(1)) }
        }
        #expect(audit.map(\.0) == ["Mietobergrenze angelegt: Dresden, 2 Pers., 1.020,00 € ab 2026-01-01",
                                   "Mietobergrenze entfernt: Dresden, 2 Pers., 1.020,00 € ab 2026-01-01"])
        #expect(audit.allSatisfy { $0.1 == coordinator.id })
    }

    @Test func euroAmountsAreReadAsGermansTypeThem() {
        #expect(Euro.cents("512,50") == 51_250)
        #expect(Euro.cents("1.020") == 102_000)
        #expect(Euro.cents("1.020,5") == 102_050)
        #expect(Euro.cents("512.5") == 51_250)
        #expect(Euro.cents("512 €") == 51_200)
        #expect(Euro.cents("viel") == nil)
        #expect(Euro.cents("-5") == nil)
        #expect(Euro.cents("1,234") == nil)
        #expect(Euro.text(102_050) == "1.020,50 €")
        #expect(Euro.parseTenths("2,5") == 25)
        #expect(Euro.tenths(25) == "2,5")
    }
}

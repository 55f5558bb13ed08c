// HousingQuotasTests: the coordinators' yearly quotas — German errors for every bad field, only
// coordinators may save, a save replaces the company's classes for that year (a blank class
// has no quota), and every save is audited with the quota before and after.
import Foundation
import Testing
@testable import LotseCore

@Suite struct HousingQuotasTests {
    func draft(_ organization: String, _ year: String, _ flats: [HouseholdClass: String]) -> HousingQuotas.Draft {
        .init(organizationID: organization, year: year, flats: flats)
    }

    @Test func badInputIsRefusedInGermanPerField() throws {
        let f = try Fixture()
        let coordinator = try f.account()
        let traeger = try f.organization("Beratungsstelle")
        let quotas = HousingQuotas(store: f.store, now: Fixture.now)
        let rejected = try #require(throws: DirectoryWriter.Rejected.self) {
            try quotas.save(draft("", "zwanzig", [.one: "viele", .two: "-3", .threeToFour: "10001"]), by: coordinator)
        }
        #expect(rejected.problems.map(\.field) == ["organization_id", "year", "quota_1", "quota_2", "quota_3_4"])
        #expect(rejected.problems[0].message == "Bitte ein Wohnungsunternehmen wählen.")
        #expect(rejected.problems[1].message == "»zwanzig« ist kein Jahr (zum Beispiel 2026).")
        #expect(rejected.problems[2].message.contains("»viele« ist keine Zahl von Wohnungen (0 bis 10.000) für 1 Person"))
        // Not a housing company; a year outside the table's range; nothing at all for any class.
        let other = try #require(throws: DirectoryWriter.Rejected.self) {
            try quotas.save(draft(traeger, "1999", [:]), by: coordinator)
        }
        #expect(other.problems.map(\.field) == ["organization_id", "year", "quota_1"])
        #expect(other.problems[0].message.contains("gibt es nicht (oder es ist keines)"))
        #expect(other.problems[2].message == "Bitte für mindestens eine Haushaltsgröße eine Zahl von Wohnungen angeben.")
        #expect(try f.store.pool.read { db in try db.scalarInt("SELECT count(*) FROM housing_quota") } == 0)
    }

    @Test func onlyCoordinatorsSave() throws {
        let f = try Fixture()
        let company = try f.organization("Wohnbau Elbe", kind: "housing_company")
        let quotas = HousingQuotas(store: f.store, now: Fixture.now)
        for role in [Role.counselor, .provider, .admin] {
            let account = try f.account("\(role.rawValue)@example.org", role: role, organizations: role == .provider ? [company] : [])
            let error = try #require(throws: LotseError.self) { try quotas.save(draft(company, "2026", [.one: "4"]), by: account) }
            #expect(error.kind == .forbidden)
        }
        #expect(try quotas.all(year: 2026).isEmpty)
    }

    @Test func aSaveReplacesTheYearAndIsAudited() throws {
        let f = try Fixture()
        let coordinator = try f.account()
        let company = try f.organization("Wohnbau Elbe", kind: "housing_company")
        let cooperative = try f.organization("Genossenschaft Gruna", kind: "housing_cooperative")
        let quotas = HousingQuotas(store: f.store, now: Fixture.now)
        #expect(try quotas.companies().map(\.name) == ["Genossenschaft Gruna", "Wohnbau Elbe"])
        try quotas.save(draft(company, "2026", [.one: "12", .two: " 8 ", .threeToFour: "5", .fivePlus: "0"]), by: coordinator)
        try quotas.save(draft(company, "2025", [.one: "3"]), by: coordinator)
        try quotas.save(draft(cooperative, "2026", [.two: "2"]), by: coordinator)
        var quota = try #require(try quotas.quota(organizationID: company, year: 2026))
        #expect(quota.flats == [.one: 12, .two: 8, .threeToFour: 5, .fivePlus: 0])
        #expect(quota.total == 25)
        // Blank classes lose their quota; other years and companies stay.
        try quotas.save(draft(company, "2026", [.one: "10", .two: ""]), by: coordinator)
        quota = try #require(try quotas.quota(organizationID: company, year: 2026))
        #expect(quota.flats == [.one: 10])
        #expect(try quotas.quota(organizationID: company, year: 2025)?.flats == [.one: 3])
        #expect(try quotas.all(year: 2026).map(\.organizationName) == ["Genossenschaft Gruna", "Wohnbau Elbe"])
        let audit = try f.store.pool.read { db in
            try db.query("SELECT what, account_id, purpose FROM audit_log WHERE what LIKE 'Wohnungsquote%' ORDER BY seq") { ($0.string(0), $0.string(1), $0.string(2)) }
        }
        #expect(audit.map(\.0) == [
            "Wohnungsquote 2026 gespeichert: Wohnbau Elbe, 1 Pers. 12, 2 Pers. 8, 3–4 Pers. 5, 5+ Pers. 0 (vorher: keine)",
            "Wohnungsquote 2025 gespeichert: Wohnbau Elbe, 1 Pers. 3 (vorher: keine)",
            "Wohnungsquote 2026 gespeichert: Genossenschaft Gruna, 2 Pers. 2 (vorher: keine)",
            "Wohnungsquote 2026 gespeichert: Wohnbau Elbe, 1 Pers. 10 (vorher: 1 Pers. 12, 2 Pers. 8, 3–4 Pers. 5, 5+ Pers. 0)",
        ])
        #expect(audit.allSatisfy { $0.1 == coordinator.id && $0.2 == "Wohnungsquoten" })
    }

    @Test func householdSizesFallIntoTheirClasses() {
        #expect([1, 2, 3, 4, 5, 9].map { HouseholdClass.of(size: $0) } == [.one, .two, .threeToFour, .threeToFour, .fivePlus, .fivePlus])
        #expect(HouseholdClass.allCases.map(\.rawValue) == ["1", "2", "3-4", "5+"])
    }
}

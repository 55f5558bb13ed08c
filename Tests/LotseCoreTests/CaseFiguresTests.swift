// The report counts cases, not offers: over a generated history of parallel offers, siblings
// cancelled because one was accepted, and re-referrals, the exact totals per need and per
// Sozialraum equal what a plain SQL query over the referral table computes independently, and
// the district profile agrees with them.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct CaseFiguresTests {
    /// A generated history: each case one to three parallel offers; an acceptance cancels the
    /// siblings ('sibling-accepted'); a case without one may be re-referred (same group, later).
    static func history(seed: UInt64, cases count: Int) throws -> ReferralFixture {
        let network = try ReferralFixture()
        var random = ReportSuppressionTests.Random(state: seed)
        let areas = ["dd-gr", "dd-st", "dd-jo", "dd-ia", "hb-os"]
        let needs = ["pflege.tagespflege", "beratung.sucht", "alltag.mittagstisch"]
        try network.store.pool.write { db in
            var number = 0
            func insert(group: String, status: String, reason: String?, area: String, need: String, created: String) throws {
                number += 1
                let id = number == 0 ? group : "\(group)-\(number)"
                try db.execute("""
                    INSERT INTO referral(id, group_id, status, reason, requester_account_id, service_id, sozialraum_id, needs, created_at,
                        sent_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, id, group, status, reason, network.counselor.id, network.serviceA, area, need, created, created, created)
            }
            for index in 0..<count {
                let group = "c\(index)", area = areas[random.next(areas.count)], need = needs[random.next(needs.count)]
                let month = 1 + random.next(12)
                let created = String(format: "2026-%02d-%02dT09:00:00Z", month, 1 + random.next(20))
                let offers = 1 + random.next(3)
                switch random.next(4) {
                case 0:   // one accepted, the siblings cancelled because of it
                    try insert(group: group, status: ["accepted", "completed", "in-progress"][random.next(3)], reason: nil, area: area, need: need, created: created)
                    for _ in 1..<offers { try insert(group: group, status: "cancelled", reason: "sibling-accepted", area: area, need: need, created: created) }
                case 1:   // all declined, then perhaps re-referred with some result
                    for _ in 0..<offers { try insert(group: group, status: ["rejected", "failed"][random.next(2)], reason: "capacity", area: area, need: need, created: created) }
                    if random.next(2) == 0 {
                        let later = String(format: "2026-%02d-25T09:00:00Z", month)
                        try insert(group: group, status: ["completed", "rejected", "requested"][random.next(3)], reason: nil, area: area, need: need, created: later)
                    }
                case 2:   // still waiting
                    for _ in 0..<offers { try insert(group: group, status: "requested", reason: nil, area: area, need: need, created: created) }
                default:  // cancelled by the counselor, or a draft and an error that never count
                    try insert(group: group, status: "cancelled", reason: "citizen-declined", area: area, need: need, created: created)
                    try insert(group: group, status: random.next(2) == 0 ? "draft" : "entered-in-error", reason: nil, area: area, need: need, created: created)
                }
            }
        }
        return network
    }

    /// The true numbers, by a plain query: per need (or per area), cases opened in `from`..<`until`,
    /// met, unmet and open.
    static func truth(_ db: Database, by column: String, from: String, until: String) throws -> [String: [Int]] {
        let rows = try db.query("""
            WITH c AS (
                SELECT group_id, needs, min(sozialraum_id) AS area, min(created_at) AS opened,
                       max(status IN ('accepted', 'in-progress', 'on-hold', 'completed')) AS met,
                       max(status = 'requested') AS waiting
                FROM referral
                WHERE status NOT IN ('draft', 'entered-in-error') AND coalesce(reason, '') <> 'sibling-accepted'
                GROUP BY group_id, needs)
            SELECT \(column), count(*), sum(met), sum(NOT met AND NOT waiting), sum(NOT met AND waiting)
            FROM c WHERE opened >= ? AND opened < ? GROUP BY \(column)
            """, from, until) { row in (row.string(0), [row.int(1), row.int(2), row.int(3), row.int(4)]) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    @Test func totalsPerNeedAndPerAreaAreTheCasesAPlainQueryCounts() throws {
        let network = try Self.history(seed: 7, cases: 600)
        let index = try network.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        var compared = 0
        for period in [ReportPeriod.year(2026), .quarter(2, of: 2026), .month(5, of: 2026)] {
            let report = try network.store.pool.read { try UnmetNeedsReport.compute($0, index: index, period: period, level: "stadtteil") }
            let byNeed = try network.store.pool.read { try Self.truth($0, by: "needs", from: period.from, until: period.until) }
            let areaCodes = try network.store.pool.read { db in
                Dictionary(try db.query("SELECT id, code FROM sozialraum") { ($0.string(0), $0.string(1)) }, uniquingKeysWith: { first, _ in first })
            }
            let byArea = try network.store.pool.read { try Self.truth($0, by: "area", from: period.from, until: period.until) }
            for (totals, truth) in [(report.needTotals, byNeed), (report.areaTotals, Dictionary(uniqueKeysWithValues: byArea.map { (areaCodes[$0.key]!, $0.value) }))] {
                #expect(Set(totals.map(\.key)) == Set(truth.keys), "\(period.label)")
                for total in totals {
                    let expected = truth[total.key]!
                    for (shown, real) in zip([total.recorded, total.met, total.unmet, total.open], expected) {
                        if let shown { #expect(shown == real, "\(period.label) \(total.key): \(shown) ≠ \(real)"); compared += 1 } else { #expect(real < 5 || real > 0) }
                        if real > 0 && real < 5 { #expect(shown == nil, "\(total.key): \(real) shown") }
                    }
                }
            }
            let all = byNeed.values.reduce(0) { $0 + $1[0] }
            #expect(report.caseTotal.recorded == all)
            if period.kind == .year {
                // The year: every need total is large, so every figure is shown and exact.
                #expect(report.needTotals.allSatisfy { $0.recorded != nil && $0.met != nil && $0.unmet != nil })
                // Counting offers instead would overstate unmet needs: siblings and re-referrals.
                let unmetOffers = try network.store.pool.read { try $0.scalarInt("""
                    SELECT count(*) FROM referral WHERE status IN ('rejected', 'cancelled', 'failed') AND created_at < '2027-01-01'
                    """) ?? 0 }
                #expect(report.caseTotal.unmet! < unmetOffers)
            }
        }
        #expect(compared > 40)
    }

    @Test func theDistrictProfileCountsTheSameCasesPerThousandResidents() throws {
        let network = try Self.history(seed: 11, cases: 400)
        try network.store.pool.write { try $0.execute("UPDATE sozialraum SET population = 12500 WHERE id = 'dd-gr'") }
        let reporting = UnmetNeedsReporting(store: network.store, now: Fixture.now)
        let demand = try reporting.demand(sozialraum: "dresden-gruna", period: .year(2026))
        let truth = try network.store.pool.read { try Self.truth($0, by: "area || '|' || needs", from: "2026-01-01", until: "2027-01-01") }
        #expect(demand.population == 12500)
        var checked = 0
        for row in demand.rows where !row.isCategory {
            let real = truth["dd-gr|" + row.need] ?? [0, 0, 0, 0]
            for (shown, value) in zip([row.recorded, row.met, row.unmet], real) {
                if let shown { #expect(shown == value); checked += 1 } else { #expect(value < 5 || value > 0) }
            }
        }
        #expect(checked >= 3)
        let total = truth.filter { $0.key.hasPrefix("dd-gr|") }.values.reduce(0) { $0 + $1[0] }
        #expect(demand.total.recorded == total)
        #expect(demand.total.perThousand(demand.total.recorded, population: demand.population) == Double(total) * 1000 / 12500)
        // The category row of a need is its margin.
        let pflege = demand.rows.first { $0.need == "pflege" }
        #expect(pflege?.isCategory == true && pflege?.recorded == demand.rows.first { $0.need == "pflege.tagespflege" }?.recorded)
        #expect(throws: LotseError.self) { try reporting.demand(sozialraum: "nirgendwo", period: .year(2026)) }
    }

    @Test func unknownLevelsAreRefused() throws {
        let fixture = try Fixture()
        let reporting = UnmetNeedsReporting(store: fixture.store, now: Fixture.now)
        #expect(throws: LotseError.self) { try reporting.level("stadt") }
        #expect(try reporting.level(nil) == "stadtteil" && reporting.level("quartier") == "quartier")
        let index = try fixture.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        #expect(throws: LotseError.self) { try fixture.store.pool.read { try UnmetNeedsReport.compute($0, index: index, period: .year(2026), level: "stadt") } }
    }
}

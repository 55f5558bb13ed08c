// SyntheticReferrals: the same seed gives the same referral history, and the history is
// usable by the report and the responsiveness figures.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralSyntheticTests {
    func generated(seed: UInt64) throws -> (Fixture, String) {
        let fixture = try Fixture()
        let organization = try fixture.organization("Träger")
        for (index, area) in ["dd-gr", "dd-jo", "dd-st", "hb-os"].enumerated() {
            try fixture.service("Angebot \(index)", organization: organization, area: area, terms: index % 2 == 0 ? ["n-tag"] : ["n-mit"])
        }
        let digest = try fixture.store.pool.write { db -> String in
            try SyntheticReferrals(count: 300, seed: seed).generate(into: db, now: Fixture.now)
            let rows = try db.query("""
                SELECT id || status || coalesce(reason, '') || coalesce(service_id, '') || created_at || coalesce(responded_at, '')
                FROM referral ORDER BY id
                """) { $0.string(0) }
            return Crypto.sha256Hex(rows.joined(separator: "\n"))
        }
        return (fixture, digest)
    }

    @Test func sameSeedSameHistory() throws {
        let (first, one) = try generated(seed: 7)
        let (_, two) = try generated(seed: 7)
        let (_, other) = try generated(seed: 8)
        #expect(one == two && one != other)
        let counts = try first.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM referral")!, try db.scalarInt("SELECT count(DISTINCT status) FROM referral")!,
             try db.scalarInt("SELECT count(*) FROM referral_event")!, try db.scalarInt("SELECT count(*) FROM account WHERE role = 'counselor'")!)
        }
        #expect(counts.0 == 300 && counts.1 >= 8 && counts.2 > 300 && counts.3 == 3)
        let (report, responsiveness) = try first.store.pool.read { db in
            (try UnmetNeedsReport.compute(db, index: try SearchIndex.build(db, now: Fixture.now), period: .year(2026)), try Responsiveness.compute(db))
        }
        #expect(report.referralTotal.map { $0 > 200 } == true && !report.cells.isEmpty)
        #expect(responsiveness.values.contains { ($0.acceptanceRate ?? 0) > 0.3 && $0.responses > 20 })
    }
}

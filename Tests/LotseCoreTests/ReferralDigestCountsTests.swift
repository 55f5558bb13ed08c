// Digest counts: what a provider, a counselor and a coordinator are told each week — counts
// only, with small area counts suppressed.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralDigestCountsTests {
    @Test func countsPerRole() throws {
        let network = try ReferralFixture()
        let waiting = try network.sent(to: [network.serviceA])[0]
        let rejected = try network.sent(to: [network.serviceA])[0]
        try network.desk { try $0.transition(rejected, to: .rejected, by: .person(network.providerA), reason: .capacity) }
        for _ in 0..<5 {
            let id = try network.sent(to: [network.serviceB])[0]
            try network.desk { try $0.transition(id, to: .rejected, by: .person(network.providerB), reason: .capacity) }
        }
        let since = Timestamp.parse("2026-11-16T00:00:00Z")!, later = Timestamp.parse("2026-11-24T08:00:00Z")!
        let (provider, counselor, coordinator, admin) = try network.store.pool.read { db in
            (try ReferralDigestCounts.compute(db, for: network.providerA, since: since, now: later),
             try ReferralDigestCounts.compute(db, for: network.colleague, since: since, now: later),
             try ReferralDigestCounts.compute(db, for: network.coordinator, since: since, now: later),
             try ReferralDigestCounts.compute(db, for: network.admin, since: since, now: later))
        }
        #expect(provider.waiting == 1 && provider.overdue == 1, "respond-by was Mon 2026-11-23")
        #expect(counselor.statusChanges == 6 && counselor.toReroute == 6)
        #expect(coordinator.unmetByArea.count == 1 && coordinator.unmetByArea[0].area == "Gruna" && coordinator.unmetByArea[0].count == 6)
        #expect(admin == ReferralDigestCounts())
        _ = waiting
    }
}

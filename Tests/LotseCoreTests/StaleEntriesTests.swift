// StaleEntries: which stale entries may be hidden, hiding and showing with history.
import Foundation
import Testing
@testable import LotseCore

@Suite struct StaleEntriesTests {
    @Test func longStaleEntriesCanBeHiddenAndShownAgain() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let org = try fixture.organization("Träger")
        let recent = try fixture.service("Kürzlich fällig", organization: org, area: "dd-gr", reviewDue: "2026-11-01")
        let old = try fixture.service("Lange fällig", organization: org, area: "dd-gr", reviewDue: "2026-05-01")
        let stale = StaleEntries(store: fixture.store, now: Fixture.now)
        let entries = try stale.list()
        #expect(Set(entries.map(\.id)) == [recent, old])
        #expect(try stale.mayToggle(#require(entries.first { $0.id == old })))
        #expect(try !stale.mayToggle(#require(entries.first { $0.id == recent })))
        try stale.setHidden(.service, id: old, true, by: coordinator)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT hidden FROM service WHERE id = ?", old) } == 1)
        #expect(try fixture.historyCount(old) > 0)
        try stale.setHidden(.service, id: old, false, by: coordinator)
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT hidden FROM service WHERE id = ?", old) } == 0)
        #expect(throws: LotseError.self) { try stale.setHidden(.organization, id: old, true, by: coordinator) }
    }
}

// The hash-chained audit log: an intact chain verifies; a modified, deleted, inserted or
// reordered row is found and its sequence number reported; pruning keeps the chain verifiable.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct AuditLogTests {
    /// A network with a few audited actions (about ten rows).
    func network() throws -> ReferralFixture {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        try network.desk { desk in
            _ = try desk.view(id, as: network.providerA)
            try desk.transition(id, to: .accepted, by: .person(network.providerA))
            _ = try desk.view(id, as: network.counselor)
        }
        #expect(try count(network) >= 8)
        return network
    }

    func count(_ network: ReferralFixture) throws -> Int {
        try network.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log")! }
    }

    func verify(_ network: ReferralFixture) throws -> AuditLog.Verification {
        try network.store.pool.read { try AuditLog(db: $0).verify() }
    }

    @Test func anIntactLogVerifies() throws {
        let network = try network()
        #expect(try verify(network) == .intact(rows: try count(network)))
        let empty = try Fixture()
        #expect(try empty.store.pool.read { try AuditLog(db: $0).verify() } == .intact(rows: 0))
    }

    @Test func aModifiedRowIsFound() throws {
        let network = try network()
        try network.fixture.sql("UPDATE audit_log SET purpose = 'Neugier' WHERE seq = 5")
        #expect(try verify(network) == .broken(seq: 5, problem: "Inhalt geändert"))
    }

    @Test func aModifiedHashBreaksTheNextRow() throws {
        let network = try network()
        try network.fixture.sql("UPDATE audit_log SET what = 'x', hash = '\(String(repeating: "a", count: 64))' WHERE seq = 3")
        guard case .broken(let seq, _) = try verify(network) else { Issue.record("not detected"); return }
        #expect(seq == 3)
    }

    @Test func aDeletedRowIsFound() throws {
        let network = try network()
        try network.fixture.sql("DELETE FROM audit_log WHERE seq = 4")
        #expect(try verify(network) == .broken(seq: 4, problem: "Zeile fehlt (gelöscht)"))
    }

    @Test func aReorderedRowIsFound() throws {
        let network = try network()
        // Swap the contents of rows 2 and 3 (keeping their sequence numbers).
        try network.fixture.sql("""
            UPDATE audit_log SET seq = -2 WHERE seq = 2;
            UPDATE audit_log SET seq = 2 WHERE seq = 3;
            UPDATE audit_log SET seq = 3 WHERE seq = -2;
            """)
        guard case .broken(let seq, _) = try verify(network) else { Issue.record("not detected"); return }
        #expect(seq == 2)
    }

    @Test func anInsertedRowIsFound() throws {
        let network = try network()
        let rows = try count(network)
        // Make room after row 3 and insert a well-formed row chained to row 3.
        try network.fixture.sql("""
            UPDATE audit_log SET seq = seq + 1000 WHERE seq > 3;
            UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000;
            """)
        let previous = try network.store.pool.read { try $0.scalarString("SELECT hash FROM audit_log WHERE seq = 3")! }
        let hash = AuditEntry.hash(seq: 4, at: "2026-11-18T09:30:00Z", accountID: nil, role: "admin", organizationID: nil, action: "read",
                                   referralID: nil, what: "nichts", purpose: "Tarnung", previousHash: previous)
        try network.store.pool.write { db in
            try db.execute("""
                INSERT INTO audit_log(seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash)
                VALUES (4, '2026-11-18T09:30:00Z', NULL, 'admin', NULL, 'read', NULL, 'nichts', 'Tarnung', ?, ?)
                """, previous, hash)
        }
        #expect(try count(network) == rows + 1)
        guard case .broken(let seq, let problem) = try verify(network) else { Issue.record("not detected"); return }
        #expect(seq == 5 && problem.contains("Verkettung"))
        // An extra row appended at the end with a made-up chain link is found too.
        let fresh = try self.network()
        let last = try count(fresh)
        try fresh.fixture.sql("""
            INSERT INTO audit_log(seq, at, role, action, what, purpose, prev_hash, hash)
            VALUES (\(last + 1), '2026-11-18T09:31:00Z', 'admin', 'read', 'x', 'y', '\(String(repeating: "0", count: 64))', 'z')
            """)
        #expect(try verify(fresh) == .broken(seq: last + 1, problem: "Verkettung unterbrochen (Zeile eingefügt, vertauscht oder Vorgänger geändert)"))
    }

    @Test func pruningMovesTheAnchorAndTheChainStillVerifies() throws {
        let network = try network()
        let later = Timestamp.parse("2026-11-18T12:00:00Z")!
        try network.store.pool.write { db in
            _ = try AuditLog(db: db, now: later).append(.read, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                                          what: "später", purpose: "Test")
        }
        let total = try count(network)
        let pruned = try network.store.pool.write { try AuditLog(db: $0, now: later).prune(before: "2026-11-18T10:00:00Z") }
        let remaining = try count(network)
        #expect(pruned == total - 1 && remaining == 1)
        #expect(try verify(network) == .intact(rows: 1))
        try network.store.pool.write { db in
            _ = try AuditLog(db: db, now: later).append(.read, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                                          what: "danach", purpose: "Test")
        }
        #expect(try verify(network) == .intact(rows: 2))
        try network.fixture.sql("DELETE FROM audit_log WHERE seq = \(total)")
        #expect(try verify(network) == .broken(seq: total, problem: "Zeile fehlt (gelöscht)"))
    }
}

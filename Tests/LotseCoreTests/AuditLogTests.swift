// The MAC-chained audit log: an intact chain verifies; a modified, deleted, inserted or
// reordered row, a chain recomputed without the key, a deleted prefix with a forged anchor and
// (through the checkpoint file) deleted newest rows and a wiped table are found; pruning is an
// authenticated entry and keeps the chain verifiable; an old unkeyed chain migrates.
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
        #expect(try verify(network) == .broken(seq: 5, problem: "Prüfsumme falsch (Inhalt geändert oder ohne Schlüssel neu berechnet)"))
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
        #expect(seq == 4 && problem.contains("Schlüssel"))   // a row chained with plain SHA-256 has no valid MAC
        // An extra row appended at the end with a made-up chain link is found too.
        let fresh = try self.network()
        let last = try count(fresh)
        try fresh.fixture.sql("""
            INSERT INTO audit_log(seq, at, role, action, what, purpose, prev_hash, hash)
            VALUES (\(last + 1), '2026-11-18T09:31:00Z', 'admin', 'read', 'x', 'y', '\(String(repeating: "0", count: 64))', 'z')
            """)
        #expect(try verify(fresh) == .broken(seq: last + 1, problem: "Verkettung unterbrochen (Zeile eingefügt, vertauscht oder Vorgänger geändert)"))
    }

    @Test func pruningIsAnAuthenticatedEntryAndTheChainStillVerifies() throws {
        let network = try network()
        let later = Timestamp.parse("2026-11-18T12:00:00Z")!
        try network.store.pool.write { db in
            _ = try AuditLog(db: db, now: later).append(.read, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                                          what: "später", purpose: "Test")
        }
        let total = try count(network)
        let pruned = try network.store.pool.write { try AuditLog(db: $0, now: later).prune(before: "2026-11-18T10:00:00Z") }
        let remaining = try count(network)
        #expect(pruned == total - 1 && remaining == 2)
        let entry = try network.store.pool.read { try $0.scalarString("SELECT what FROM audit_log ORDER BY seq DESC LIMIT 1")! }
        #expect(entry.hasPrefix("Anker=\(total - 1):") && entry.contains("Protokollzeilen 1–\(total - 1) entfernt"))
        #expect(try verify(network) == .intact(rows: 2))
        try network.store.pool.write { db in
            _ = try AuditLog(db: db, now: later).append(.read, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                                          what: "danach", purpose: "Test")
        }
        #expect(try verify(network) == .intact(rows: 3))
        try network.fixture.sql("DELETE FROM audit_log WHERE seq = \(total)")
        #expect(try verify(network) == .broken(seq: total, problem: "Zeile fehlt (gelöscht)"))
    }

    /// Rewrites every row's chain fields with plain SHA-256 (what an attacker without the key
    /// can compute), starting from `start` with `previous`.
    func recomputeWithoutKey(_ network: ReferralFixture, from start: Int = 1, previous: String = AuditEntry.genesisHash) throws {
        try network.store.pool.write { db in
            let rows = try db.query("""
                SELECT seq, at, account_id, role, organization_id, action, referral_id, what, purpose FROM audit_log
                WHERE seq >= ? ORDER BY seq
                """, start) { ($0.int(0), $0.string(1), $0.optionalString(2), $0.string(3), $0.optionalString(4), $0.string(5),
                               $0.optionalString(6), $0.string(7), $0.string(8)) }
            var previousHash = previous
            for row in rows {
                let hash = AuditEntry.hash(seq: row.0, at: row.1, accountID: row.2, role: row.3, organizationID: row.4, action: row.5,
                                           referralID: row.6, what: row.7, purpose: row.8, previousHash: previousHash)
                try db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", previousHash, hash, row.0)
                previousHash = hash
            }
        }
    }

    @Test func aChainRecomputedWithPlainSHA256IsFound() throws {
        let network = try network()
        try network.fixture.sql("UPDATE audit_log SET purpose = 'Neugier' WHERE seq = 5")
        try recomputeWithoutKey(network)
        guard case .broken(let seq, let problem) = try verify(network) else { Issue.record("recomputed chain not detected"); return }
        #expect(seq == 1)
        #expect(problem.contains("Schlüssel"))
    }

    @Test func aDeletedPrefixWithAForgedAnchorIsFound() throws {
        let network = try network()
        let hash = try network.store.pool.read { try $0.scalarString("SELECT hash FROM audit_log WHERE seq = 4")! }
        try network.fixture.sql("DELETE FROM audit_log WHERE seq <= 4")
        try network.fixture.sql("INSERT INTO audit_anchor(id, seq, hash, pruned_at) VALUES (1, 4, '\(hash)', '2026-11-18T09:00:00Z')")
        guard case .broken(_, let problem) = try verify(network) else { Issue.record("forged anchor not detected"); return }
        #expect(problem.contains("Anker"))
    }

    func checkpoint(_ network: ReferralFixture) throws {
        #expect(try AuditWitness.checkpoint(store: network.store, now: Fixture.now, systemLog: false) != nil)
    }

    func removeCheckpoints(_ network: ReferralFixture) {
        try? FileManager.default.removeItem(atPath: AuditWitness.path(directory: network.store.keys.directory, databasePath: network.store.path))
    }

    @Test func aDeletedNewestRowIsFoundThroughTheCheckpoint() throws {
        let network = try network()
        defer { removeCheckpoints(network) }
        let last = try count(network)
        try checkpoint(network)
        let file = AuditWitness.path(directory: network.store.keys.directory, databasePath: network.store.path)
        let mode = ((try FileManager.default.attributesOfItem(atPath: file))[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o600)
        #expect(try verify(network) == .intact(rows: last))
        try network.fixture.sql("DELETE FROM audit_log WHERE seq = \(last)")
        guard case .broken(let seq, let problem) = try verify(network) else { Issue.record("deleted newest row not detected"); return }
        #expect(seq == last && problem.contains("Kontrollpunkt"))
    }

    @Test func aWipedTableIsFound() throws {
        let network = try network()
        defer { removeCheckpoints(network) }
        try checkpoint(network)
        try network.fixture.sql("DELETE FROM audit_log")
        guard case .broken(let seq, let problem) = try verify(network) else { Issue.record("wiped table not detected"); return }
        #expect(seq == 1 && problem.contains("Kontrollpunkt"))
    }

    @Test func theAnchorOnlyMovesForward() throws {
        let network = try network()
        try network.store.pool.write { try AuditLog(db: $0, now: Fixture.now.addingTimeInterval(86_400)).prune(before: "2100-01-01T00:00:00Z") }
        #expect(throws: (any Error).self) { try network.fixture.sql("UPDATE audit_anchor SET seq = 1") }
        #expect(throws: (any Error).self) { try network.fixture.sql("DELETE FROM audit_anchor") }
        #expect(try verify(network).isIntact)
    }

    @Test func anOldUnkeyedChainMigratesWithAnAuthenticatedEntry() throws {
        let network = try network()
        let rows = try count(network)
        // Turn the chain into what a database before 009_audit_mac holds, and rerun 009.
        try network.fixture.sql("""
            DROP TRIGGER audit_anchor_forward; DROP TRIGGER audit_anchor_kept;
            DELETE FROM schema_migration WHERE name = '009_audit_mac';
            """)
        try recomputeWithoutKey(network)
        guard case .broken = try verify(network) else { Issue.record("unkeyed chain passed as keyed"); return }
        let applied = try network.store.pool.writeWithoutTransaction { try Schema.migrator.migrate($0) }
        #expect(applied == ["009_audit_mac"])
        let migrated = try network.store.pool.read { try $0.scalarString("SELECT what FROM audit_log WHERE seq = ?", rows + 1) }
        #expect(migrated?.hasPrefix("Anker=\(rows):") == true)
        #expect(try verify(network) == .intact(rows: 1))
        // The unkeyed rows stay readable but no longer verify the keyed chain: changing the
        // anchor is found.
        try network.fixture.sql("DROP TRIGGER audit_anchor_forward; UPDATE audit_anchor SET hash = '\(AuditEntry.genesisHash)'")
        guard case .broken = try verify(network) else { Issue.record("changed anchor not detected"); return }
    }
}

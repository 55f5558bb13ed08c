// AuditLog: appends hash-chained rows for every read, change, export and disclosure of
// referral data (docs/domain.md §6.4), verifies the chain, answers "which organization received
// what about this case", and prunes rows past their own retention. Runs on the writer
// connection (reads of referral data are logged, so they are writes too).
import Foundation
import SQLite

/// The audit log on one connection (inside the caller's write transaction).
public struct AuditLog {
    let db: Database
    let now: Date

    /// Creates the log on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Appends a row for `actor` and returns it.
    @discardableResult
    public func record(_ action: AuditAction, by actor: ReferralActor, organizationID: String? = nil, referralID: String?,
                       what: String, purpose: String) throws -> AuditEntry {
        try append(action, accountID: actor.accountID, role: actor.roleName,
                   organizationID: organizationID ?? actor.account?.organizationID ?? actor.account?.organizations.sorted().first,
                   referralID: referralID, what: what, purpose: purpose)
    }

    /// Appends a row with explicit fields and returns it.
    @discardableResult
    public func append(_ action: AuditAction, accountID: String?, role: String, organizationID: String?,
                       referralID: String?, what: String, purpose: String) throws -> AuditEntry {
        let last = try db.queryFirst("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { ($0.int(0), $0.string(1)) }
        let anchor = try db.queryFirst("SELECT seq, hash FROM audit_anchor WHERE id = 1") { ($0.int(0), $0.string(1)) }
        let previous = last ?? anchor ?? (0, AuditEntry.genesisHash)
        let seq = previous.0 + 1
        let at = Timestamp.string(now)
        let hash = AuditEntry.hash(seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID,
                                   action: action.rawValue, referralID: referralID, what: what, purpose: purpose,
                                   previousHash: previous.1)
        try db.execute("""
            INSERT INTO audit_log(seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, seq, at, accountID, role, organizationID, action.rawValue, referralID, what, purpose, previous.1, hash)
        return AuditEntry(seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID, action: action,
                          referralID: referralID, what: what, purpose: purpose, previousHash: previous.1, hash: hash)
    }

    /// The result of checking the chain.
    public enum Verification: Sendable, Equatable {
        /// Every row is intact; `rows` were checked.
        case intact(rows: Int)
        /// The chain breaks at sequence number `seq` (a changed, missing, inserted or
        /// reordered row); `problem` says how, in German.
        case broken(seq: Int, problem: String)
    }

    /// Walks the chain from the anchor (or the start) and reports the first broken row: a
    /// sequence number that is missing (deleted row), a row whose stored previous hash is not
    /// its predecessor's hash (inserted or reordered), or whose own hash does not match its
    /// content (modified).
    public func verify() throws -> Verification {
        let anchor = try db.queryFirst("SELECT seq, hash FROM audit_anchor WHERE id = 1") { ($0.int(0), $0.string(1)) }
        var expectedSeq = (anchor?.0 ?? 0) + 1
        var previousHash = anchor?.1 ?? AuditEntry.genesisHash
        var rows = 0
        var broken: Verification?
        try db.prepare("""
            SELECT seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash
            FROM audit_log ORDER BY seq
            """).forEach { row in
            guard broken == nil else { return }
            let seq = row.int(0)
            if seq != expectedSeq {
                broken = .broken(seq: expectedSeq, problem: seq > expectedSeq ? "Zeile fehlt (gelöscht)" : "unerwartete Zeile")
                return
            }
            if row.string(9) != previousHash {
                broken = .broken(seq: seq, problem: "Verkettung unterbrochen (Zeile eingefügt, vertauscht oder Vorgänger geändert)")
                return
            }
            let hash = AuditEntry.hash(seq: seq, at: row.string(1), accountID: row.optionalString(2), role: row.string(3),
                                       organizationID: row.optionalString(4), action: row.string(5),
                                       referralID: row.optionalString(6), what: row.string(7), purpose: row.string(8),
                                       previousHash: row.string(9))
            if hash != row.string(10) {
                broken = .broken(seq: seq, problem: "Inhalt geändert")
                return
            }
            previousHash = hash
            expectedSeq += 1
            rows += 1
        }
        return broken ?? .intact(rows: rows)
    }

    /// The rows about one referral, oldest first.
    public func entries(referralID: String) throws -> [AuditEntry] {
        try db.query("""
            SELECT seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash
            FROM audit_log WHERE referral_id = ? ORDER BY seq
            """, referralID) { row in
            AuditEntry(seq: row.int(0), at: row.string(1), accountID: row.optionalString(2), role: row.string(3),
                       organizationID: row.optionalString(4), action: AuditAction(rawValue: row.string(5)) ?? .read,
                       referralID: row.optionalString(6), what: row.string(7), purpose: row.string(8),
                       previousHash: row.string(9), hash: row.string(10))
        }
    }

    /// Deletes rows older than `cutoff` (ISO timestamp) and moves the anchor to the last one
    /// deleted, so the remaining chain still verifies. Returns the number of rows deleted.
    @discardableResult
    public func prune(before cutoff: String) throws -> Int {
        guard let last = try db.queryFirst("SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1", cutoff,
                                           transform: { ($0.int(0), $0.string(1)) }) else { return 0 }
        try db.execute("DELETE FROM audit_log WHERE seq <= ?", last.0)
        let deleted = db.changes
        try db.execute("""
            INSERT INTO audit_anchor(id, seq, hash, pruned_at) VALUES (1, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, pruned_at = excluded.pruned_at
            """, last.0, last.1, Timestamp.string(now))
        return deleted
    }
}

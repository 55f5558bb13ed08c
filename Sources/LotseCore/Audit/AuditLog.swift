// AuditLog: appends MAC-chained rows for every read, change, export and disclosure of
// referral data (docs/domain.md §6.4), verifies the chain, answers "which organization received
// what about this case", and prunes rows past their own retention. Runs on the writer
// connection (reads of referral data are logged, so they are writes too).
//
// Each row's `hash` is HMAC-SHA256 over its content and its predecessor's MAC, keyed with the
// audit key of the key file (KeyRing), so nobody with the database alone can rewrite the chain.
// The anchor (where the chain starts after pruning) only moves through an authenticated
// "Anker=SEQ:MAC" entry in the chain itself, and `AuditWitness` checkpoints the head outside
// the database, so deleting the newest rows or the whole table is found too.
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

    /// The prefix of `what` in entries that move the anchor (pruning, the switch to MACs).
    static let anchorPrefix = "Anker="

    /// The audit key of this connection (the Store puts its key ring on each connection).
    func key() throws -> [UInt8] {
        guard let ring = db.userInfo[KeyRing.connectionKey] as? KeyRing else {
            throw LotseError(.unusableData, "Zugriffsprotokoll: Für diese Verbindung ist kein Protokollschlüssel geladen.")
        }
        return ring.auditKey
    }

    /// Appends a row for `actor` and returns it.
    @discardableResult
    public func record(_ action: AuditAction, by actor: ReferralActor, organizationID: String? = nil, referralID: String?,
                       what: String, purpose: String) throws -> AuditEntry {
        try append(action, accountID: actor.accountID, role: actor.roleName,
                   organizationID: organizationID ?? actor.account?.organizationID ?? actor.account?.organizations.sorted().first,
                   referralID: referralID, what: what, purpose: purpose)
    }

    /// The newest row's sequence number and MAC (the anchor's, or 0 and 64 zeros, when empty).
    public func head() throws -> (seq: Int, hash: String) {
        let last = try db.queryFirst("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") { ($0.int(0), $0.string(1)) }
        let anchor = try db.queryFirst("SELECT seq, hash FROM audit_anchor WHERE id = 1") { ($0.int(0), $0.string(1)) }
        let head = [last, anchor].compactMap { $0 }.max { $0.0 < $1.0 } ?? (0, AuditEntry.genesisHash)
        return (head.0, head.1)
    }

    /// Appends a row with explicit fields and returns it.
    @discardableResult
    public func append(_ action: AuditAction, accountID: String?, role: String, organizationID: String?,
                       referralID: String?, what: String, purpose: String) throws -> AuditEntry {
        let key = try key()
        let previous = try head()
        let seq = previous.seq + 1
        let at = Timestamp.string(now)
        let hash = AuditEntry.mac(key: key, seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID,
                                  action: action.rawValue, referralID: referralID, what: what, purpose: purpose,
                                  previousHash: previous.hash)
        try db.execute("""
            INSERT INTO audit_log(seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, seq, at, accountID, role, organizationID, action.rawValue, referralID, what, purpose, previous.hash, hash)
        return AuditEntry(seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID, action: action,
                          referralID: referralID, what: what, purpose: purpose, previousHash: previous.hash, hash: hash)
    }

    /// The result of checking the chain.
    public enum Verification: Sendable, Equatable {
        /// Every row is intact; `rows` were checked.
        case intact(rows: Int)
        /// The chain breaks at sequence number `seq` (a changed, missing, inserted or
        /// reordered row, a forged anchor, rows missing against a checkpoint); `problem` says
        /// how, in German.
        case broken(seq: Int, problem: String)

        /// True when intact.
        public var isIntact: Bool { if case .intact = self { true } else { false } }
        /// A German description (for backups and the command line).
        public var description: String {
            switch self {
            case .intact(let rows): "Zugriffsprotokoll intakt: \(rows) Zeilen geprüft."
            case .broken(let seq, let problem): "Zugriffsprotokoll verletzt ab Laufnummer \(seq): \(problem)."
            }
        }
    }

    /// Walks the chain from the anchor (or the start) with the audit key and reports the first
    /// problem: a missing sequence number (deleted row), a stored previous MAC that is not the
    /// predecessor's (inserted or reordered), a MAC that does not match the content (changed,
    /// or recomputed without the key), an anchor no authenticated entry vouches for (deleted
    /// prefix), or rows missing or different from a checkpoint of `AuditWitness` (deleted
    /// newest rows, wiped table).
    public func verify() throws -> Verification {
        let key = try key()
        let anchor = try db.queryFirst("SELECT seq, hash FROM audit_anchor WHERE id = 1") { ($0.int(0), $0.string(1)) }
        let start = anchor?.0 ?? 0
        let checkpoints = try AuditWitness.checkpoints(db: db)
        let witnessed = Set(checkpoints.map(\.seq))
        var macs: [Int: String] = [:]
        var expectedSeq = start + 1
        var previousHash = anchor?.1 ?? AuditEntry.genesisHash
        var rows = 0
        var lastMove: (entry: Int, seq: Int, hash: String)?
        var broken: Verification?
        try db.prepare("""
            SELECT seq, at, account_id, role, organization_id, action, referral_id, what, purpose, prev_hash, hash
            FROM audit_log WHERE seq > ? ORDER BY seq
            """).forEach([start]) { row in
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
            let what = row.string(7)
            let mac = AuditEntry.mac(key: key, seq: seq, at: row.string(1), accountID: row.optionalString(2), role: row.string(3),
                                     organizationID: row.optionalString(4), action: row.string(5),
                                     referralID: row.optionalString(6), what: what, purpose: row.string(8),
                                     previousHash: row.string(9))
            if mac != row.string(10) {
                broken = .broken(seq: seq, problem: "Prüfsumme falsch (Inhalt geändert oder ohne Schlüssel neu berechnet)")
                return
            }
            if row.string(5) == AuditAction.retention.rawValue, let move = Self.anchorMove(what) {
                lastMove = (seq, move.seq, move.hash)
            }
            if witnessed.contains(seq) { macs[seq] = mac }
            previousHash = mac
            expectedSeq += 1
            rows += 1
        }
        if let broken { return broken }
        if let move = lastMove {
            if anchor?.0 != move.seq || anchor?.1 != move.hash {
                return .broken(seq: move.entry, problem: "Anker passt nicht zum beglaubigten Kürzungseintrag (Anfang gelöscht oder Anker verändert)")
            }
        } else if let anchor {
            return .broken(seq: anchor.0 + 1, problem: "Anker ohne beglaubigten Kürzungseintrag (Anfang des Protokolls gelöscht, Anker gefälscht)")
        }
        let last = expectedSeq - 1
        for checkpoint in checkpoints where checkpoint.seq > start {
            if checkpoint.seq > last {
                return .broken(seq: last + 1, problem: "Zeilen fehlen: der Kontrollpunkt vom \(checkpoint.at) bezeugt Laufnummer "
                               + "\(checkpoint.seq), das Protokoll endet bei \(last) (neueste Zeilen oder alles gelöscht)")
            }
            if macs[checkpoint.seq] != checkpoint.hash {
                return .broken(seq: checkpoint.seq, problem: "weicht vom Kontrollpunkt vom \(checkpoint.at) ab (Protokoll neu geschrieben)")
            }
        }
        return .intact(rows: rows)
    }

    /// The anchor an entry's `what` names ("Anker=SEQ:MAC; …"), if it is an anchor move.
    static func anchorMove(_ what: String) -> (seq: Int, hash: String)? {
        guard what.hasPrefix(anchorPrefix) else { return nil }
        let body = what.dropFirst(anchorPrefix.count).prefix { $0 != ";" }
        let parts = body.split(separator: ":")
        guard parts.count == 2, let seq = Int(parts[0]) else { return nil }
        return (seq, String(parts[1]))
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

    /// Deletes rows older than `cutoff` (ISO timestamp): first appends an authenticated entry
    /// naming what is pruned, up to which row and why, then deletes the rows and moves the
    /// anchor forward to the last one deleted, so the remaining chain still verifies. Returns
    /// the number of rows deleted.
    @discardableResult
    public func prune(before cutoff: String, reason: String = "Aufbewahrungsfrist des Zugriffsprotokolls") throws -> Int {
        let anchorSeq = try db.scalarInt("SELECT seq FROM audit_anchor WHERE id = 1") ?? 0
        guard let last = try db.queryFirst("SELECT seq, hash FROM audit_log WHERE at < ? AND seq > ? ORDER BY seq DESC LIMIT 1",
                                           cutoff, anchorSeq, transform: { ($0.int(0), $0.string(1)) }) else { return 0 }
        let first = try db.scalarInt("SELECT min(seq) FROM audit_log") ?? last.0
        try append(.retention, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                   what: "\(Self.anchorPrefix)\(last.0):\(last.1); Protokollzeilen \(first)–\(last.0) entfernt",
                   purpose: "\(reason) (Zeilen vor \(cutoff))")
        try moveAnchor(to: last.0, hash: last.1)
        try db.execute("DELETE FROM audit_log WHERE seq <= ?", last.0)
        return db.changes
    }

    private func moveAnchor(to seq: Int, hash: String) throws {
        try db.execute("""
            INSERT INTO audit_anchor(id, seq, hash, pruned_at) VALUES (1, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, pruned_at = excluded.pruned_at
            """, seq, hash, Timestamp.string(now))
    }

    /// Migration 009_audit_mac: rows written before are chained with plain SHA-256. Their head
    /// becomes the anchor, vouched for by an authenticated "migrated" entry that starts the
    /// keyed chain; the old rows stay readable (and are pruned by retention as before).
    func startKeyedSegment() throws {
        let previous = try head()
        guard previous.seq > 0 else { return }
        try append(.retention, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                   what: "\(Self.anchorPrefix)\(previous.seq):\(previous.hash); Zeilen bis \(previous.seq) ungeschlüsselt (SHA-256)",
                   purpose: "Umstellung des Zugriffsprotokolls auf Schlüssel (Migration 009_audit_mac)")
        try moveAnchor(to: previous.seq, hash: previous.hash)
    }
}

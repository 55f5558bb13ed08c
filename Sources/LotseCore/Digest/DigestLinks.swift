// DigestLinks: what the signed links of the weekly digest do, on a store — verify a link,
// find the entry of a confirm link (only for an active account that may edit it), confirm it
// once, read and set the digest preferences. No digest link signs anyone in.
import Foundation
import SQLite

/// The actions behind signed digest links.
public struct DigestLinks: Sendable {
    /// The entry a confirm link is for.
    public struct ConfirmTarget: Sendable {
        /// The account the link was sent to.
        public var account: Account
        /// `service` or `organization`, the entry's id and name.
        public var table: String, id: String, name: String
        /// The organization the entry belongs to.
        public var organizationID: String
    }

    /// The digest preferences of an account.
    public struct Preference: Sendable, Equatable {
        /// Whether the weekly digest is sent, and whether also when there is nothing new.
        public var enabled: Bool, sendEmpty: Bool

        /// Preferences with these values.
        public init(enabled: Bool, sendEmpty: Bool) {
            self.enabled = enabled
            self.sendEmpty = sendEmpty
        }
    }

    /// The database.
    public let store: Store
    /// The instant links are checked against and changes are stamped with.
    public let now: Date

    /// The link actions on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Verifies `token` for `purpose` without using it.
    public func verify(_ token: String, purpose: SignedLink.Purpose) throws -> Result<SignedLink, SignedLink.Refusal> {
        let keys = try store.keys.verificationKeys(now: now)
        return try store.pool.read { try SignedLink.verify(token, purpose: purpose, keys: keys, db: $0, now: now) }
    }

    /// A fresh preferences-link token for `subject` (an account id).
    public func preferencesToken(subject: String) throws -> String {
        let secret = try store.keys.signingKey()
        return SignedLink.make(.preferences, subject: subject, secret: secret, now: now)
    }

    /// The entry of a confirm link ("ACCOUNT|table:id"), or nil when the subject is malformed,
    /// the account is not active, the entry is gone or the account may not edit it.
    public func confirmTarget(_ link: SignedLink) throws -> ConfirmTarget? {
        let parts = link.subject.split(separator: "|", maxSplits: 1).map(String.init)
        let target = parts.count == 2 ? parts[1].split(separator: ":", maxSplits: 1).map(String.init) : []
        guard parts.count == 2, target.count == 2, ["service", "organization"].contains(target[0]) else { return nil }
        return try store.pool.read { db -> ConfirmTarget? in
            guard let account = try AccountStore(db: db).account(id: parts[0]), account.status == .active,
                  let row = try db.queryFirst("SELECT name, \(target[0] == "service" ? "organization_id" : "id") FROM \(target[0]) WHERE id = ?", target[1],
                                              transform: { ($0.string(0), $0.string(1)) }),
                  account.mayEdit(organization: row.1) else { return nil }
            return ConfirmTarget(account: account, table: target[0], id: target[1], name: row.0, organizationID: row.1)
        }
    }

    /// Uses confirm link `token` and confirms `target` as unchanged; false when the link was
    /// used already.
    public func confirm(_ token: String, _ target: ConfirmTarget) throws -> Bool {
        try store.pool.write { db -> Bool in
            guard try SignedLink.markUsed(token, purpose: .confirm, db: db, now: now) else { return false }
            let writer = try DirectoryWriter(db: db, actor: target.account.displayName, now: now)
            try Verification.confirm(table: target.table, id: target.id, by: target.account, writer: writer, now: now)
            try writer.finish()
            return true
        }
    }

    /// The digest preferences of `accountID` (the defaults when none are stored).
    public func preference(accountID: String) throws -> Preference {
        try store.pool.read { db in
            try db.queryFirst("SELECT enabled, send_empty FROM digest_preference WHERE account_id = ?", accountID) {
                Preference(enabled: $0.bool(0), sendEmpty: $0.bool(1))
            }
        } ?? Preference(enabled: true, sendEmpty: false)
    }

    /// Stores the digest preferences of `accountID` (nothing when there is no such account).
    public func setPreference(accountID: String, _ preference: Preference) throws {
        try store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM account WHERE id = ?", accountID) == 1 else { return }
            try db.execute("""
                INSERT INTO digest_preference(account_id, enabled, send_empty, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, send_empty = excluded.send_empty, updated_at = excluded.updated_at
                """, accountID, preference.enabled, preference.sendEmpty, Timestamp.string(now))
        }
    }
}

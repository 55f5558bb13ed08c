// MailOutbox: the persisted queue of account e-mails (table `mail_outbox`). A request enqueues
// in its own transaction; the sender claims due rows for a lease, and deletes each row once sent
// or postpones it with back-off. Rows hold what to send, never a token (issued when sent).
import Foundation
import SQLite

/// The account-mail outbox on one connection.
public struct MailOutbox {
    let db: Database
    let now: Date

    /// One queued e-mail.
    public struct Entry: Sendable, Equatable {
        /// The row id.
        public let id: Int64
        /// What the mail's link is for: a login link, a password reset or an invitation.
        public let purpose: LoginLinks.Purpose
        /// The recipient's account.
        public let accountID: String
        /// Login links: the site path to continue to.
        public let next: String?
        /// Invitations: the organization's name.
        public let organization: String?
        /// Invitations: who invited.
        public let invitedBy: String?
        /// Failed attempts so far.
        public let attempts: Int
    }

    /// How long a claimed row is reserved for its sender; after a crash it is sent again then.
    public static let lease: TimeInterval = 5 * 60

    /// The outbox on `db` at `now`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Queues a mail with a fresh link of `purpose` for `accountID`, due now.
    public func enqueue(_ purpose: LoginLinks.Purpose, accountID: String, next: String? = nil,
                        organization: String? = nil, invitedBy: String? = nil) throws {
        try db.execute("""
            INSERT INTO mail_outbox(kind, account_id, next_path, organization, invited_by, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, purpose.rawValue, accountID, next, organization, invitedBy, Timestamp.string(now), Timestamp.string(now))
    }

    /// Claims up to `limit` due rows (oldest first) for `lease` seconds and returns them.
    public func claimDue(limit: Int = 20, lease: TimeInterval = MailOutbox.lease) throws -> [Entry] {
        let entries = try db.query("""
            SELECT id, kind, account_id, next_path, organization, invited_by, attempts FROM mail_outbox
            WHERE due_at <= ? ORDER BY due_at, id LIMIT ?
            """, Timestamp.string(now), limit, transform: { row in
                Entry(id: row.int64(0), purpose: LoginLinks.Purpose(rawValue: row.string(1)) ?? .login, accountID: row.string(2),
                      next: row.optionalString(3), organization: row.optionalString(4), invitedBy: row.optionalString(5), attempts: row.int(6))
            })
        for entry in entries {
            try db.execute("UPDATE mail_outbox SET due_at = ? WHERE id = ?", Timestamp.string(now.addingTimeInterval(lease)), entry.id)
        }
        return entries
    }

    /// Removes a sent (or abandoned) row.
    public func remove(_ id: Int64) throws {
        try db.execute("DELETE FROM mail_outbox WHERE id = ?", id)
    }

    /// Records a failed attempt and makes the row due again after `delay` seconds.
    public func postpone(_ id: Int64, error: String, delay: TimeInterval) throws {
        try db.execute("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?",
                       String(error.prefix(500)), Timestamp.string(now.addingTimeInterval(delay)), id)
    }

    /// The number of queued mails.
    public func count() throws -> Int {
        try db.scalarInt("SELECT count(*) FROM mail_outbox") ?? 0
    }
}

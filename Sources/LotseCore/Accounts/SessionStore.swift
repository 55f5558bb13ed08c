// SessionStore: login sessions behind random 256-bit tokens, stored as hashes, with idle and
// absolute expiry and a CSRF token per session; logout here or everywhere.
import Foundation
import SQLite

/// Sessions on one connection.
public struct SessionStore {
    let db: Database
    let now: Date
    /// A session ends after this long without a request.
    public static let idleTimeout: TimeInterval = 2 * 3600
    /// A session ends this long after login, however active.
    public static let absoluteTimeout: TimeInterval = 12 * 3600

    /// Creates a store on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// A live session: its account and the CSRF token of its forms.
    public struct Session: Sendable {
        public let account: Account
        public let csrfToken: String
        public let tokenHash: String
    }

    /// Starts a session for an active account and returns the token for the cookie.
    public func start(accountID: String) throws -> String {
        let token = SecretToken.make()
        try db.execute("""
            INSERT INTO session(token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, SecretToken.hash(token), accountID, SecretToken.make(), Timestamp.string(now), Timestamp.string(now),
                       Timestamp.string(now.addingTimeInterval(Self.absoluteTimeout)))
        return token
    }

    /// The session of `token`, or nil when unknown, expired (idle or absolute) or its account
    /// is not active. Read-only; call `touch` to extend the idle time.
    public func resolve(_ token: String) throws -> Session? {
        guard SecretToken.isWellFormed(token) else { return nil }
        let hash = SecretToken.hash(token)
        guard let row = try db.queryFirst("SELECT account_id, csrf_token, last_seen_at, expires_at FROM session WHERE token_hash = ?", hash,
                                          transform: { ($0.string(0), $0.string(1), $0.string(2), $0.string(3)) }) else { return nil }
        let nowText = Timestamp.string(now)
        guard row.3 > nowText, let lastSeen = Timestamp.parse(row.2), now.timeIntervalSince(lastSeen) < Self.idleTimeout,
              let account = try AccountStore(db: db, now: now).account(id: row.0), account.status == .active else { return nil }
        return Session(account: account, csrfToken: row.1, tokenHash: hash)
    }

    /// Extends the idle time of a session (at most once a minute).
    public func touch(_ session: Session) throws {
        try db.execute("UPDATE session SET last_seen_at = ?1 WHERE token_hash = ?2 AND last_seen_at < ?3",
                       Timestamp.string(now), session.tokenHash, Timestamp.string(now.addingTimeInterval(-60)))
    }

    /// Ends one session.
    public func end(tokenHash: String) throws {
        try db.execute("DELETE FROM session WHERE token_hash = ?", tokenHash)
    }

    /// Ends every session of an account ("überall abmelden").
    public func endAll(accountID: String) throws {
        try db.execute("DELETE FROM session WHERE account_id = ?", accountID)
    }

    /// Deletes expired sessions.
    public func purge() throws {
        try db.execute("DELETE FROM session WHERE expires_at <= ?1 OR last_seen_at <= ?2", Timestamp.string(now),
                       Timestamp.string(now.addingTimeInterval(-Self.idleTimeout)))
    }
}

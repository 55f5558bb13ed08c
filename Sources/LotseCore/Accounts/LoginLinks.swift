// LoginLinks: single-use, expiring links sent by e-mail — log in, reset the password, accept an
// invitation. Only hashes are stored; a used, expired or unknown link is refused with a reason
// the page can show.
import Foundation
import SQLite

/// One-time links on one connection.
public struct LoginLinks {
    let db: Database
    let now: Date

    /// What a link is for.
    public enum Purpose: String, Sendable {
        case login, reset, invite

        /// How long a link stays valid.
        public var lifetime: TimeInterval {
            switch self {
            case .login: 20 * 60
            case .reset: 60 * 60
            case .invite: 7 * 24 * 3600
            }
        }
    }

    /// Why a link was refused.
    public enum Refusal: Error, Sendable, Equatable {
        case unknown, used, expired, wrongPurpose

        /// German explanation for the page.
        public var message: String {
            switch self {
            case .unknown, .wrongPurpose: "Dieser Link ist ungültig."
            case .used: "Dieser Link wurde schon benutzt. Jeder Link gilt nur einmal."
            case .expired: "Dieser Link ist abgelaufen."
            }
        }
    }

    /// Creates links on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Issues a link token for an account; `next` is a site path to continue to after login.
    public func issue(accountID: String, purpose: Purpose, next: String? = nil) throws -> String {
        let token = SecretToken.make()
        try db.execute("""
            INSERT INTO login_token(token_hash, account_id, purpose, next_path, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, SecretToken.hash(token), accountID, purpose.rawValue, next.flatMap(Self.safePath), Timestamp.string(now),
                       Timestamp.string(now.addingTimeInterval(purpose.lifetime)))
        return token
    }

    /// Checks a link without using it (for the confirmation page).
    public func check(_ token: String, purpose: Purpose) throws -> Result<(accountID: String, next: String?), Refusal> {
        guard SecretToken.isWellFormed(token),
              let row = try db.queryFirst("SELECT account_id, purpose, next_path, expires_at, used_at FROM login_token WHERE token_hash = ?",
                                          SecretToken.hash(token), transform: { ($0.string(0), $0.string(1), $0.optionalString(2), $0.string(3), $0.optionalString(4)) })
        else { return .failure(.unknown) }
        guard row.1 == purpose.rawValue else { return .failure(.wrongPurpose) }
        guard row.4 == nil else { return .failure(.used) }
        guard row.3 > Timestamp.string(now) else { return .failure(.expired) }
        return .success((row.0, row.2))
    }

    /// Uses a link: marks it used (inside the caller's transaction) and returns its account.
    public func consume(_ token: String, purpose: Purpose) throws -> Result<(accountID: String, next: String?), Refusal> {
        let checked = try check(token, purpose: purpose)
        guard case .success = checked else { return checked }
        try db.execute("UPDATE login_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", Timestamp.string(now), SecretToken.hash(token))
        guard db.changes == 1 else { return .failure(.used) }
        return checked
    }

    /// Withdraws an unused link (its mail could not be sent).
    public func revoke(_ token: String) throws {
        guard SecretToken.isWellFormed(token) else { return }
        try db.execute("DELETE FROM login_token WHERE token_hash = ? AND used_at IS NULL", SecretToken.hash(token))
    }

    /// A site-relative path safe to redirect to ("/x", not "//host" or "http:…"), else nil.
    public static func safePath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), !path.contains("\r"), !path.contains("\n"),
              path.utf8.count < 1000 else { return nil }
        return path
    }
}

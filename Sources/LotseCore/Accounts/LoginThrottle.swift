// LoginThrottle: slows down guessing. Failed password logins are counted per account and per
// address; link requests per address and e-mail; beyond the limits the next attempt is
// refused for the rest of the window.
import Foundation
import SQLite

/// Login throttling on one connection.
public struct LoginThrottle {
    let db: Database
    let now: Date
    /// The counting window.
    public static let window: TimeInterval = 15 * 60
    /// Failed password logins allowed per account in the window.
    public static let perAccount = 5
    /// Failed password logins allowed per address in the window.
    public static let perAddress = 20
    /// Login-link requests allowed per e-mail (and 4× per address) in the window.
    public static let linksPerEmail = 3

    /// Creates a throttle on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Records an attempt.
    public func record(email: String, address: String, kind: String, succeeded: Bool) throws {
        try db.execute("INSERT INTO login_attempt(email, address, kind, succeeded, at) VALUES (?, ?, ?, ?, ?)",
                       email.lowercased(), address, kind, succeeded, Timestamp.string(now))
        try db.execute("DELETE FROM login_attempt WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
    }

    /// True when a password login for `email` from `address` must be refused now.
    public func blocksPassword(email: String, address: String) throws -> Bool {
        let since = Timestamp.string(now.addingTimeInterval(-Self.window))
        let byAccount = try db.scalarInt("SELECT count(*) FROM login_attempt WHERE email = ? AND kind = 'password' AND succeeded = 0 AND at > ?",
                                         email.lowercased(), since) ?? 0
        let byAddress = try db.scalarInt("SELECT count(*) FROM login_attempt WHERE address = ? AND kind = 'password' AND succeeded = 0 AND at > ?",
                                         address, since) ?? 0
        return byAccount >= Self.perAccount || byAddress >= Self.perAddress
    }

    /// True when another login link for `email` requested from `address` must be refused now.
    public func blocksLink(email: String, address: String) throws -> Bool {
        let since = Timestamp.string(now.addingTimeInterval(-Self.window))
        let byEmail = try db.scalarInt("SELECT count(*) FROM login_attempt WHERE email = ? AND kind = 'link' AND at > ?", email.lowercased(), since) ?? 0
        let byAddress = try db.scalarInt("SELECT count(*) FROM login_attempt WHERE address = ? AND kind = 'link' AND at > ?", address, since) ?? 0
        return byEmail >= Self.linksPerEmail || byAddress >= 4 * Self.linksPerEmail
    }
}

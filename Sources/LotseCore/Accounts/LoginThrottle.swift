// LoginThrottle: slows down guessing without locking people out. Failed password logins are
// counted per client address (hard limit per window) and per account (a pause after each
// failure beyond the limit that doubles up to 15 minutes); link requests per client address and
// per (address, e-mail). A refusal says how many seconds to wait (the page's Retry-After).
import Foundation
import SQLite

/// Login throttling on one connection. Addresses are the real client addresses
/// (`PageRequest.clientAddress`), not the peer of the socket, which behind a proxy is everyone.
///
/// The per-account rule pauses only **password** logins of an account that many addresses
/// guess at; the account's owner can always ask for a login link, which is throttled per
/// address only, so that nobody can lock someone else out of the link login.
public struct LoginThrottle {
    let db: Database
    let now: Date
    /// The counting window of the per-address limits.
    public static let window: TimeInterval = 15 * 60
    /// The window in which failures against one account add up (pauses escalate within it).
    public static let accountWindow: TimeInterval = 60 * 60
    /// Failed password logins of an account (from anywhere) before its password logins pause.
    public static let perAccount = 5
    /// The first pause; each further failure doubles it, up to `maximumPause`.
    public static let firstPause: TimeInterval = 60
    /// The longest pause of an account's password logins.
    public static let maximumPause: TimeInterval = 15 * 60
    /// Failed password logins allowed per client address in the window.
    public static let perAddress = 20
    /// Link requests allowed per client address and e-mail address in the window.
    public static let linksPerEmail = 3
    /// Link requests allowed per client address in the window (any e-mail addresses).
    public static let linksPerAddress = 12

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

    /// Seconds to wait before a password login for `email` from `address` is accepted again;
    /// nil when it may be tried now.
    public func passwordPause(email: String, address: String) throws -> Int? {
        let byAddress = try addressPause("address = ? AND kind = 'password' AND succeeded = 0", address, limit: Self.perAddress)
        let since = Timestamp.string(now.addingTimeInterval(-Self.accountWindow))
        let failures = try db.queryFirst("SELECT count(*), max(at) FROM login_attempt WHERE email = ? AND kind = 'password' AND succeeded = 0 AND at > ?",
                                         email.lowercased(), since, transform: { ($0.int(0), $0.optionalString(1)) })
        var byAccount: Int?
        if let failures, failures.0 >= Self.perAccount, let last = failures.1.flatMap(Timestamp.parse) {
            let pause = min(Self.maximumPause, Self.firstPause * pow(2, Double(min(failures.0 - Self.perAccount, 10))))
            byAccount = Self.seconds(until: last.addingTimeInterval(pause), from: now)
        }
        return [byAddress, byAccount].compactMap { $0 }.max()
    }

    /// Seconds to wait before another link for `email` may be requested from `address`; nil
    /// when it may be requested now. Requests from other addresses do not count.
    public func linkPause(email: String, address: String) throws -> Int? {
        let byPair = try addressPause("address = ? AND email = ? AND kind = 'link'", address, email.lowercased(), limit: Self.linksPerEmail)
        let byAddress = try addressPause("address = ? AND kind = 'link'", address, limit: Self.linksPerAddress)
        return [byPair, byAddress].compactMap { $0 }.max()
    }

    /// Seconds until fewer than `limit` attempts matching `condition` lie in the window.
    private func addressPause(_ condition: String, _ values: SQLBindable..., limit: Int) throws -> Int? {
        let since = Timestamp.string(now.addingTimeInterval(-Self.window))
        let times = try db.query("SELECT at FROM login_attempt WHERE \(condition) AND at > ? ORDER BY at DESC LIMIT ?",
                                 values: values.map { Optional($0) } + [since, limit], transform: { $0.string(0) })
        guard times.count >= limit, let oldest = times.last.flatMap(Timestamp.parse) else { return nil }
        return Self.seconds(until: oldest.addingTimeInterval(Self.window), from: now)
    }

    /// Whole seconds from `now` to `end` (at least 1), nil when `end` has passed.
    static func seconds(until end: Date, from now: Date) -> Int? {
        let remaining = end.timeIntervalSince(now)
        return remaining > 0 ? max(1, Int(remaining.rounded(.up))) : nil
    }
}

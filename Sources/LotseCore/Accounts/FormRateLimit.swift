// FormRateLimit: how often one client address may submit an anonymous public form (correction
// suggestions: 5 an hour). Submissions are counted in `rate_event` for a day, then purged.
import Foundation
import SQLite

/// Rate limits of anonymous forms per client address, on a store.
public struct FormRateLimit: Sendable {
    /// A limited form: its name in `rate_event`, how many submissions and in what window.
    public struct Rule: Sendable {
        /// The kind recorded in `rate_event`.
        public let kind: String
        /// Submissions allowed per address in the window.
        public let limit: Int
        /// The window.
        public let window: TimeInterval

        /// Correction suggestions of the public: 5 per hour and address.
        public static let correction = Rule(kind: "correction", limit: 5, window: 3600)
    }

    /// The database.
    public let store: Store
    /// The instant submissions are stamped with.
    public let now: Date

    /// Rate limits on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Counts one submission of `rule`'s form from `address` and returns nil, or, when the
    /// address has used up its limit, counts nothing and returns the seconds to wait.
    public func admit(_ rule: Rule, address: String) throws -> Int? {
        try store.pool.write { db -> Int? in
            let since = Timestamp.string(now.addingTimeInterval(-rule.window))
            let times = try db.query("SELECT at FROM rate_event WHERE kind = ? AND address = ? AND at > ? ORDER BY at DESC LIMIT ?",
                                     rule.kind, address, since, rule.limit, transform: { $0.string(0) })
            if times.count >= rule.limit, let oldest = times.last.flatMap(Timestamp.parse) {
                return LoginThrottle.seconds(until: oldest.addingTimeInterval(rule.window), from: now) ?? 1
            }
            try db.execute("INSERT INTO rate_event(kind, address, at) VALUES (?, ?, ?)", rule.kind, address, Timestamp.string(now))
            try db.execute("DELETE FROM rate_event WHERE at < ?", Timestamp.string(now.addingTimeInterval(-86_400)))
            return nil
        }
    }
}

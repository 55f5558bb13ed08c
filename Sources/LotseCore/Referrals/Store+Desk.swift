// Store+Desk: the referral desk's transactions, so that callers (web handlers, the CLI) never
// hold a connection — a desk with the stored settings in one write transaction (reads are
// audited, so they write), and the referral labels in a read transaction.
import Foundation
import SQLite

extension Store {
    /// Runs `body` with a desk stamped `now` and the stored settings, in one write transaction.
    public func desk<T>(now: Date, _ body: (ReferralDesk) throws -> T) throws -> T {
        try pool.write { db in try body(try ReferralDesk(db: db, now: now, settings: try ReferralSettings.load(db))) }
    }

    /// Runs `body` with the referral labels in one read transaction.
    public func referralLabels<T>(_ body: (ReferralLabels) throws -> T) throws -> T {
        try pool.read { db in try body(try ReferralLabels(db: db)) }
    }
}

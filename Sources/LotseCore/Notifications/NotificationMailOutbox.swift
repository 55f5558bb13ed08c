// NotificationMailOutbox: queues a notification for e-mail to each account it reaches, in the
// same transaction that records the notification (table `notification_mail`, unique per
// notification and account, so nothing is queued twice). Urgent referrals go out at once and
// ignore the quiet hours; kinds an account takes only in the weekly digest are not queued. A
// mail queued at once asks a running scheduler to send it right after the commit (`JobWakeup`).
import Foundation
import SQLite

/// Queues notification e-mails on one connection.
public struct NotificationMailOutbox {
    let db: Database
    let now: Date

    /// The outbox on `db` at `now`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Queues notification `id` for its recipients: the account, or every active editor of the
    /// organization. `dailyHour` is the hour (Berlin) the daily summary leaves.
    public func enqueue(notificationID id: Int64, kind: ReferralNotificationKind, referralID: String?, accountID: String?,
                        organizationID: String?, dailyHour: Int) throws {
        var accounts: [Account] = []
        let store = AccountStore(db: db, now: now)
        if let accountID, let account = try store.account(id: accountID) { accounts.append(account) }
        if let organizationID {
            let ids = try db.query("""
                SELECT ao.account_id FROM account_organization ao JOIN account a ON a.id = ao.account_id
                WHERE ao.organization_id = ? AND a.role = 'provider' ORDER BY ao.account_id
                """, organizationID) { $0.string(0) }
            for id in ids where !accounts.contains(where: { $0.id == id }) { if let account = try store.account(id: id) { accounts.append(account) } }
        }
        let urgent = try referralID.map { try db.scalarString("SELECT urgency FROM referral WHERE id = ?", $0) == "urgent" } ?? false
        let preferences = NotificationPreferences(db: db, now: now)
        for account in accounts where account.status == .active {
            let mode = urgent ? .immediate : try preferences.mode(for: account, kind: kind)
            guard mode != .weekly else { continue }
            let due = mode == .immediate ? now : Self.nextDaily(after: now, hour: dailyHour)
            try db.execute("""
                INSERT OR IGNORE INTO notification_mail(notification_id, account_id, mode, urgent, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?)
                """, id, account.id, mode.rawValue, urgent, Timestamp.string(now), Timestamp.string(due))
            if mode == .immediate && db.changes > 0 { wakeMailer() }
        }
    }

    /// Queues the announcement of pending access grant `grantID` for each account in
    /// `accountIDs` (those who may confirm it), at once or in the daily summary per their choice.
    public func enqueueGrant(_ grantID: String, accountIDs: [String], dailyHour: Int) throws {
        let store = AccountStore(db: db, now: now)
        let preferences = NotificationPreferences(db: db, now: now)
        for id in accountIDs {
            guard let account = try store.account(id: id), account.status == .active else { continue }
            let mode = try preferences.mode(for: account, kind: .grantRequested)
            guard mode != .weekly else { continue }
            let due = mode == .immediate ? now : Self.nextDaily(after: now, hour: dailyHour)
            try db.execute("""
                INSERT OR IGNORE INTO notification_mail(grant_id, account_id, mode, urgent, created_at, due_at) VALUES (?, ?, ?, 0, ?, ?)
                """, grantID, account.id, mode.rawValue, Timestamp.string(now), Timestamp.string(due))
            if mode == .immediate && db.changes > 0 { wakeMailer() }
        }
    }

    /// Asks the scheduler to run the mailer once this write has committed.
    private func wakeMailer() {
        JobWakeup.shared.request(Scheduler.notificationMailJobName, database: db.path)
    }

    /// The next instant at `hour`:00 Berlin time after `date`.
    public static func nextDaily(after date: Date, hour: Int) -> Date {
        let time = BerlinTime(date)
        let secondsToday = time.hour * 3600 + time.minute * 60 + time.second
        var next = date.addingTimeInterval(Double(hour * 3600 - secondsToday))
        if next <= date { next = next.addingTimeInterval(86_400) }
        // Across a change of summer time the wall clock moved by an hour: correct for it.
        return next.addingTimeInterval(Double(time.utcOffset - BerlinTime(next).utcOffset))
    }
}

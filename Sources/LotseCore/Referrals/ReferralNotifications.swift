// ReferralNotifications: the notification table that screens, digests and notification e-mails
// read — to one account or to every editor of an organization; each new one is queued for
// e-mail (`NotificationMailOutbox`). Notifications carry a kind, a referral id and
// codes, never personal data, so digests can count them safely.
import Foundation
import SQLite

/// What a notification is about.
public enum ReferralNotificationKind: String, CaseIterable, Sendable, Codable {
    case referralReceived = "referral-received"
    case respondReminder = "respond-reminder"
    case noResponseAlert = "no-response-alert"
    case autoCancelled = "auto-cancelled"
    case statusRequested = "status-requested"
    case statusChanged = "status-changed"
    case siblingCancelled = "sibling-cancelled"
    case consentWithdrawn = "consent-withdrawn"
    case poolClaimed = "pool-claimed"
    /// A pending access grant to confirm; only mailed (`NotificationMailOutbox.enqueueGrant`),
    /// never stored in `notification`.
    case grantRequested = "grant-requested"

    /// The German text for lists and digests.
    public var label: String {
        switch self {
        case .referralReceived: "Neue Vermittlung"
        case .respondReminder: "Antwortfrist erreicht – bitte antworten"
        case .noResponseAlert: "Keine Antwort – Alternativen prüfen"
        case .autoCancelled: "Storniert: keine Rückmeldung"
        case .statusRequested: "Bitte Stand aktualisieren"
        case .statusChanged: "Status geändert"
        case .siblingCancelled: "Storniert: anderes Angebot hat angenommen"
        case .consentWithdrawn: "Einwilligung widerrufen"
        case .poolClaimed: "Von einer anderen Stelle übernommen"
        case .grantRequested: "Freigabe beantragt"
        }
    }
}

/// One notification.
public struct ReferralNotification: Sendable, Equatable {
    /// The id.
    public let id: Int
    /// The account concerned.
    public let accountID: String?
    /// The organization concerned.
    public let organizationID: String?
    /// The referral concerned.
    public let referralID: String?
    /// What kind.
    public let kind: ReferralNotificationKind
    /// Codes or ids only (e.g. alternative service ids, comma-separated).
    public let detail: String
    /// When it was created (ISO).
    public let createdAt: String
    /// When it was read.
    public let readAt: String?
}

/// Notifications on one connection.
public struct ReferralNotifications {
    let db: Database
    let now: Date

    /// Creates the store on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Adds a notification to an account or an organization.
    public func add(_ kind: ReferralNotificationKind, referralID: String?, accountID: String? = nil,
                    organizationID: String? = nil, detail: String = "") throws {
        precondition(accountID != nil || organizationID != nil, "a notification needs a recipient")
        try db.execute("""
            INSERT INTO notification(account_id, organization_id, referral_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, accountID, organizationID, referralID, kind.rawValue, detail, Timestamp.string(now))
        // Queued for e-mail in the same transaction, per the recipients' choices.
        let dailyHour = try SettingValues.load(db).integer(SettingsRegistry.dailySummaryHour) ?? 8
        try NotificationMailOutbox(db: db, now: now).enqueue(notificationID: db.lastInsertRowID, kind: kind, referralID: referralID,
                                                             accountID: accountID, organizationID: organizationID, dailyHour: dailyHour)
    }

    /// The notifications for `account`: its own plus those of the organizations it edits,
    /// newest first; only unread ones unless `includeRead`.
    public func list(for account: Account, includeRead: Bool = false, limit: Int = 100) throws -> [ReferralNotification] {
        let organizations = account.role == .provider ? account.organizations.sorted() : []
        let marks = organizations.isEmpty ? "NULL" : Array(repeating: "?", count: organizations.count).joined(separator: ", ")
        var values: [SQLBindable?] = [account.id]
        values += organizations.map { $0 as SQLBindable? }
        values.append(limit)
        return try db.query("""
            SELECT id, account_id, organization_id, referral_id, kind, detail, created_at, read_at FROM notification
            WHERE (account_id = ? OR organization_id IN (\(marks))) \(includeRead ? "" : "AND read_at IS NULL")
            ORDER BY id DESC LIMIT ?
            """, values: values) { row in
            ReferralNotification(id: row.int(0), accountID: row.optionalString(1), organizationID: row.optionalString(2),
                                 referralID: row.optionalString(3),
                                 kind: ReferralNotificationKind(rawValue: row.string(4)) ?? .statusChanged,
                                 detail: row.string(5), createdAt: row.string(6), readAt: row.optionalString(7))
        }
    }

    /// Unread counts per kind for `account` (what a weekly digest summarises).
    public func unreadCounts(for account: Account) throws -> [ReferralNotificationKind: Int] {
        var counts: [ReferralNotificationKind: Int] = [:]
        for notification in try list(for: account, limit: 10_000) { counts[notification.kind, default: 0] += 1 }
        return counts
    }

    /// Marks a notification read, if it is addressed to `account`.
    public func markRead(_ id: Int, by account: Account) throws {
        let mine = try list(for: account, includeRead: true, limit: 10_000).contains { $0.id == id }
        guard mine else { throw LotseError(.notFound, "Diese Benachrichtigung gibt es nicht.") }
        try db.execute("UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL", Timestamp.string(now), id)
    }
}

// NotificationPreferences: how an account wants each kind of referral notification by e-mail —
// at once, in a daily summary, or only counted in the weekly digest — with defaults per role
// (table `notification_preference`; no row: the default). Urgent referrals are always mailed at
// once, whatever the choice. Announcements of pending access grants ("Freigabe beantragt") reach
// every role that may confirm one, at once by default or in the daily summary.
import Foundation
import SQLite

/// When a notification is mailed.
public enum NotificationMode: String, CaseIterable, Sendable {
    case immediate = "sofort"
    case daily = "taeglich"
    case weekly = "woechentlich"

    /// The German label for the preferences page.
    public var label: String {
        switch self {
        case .immediate: "sofort per E-Mail"
        case .daily: "täglich als Zusammenfassung"
        case .weekly: "nur in der Wochenübersicht"
        }
    }
}

/// The notification e-mail choices of accounts.
public struct NotificationPreferences {
    let db: Database
    let now: Date

    /// The preferences on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// The kinds a role receives, in the order the preferences page lists them.
    public static func kinds(for role: Role) -> [ReferralNotificationKind] {
        switch role {
        case .provider: [.referralReceived, .respondReminder, .statusRequested, .consentWithdrawn, .autoCancelled, .siblingCancelled, .poolClaimed,
                         .grantRequested]
        case .counselor: [.noResponseAlert, .statusChanged, .autoCancelled, .consentWithdrawn, .poolClaimed, .grantRequested]
        case .coordinator, .admin: [.grantRequested]
        }
    }

    /// The modes an account may choose for `kind`: grant announcements are not counted in the
    /// weekly digest, so they come at once or in the daily summary.
    public static func modes(for kind: ReferralNotificationKind) -> [NotificationMode] {
        kind == .grantRequested ? [.immediate, .daily] : NotificationMode.allCases
    }

    /// The default per role and kind: what needs an answer goes out at once, the rest daily.
    public static func defaultMode(role: Role, kind: ReferralNotificationKind) -> NotificationMode {
        switch (role, kind) {
        case (.provider, .referralReceived), (.provider, .respondReminder), (.provider, .statusRequested), (.provider, .consentWithdrawn),
             (.counselor, .noResponseAlert), (.counselor, .statusChanged), (.counselor, .consentWithdrawn),
             (.provider, .grantRequested), (.counselor, .grantRequested), (.coordinator, .grantRequested), (.admin, .grantRequested):
            .immediate
        case (.provider, _), (.counselor, _): .daily
        default: .weekly
        }
    }

    /// The mode in force for every kind of the account's role.
    public func modes(for account: Account) throws -> [ReferralNotificationKind: NotificationMode] {
        var modes: [ReferralNotificationKind: NotificationMode] = [:]
        for kind in Self.kinds(for: account.role) { modes[kind] = Self.defaultMode(role: account.role, kind: kind) }
        try db.query("SELECT kind, mode FROM notification_preference WHERE account_id = ?", account.id) { ($0.string(0), $0.string(1)) }
            .forEach { kind, mode in
                if let kind = ReferralNotificationKind(rawValue: kind), modes[kind] != nil, let mode = NotificationMode(rawValue: mode) { modes[kind] = mode }
            }
        return modes
    }

    /// The mode for one kind (weekly for kinds the role does not receive by mail).
    public func mode(for account: Account, kind: ReferralNotificationKind) throws -> NotificationMode {
        try modes(for: account)[kind] ?? .weekly
    }

    /// Stores the account's choices; kinds of other roles are refused.
    public func set(_ choices: [ReferralNotificationKind: NotificationMode], for account: Account) throws {
        let allowed = Set(Self.kinds(for: account.role))
        for (kind, mode) in choices {
            guard allowed.contains(kind) else { throw LotseError(.invalidInput, "Diese Benachrichtigung gibt es für Ihre Rolle nicht.") }
            guard Self.modes(for: kind).contains(mode) else {
                throw LotseError(.invalidInput, "»\(kind.label)« kommt sofort oder in der täglichen Zusammenfassung.")
            }
            try db.execute("""
                INSERT INTO notification_preference(account_id, kind, mode, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(account_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at
                """, account.id, kind.rawValue, mode.rawValue, Timestamp.string(now))
        }
    }
}

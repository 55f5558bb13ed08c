// ReferralSettings: the configurable numbers of the referral desk — deadlines, escalation,
// the provider's grace period after closing, and the retention periods per data class. Kept
// in `lotse_meta` under `referral.*` keys; absent keys take the defaults below.
import SQLite

/// Deadlines, escalation and retention settings.
public struct ReferralSettings: Sendable, Equatable {
    /// Respond-by working days when a service sets none (docs/domain.md §5.5: 3).
    public var defaultRespondByDays = 3
    /// Working days after the respond-by date until the counselor is alerted.
    public var alertAfterWorkingDays = 2
    /// Working days after the respond-by date until an unanswered referral is cancelled as
    /// "keine Rückmeldung"; nil (the default) never cancels.
    public var autoCancelAfterWorkingDays: Int?
    /// Working days without a status change after which an active referral asks for one.
    public var stalledAfterWorkingDays = 10
    /// Days a provider keeps access after completed/failed.
    public var accessGraceDays = 14
    /// Retention periods.
    public var retention = RetentionPolicy()

    /// The defaults.
    public static let standard = ReferralSettings()

    /// Creates the defaults.
    public init() {}

    /// The settings stored in `lotse_meta` (keys `referral.alert_after_days`,
    /// `referral.auto_cancel_after_days` (empty or "off" for never), `referral.stalled_after_days`,
    /// `referral.access_grace_days`, `referral.default_respond_by_days`,
    /// `retention.referral_days`, `retention.audit_days`, `retention.notification_days`).
    public static func load(_ db: Database) throws -> ReferralSettings {
        var settings = ReferralSettings()
        var values: [String: String] = [:]
        try db.query("SELECT key, value FROM lotse_meta WHERE key LIKE 'referral.%' OR key LIKE 'retention.%'") {
            ($0.string(0), $0.string(1))
        }.forEach { values[$0.0] = $0.1 }
        func number(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            values[key].flatMap { Int($0) }.flatMap { range.contains($0) ? $0 : nil }
        }
        settings.defaultRespondByDays = number("referral.default_respond_by_days", 1...60) ?? settings.defaultRespondByDays
        settings.alertAfterWorkingDays = number("referral.alert_after_days", 0...60) ?? settings.alertAfterWorkingDays
        settings.autoCancelAfterWorkingDays = number("referral.auto_cancel_after_days", 0...120)
        settings.stalledAfterWorkingDays = number("referral.stalled_after_days", 1...250) ?? settings.stalledAfterWorkingDays
        settings.accessGraceDays = number("referral.access_grace_days", 0...365) ?? settings.accessGraceDays
        settings.retention.referralDays = number("retention.referral_days", 1...3650) ?? settings.retention.referralDays
        settings.retention.auditDays = number("retention.audit_days", 30...36500) ?? settings.retention.auditDays
        settings.retention.notificationDays = number("retention.notification_days", 1...3650) ?? settings.retention.notificationDays
        return settings
    }
}

/// How long each data class is kept.
public struct RetentionPolicy: Sendable, Equatable {
    /// Days after closing until a referral is anonymised (its notes, contact data, free texts
    /// and consent personal fields with it).
    public var referralDays = 180
    /// Days the audit log keeps a row.
    public var auditDays = 3 * 365
    /// Days a notification is kept.
    public var notificationDays = 180

    /// Creates the defaults.
    public init() {}
}

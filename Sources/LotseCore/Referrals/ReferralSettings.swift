// ReferralSettings: the configurable numbers of the referral desk — deadlines, escalation,
// the provider's grace period after closing, and the retention periods per data class. Kept
// in `lotse_meta` under the keys of `SettingsRegistry`; absent keys take its defaults.
import SQLite

/// Deadlines, escalation and retention settings.
public struct ReferralSettings: Sendable, Equatable {
    /// Respond-by working days when a service sets none (docs/domain.md §5.5: 3).
    public var defaultRespondByDays = 3
    /// Respond-by working days of an urgent referral (default 1: the next working day); a
    /// service's shorter deadline still applies.
    public var urgentRespondByDays = 1
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

    /// The settings stored in `lotse_meta` under the `SettingsRegistry` keys (`referral.*`,
    /// `retention.*`); absent or invalid values take the registry's defaults.
    public static func load(_ db: Database) throws -> ReferralSettings {
        ReferralSettings(try SettingValues.load(db))
    }

    /// The settings in force in `values` (validated by `SettingsRegistry`).
    public init(_ values: SettingValues) {
        typealias Keys = SettingsRegistry
        defaultRespondByDays = values.integer(Keys.defaultRespondByDays) ?? defaultRespondByDays
        urgentRespondByDays = values.integer(Keys.urgentRespondByDays) ?? urgentRespondByDays
        alertAfterWorkingDays = values.integer(Keys.alertAfterDays) ?? alertAfterWorkingDays
        autoCancelAfterWorkingDays = values.integer(Keys.autoCancelAfterDays)
        stalledAfterWorkingDays = values.integer(Keys.stalledAfterDays) ?? stalledAfterWorkingDays
        accessGraceDays = values.integer(Keys.accessGraceDays) ?? accessGraceDays
        retention.referralDays = values.integer(Keys.referralRetentionDays) ?? retention.referralDays
        retention.auditDays = values.integer(Keys.auditRetentionDays) ?? retention.auditDays
        retention.notificationDays = values.integer(Keys.notificationRetentionDays) ?? retention.notificationDays
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

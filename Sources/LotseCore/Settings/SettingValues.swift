// SettingValues: the stored settings as read from `lotse_meta`, with typed accessors that fall
// back to the registry's default when a key is absent or holds a value its definition refuses.
import SQLite

/// Stored settings with defaults.
public struct SettingValues: Sendable, Equatable {
    /// The raw stored values by key (registry keys only).
    public let stored: [String: String]

    /// Values from raw stored text (tests, and `load`).
    public init(stored: [String: String] = [:]) {
        self.stored = stored
    }

    /// Reads every registry key from `lotse_meta` on `db`.
    public static func load(_ db: Database) throws -> SettingValues {
        var stored: [String: String] = [:]
        let keys = Set(SettingsRegistry.all.map(\.key))
        try db.query("SELECT key, value FROM lotse_meta WHERE key LIKE 'referral.%' OR key LIKE 'retention.%' OR key LIKE 'digest.%' OR key LIKE 'mail.%' OR key LIKE 'housing.%'") {
            ($0.string(0), $0.string(1))
        }.forEach { if keys.contains($0.0) { stored[$0.0] = $0.1 } }
        return SettingValues(stored: stored)
    }

    /// The value in force for `setting`, in stored form: the stored one when its definition
    /// accepts it, else the default.
    public func text(_ setting: SettingDefinition) -> String {
        guard let raw = stored[setting.key], let valid = try? setting.validate(raw) else { return setting.defaultValue }
        return valid
    }

    /// Whether a valid value is stored for `setting` (not the default).
    public func isSet(_ setting: SettingDefinition) -> Bool {
        stored[setting.key].map { (try? setting.validate($0)) != nil } ?? false
    }

    /// An integer setting (or an optional one: nil for "aus").
    public func integer(_ setting: SettingDefinition) -> Int? {
        Int(text(setting))
    }

    /// The digest schedule, nil for "aus".
    public var digestSchedule: WeeklySchedule? {
        SettingDefinition.schedule(text(SettingsRegistry.digestTime))
    }

    /// The stored sender address, nil when none is stored.
    public var mailFrom: String? {
        let value = text(SettingsRegistry.mailFrom)
        return value.isEmpty ? nil : value
    }
}

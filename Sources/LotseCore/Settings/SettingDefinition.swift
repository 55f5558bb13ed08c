// SettingDefinition: one value an administrator may change without SQL — its key in
// `lotse_meta`, German label and help, type, allowed range and default — and the validation
// that turns typed text into the stored form or a German error.
import Foundation

/// One configurable setting.
public struct SettingDefinition: Sendable, Equatable {
    /// The type of a setting and its allowed values.
    public enum Kind: Sendable, Equatable {
        /// A whole number within the range, in `unit` (e.g. "Arbeitstage").
        case integer(ClosedRange<Int>, unit: String)
        /// A whole number within the range, or "aus" (never); stored as the number or "aus".
        case optionalInteger(ClosedRange<Int>, unit: String)
        /// A weekday and Berlin time such as "MO 07:00" (German weekday codes accepted), or "aus".
        case weeklyTime
        /// An e-mail address, or empty for the default.
        case emailAddress
    }

    /// The key in `lotse_meta`, e.g. `referral.alert_after_days`.
    public let key: String
    /// German label for the form and `lotse config list`.
    public let label: String
    /// German help: what the value does.
    public let help: String
    /// The section it belongs to (German heading).
    public let group: String
    /// Its type and range.
    public let kind: Kind
    /// The value in force when none is stored, in stored form ("" for an empty e-mail address).
    public let defaultValue: String

    /// Creates a definition.
    public init(key: String, label: String, help: String, group: String, kind: Kind, defaultValue: String) {
        self.key = key
        self.label = label
        self.help = help
        self.group = group
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// The allowed values in German, e.g. "eine ganze Zahl von 1 bis 60 (Arbeitstage)".
    public var allowedValues: String {
        switch kind {
        case .integer(let range, let unit): "eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) (\(unit))"
        case .optionalInteger(let range, let unit): "eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) (\(unit)) oder »aus«"
        case .weeklyTime: "Wochentag und Uhrzeit wie »MO 07:00« (MO, DI, MI, DO, FR, SA, SO) oder »aus«"
        case .emailAddress: "eine E-Mail-Adresse wie »lotse@beispiel.de« oder leer (Voreinstellung)"
        }
    }

    /// The stored form of `text`, or a German `LotseError(.invalidInput)` naming the setting and
    /// what it accepts. Surrounding spaces are ignored.
    public func validate(_ text: String) throws -> String {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ reason: String) -> LotseError {
            LotseError(.invalidInput, "\(label): \(reason) Erlaubt ist \(allowedValues).")
        }
        switch kind {
        case .integer(let range, _), .optionalInteger(let range, _):
            if case .optionalInteger = kind, Self.isOff(value) { return Self.off }
            guard !value.isEmpty else { throw refuse("Bitte einen Wert angeben.") }
            guard value.allSatisfy({ $0.isASCII && $0.isNumber }) || (value.first == "-" && value.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })),
                  let number = Int(value) else {
                throw refuse("»\(value)« ist keine ganze Zahl.")
            }
            guard range.contains(number) else {
                throw refuse("\(number) liegt außerhalb des erlaubten Bereichs.")
            }
            return String(number)
        case .weeklyTime:
            if Self.isOff(value) { return Self.off }
            guard let schedule = Self.schedule(value) else { throw refuse("»\(value)« ist kein Wochentag mit Uhrzeit.") }
            return schedule.description
        case .emailAddress:
            guard !value.isEmpty else { return "" }
            guard Self.isMailbox(value) else { throw refuse("»\(value)« ist keine E-Mail-Adresse.") }
            return value
        }
    }

    /// The stored form of "never" / "not scheduled".
    public static let off = "aus"

    /// True for "aus", "off", "nie" and "never" (any case).
    static func isOff(_ value: String) -> Bool {
        ["aus", "off", "nie", "never"].contains(value.lowercased())
    }

    /// Parses "MO 07:00" with English (MO TU WE TH FR SA SU) or German (MO DI MI DO FR SA SO)
    /// weekday codes.
    static func schedule(_ value: String) -> WeeklySchedule? {
        let german = ["DI": "TU", "MI": "WE", "DO": "TH", "SO": "SU"]
        let parts = value.uppercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let day = german[String(parts[0])] ?? String(parts[0])
        return WeeklySchedule("\(day) \(parts[1])")
    }

    /// A plain mailbox: one "@", a local part and a domain with a dot, printable ASCII without
    /// spaces, quotes, angle brackets or line breaks (it goes into a header).
    static func isMailbox(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard parts.count == 2, !parts[0].isEmpty, value.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        return value.allSatisfy { $0 == "@" || allowed.contains($0) }
    }
}

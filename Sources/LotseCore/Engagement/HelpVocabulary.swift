// HelpVocabulary: the fixed codes of neighbourhood help — the kinds of help a request asks for
// and a helper offers, how often an opportunity recurs, and why a placement ended — each with
// its German label. Stored as codes; pages show the labels.
import Foundation

/// A kind of neighbourhood help.
public enum HelpKind: String, CaseIterable, Sendable, Codable {
    case visits = "besuch", shopping = "einkauf", accompaniment = "begleitung", household = "haushalt",
         garden = "garten", technology = "technik", reading = "vorlesen", other = "sonstiges"

    /// The German label.
    public var label: String {
        switch self {
        case .visits: "Besuche und Gesellschaft"
        case .shopping: "Einkaufen"
        case .accompaniment: "Begleitung (Spaziergang, Arzt, Behörde)"
        case .household: "Kleine Hilfen im Haushalt"
        case .garden: "Garten und Balkon"
        case .technology: "Telefon, Handy und Computer"
        case .reading: "Vorlesen und Schriftliches"
        case .other: "Sonstige Nachbarschaftshilfe"
        }
    }

    /// The kind of `code`, or a German error.
    public static func parse(_ code: String) throws -> HelpKind {
        guard let kind = HelpKind(rawValue: code) else { throw LotseError(.invalidInput, "Bitte eine Art der Hilfe wählen.") }
        return kind
    }
}

/// How often a helper opportunity recurs.
public enum HelpFrequency: String, CaseIterable, Sendable, Codable {
    case once, weekly, monthly, flexible

    /// The German label.
    public var label: String {
        switch self {
        case .once: "einmalig"
        case .weekly: "wöchentlich"
        case .monthly: "monatlich"
        case .flexible: "nach Absprache"
        }
    }
}

/// Why a placement ended.
public enum PlacementEndReason: String, CaseIterable, Sendable, Codable {
    case completed, helperDeclined = "helper-declined", citizenDeclined = "citizen-declined",
         noLongerNeeded = "no-longer-needed", other

    /// The German label.
    public var label: String {
        switch self {
        case .completed: "Hilfe abgeschlossen"
        case .helperDeclined: "Helfer:in hat abgesagt"
        case .citizenDeclined: "Person hat abgesagt"
        case .noLongerNeeded: "Hilfe nicht mehr nötig"
        case .other: "anderer Grund"
        }
    }
}

/// Comma-separated code lists (languages, kinds) as stored.
enum CodeList {
    /// Trimmed, lowercased, unique codes in order of first appearance.
    static func clean(_ codes: [String]) -> [String] {
        var seen = Set<String>(), result: [String] = []
        for raw in codes.flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) }) {
            let code = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if !code.isEmpty && seen.insert(code).inserted { result.append(code) }
        }
        return result
    }

    /// The stored form.
    static func join(_ codes: [String]) -> String { clean(codes).joined(separator: ",") }

    /// The codes of a stored list.
    static func split(_ stored: String?) -> [String] { clean([stored ?? ""]) }

    /// Throws unless every code is a two- or three-letter ISO 639 code.
    static func requireLanguages(_ codes: [String], field: String) throws -> [String] {
        let cleaned = clean(codes)
        for code in cleaned where !(2...3).contains(code.count) || !code.allSatisfy({ $0 >= "a" && $0 <= "z" }) {
            throw DirectoryWriter.Rejected(problems: [.init(field: field, message: "»\(code)« ist kein Sprachcode (zum Beispiel de, tr, ar).")])
        }
        return cleaned
    }
}

// GermanFormat: dates, money, numbers, lists and counts the way German pages write them
// ("29.06.2026", "3,50 €", "36.000", "Montag, Dienstag und Freitag", "1 Angebot").
import Foundation
import LotseCore

/// German text forms of values.
enum GermanFormat {
    /// `29.06.2026` for a `YYYY-MM-DD` date or the Berlin date of an ISO timestamp; nil when
    /// `text` is nil or malformed.
    static func date(_ text: String?) -> String? {
        guard let text, let instant = Timestamp.parse(text) else { return nil }
        let day: (year: Int, month: Int, day: Int)
        if text.utf8.count == 10 {
            day = BerlinTime.civilFromDays(Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
        } else {
            let berlin = BerlinTime(instant)
            day = (berlin.year, berlin.month, berlin.day)
        }
        return two(day.day) + "." + two(day.month) + "." + String(day.year)
    }

    /// `18.11.2026, 10:30 Uhr` (Berlin time) for an ISO timestamp, the date alone for a date;
    /// nil when malformed.
    static func dateTime(_ text: String?) -> String? {
        guard let text, let instant = Timestamp.parse(text) else { return nil }
        guard text.utf8.count > 10, let day = date(text) else { return date(text) }
        let berlin = BerlinTime(instant)
        return day + ", " + two(berlin.hour) + ":" + two(berlin.minute) + " Uhr"
    }

    /// The Berlin `YYYY-MM-DD` date of `text` (a date or a timestamp), for comparisons.
    static func isoDate(_ text: String?) -> String? {
        guard let text, let instant = Timestamp.parse(text) else { return nil }
        return text.utf8.count == 10 ? text : BerlinTime(instant).dateString
    }

    /// `09:00` for `9:00`, `09:00:00` or `09:00`; nil when malformed.
    static func time(_ text: String?) -> String? {
        guard let text else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute) else { return nil }
        return two(hour) + ":" + two(minute)
    }

    /// A number with a decimal comma and thousands dots: `36.000`, `2,5`.
    static func number(_ value: Double, fractionDigits: Int? = nil) -> String {
        let digits = fractionDigits ?? (value == value.rounded() ? 0 : 2)
        let formatted = String(format: "%.\(digits)f", abs(value))
        let parts = formatted.split(separator: ".")
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "." + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        var result = (value < 0 ? "-" : "") + whole + grouped
        if parts.count > 1 {
            var fraction = String(parts[1])
            if fractionDigits == nil { while fraction.hasSuffix("0") && fraction.count > 1 { fraction.removeLast() } }
            result += "," + fraction
        }
        return result
    }

    /// `3,50 €` (EUR or no currency), otherwise `3,50 CHF`.
    static func money(_ amount: Double, currency: String?) -> String {
        let code = (currency ?? "EUR").uppercased()
        return number(amount, fractionDigits: 2) + " " + (code == "EUR" ? "€" : code)
    }

    /// `a`, `a und b`, `a, b und c` (or with another conjunction).
    static func list(_ items: [String], conjunction: String = "und") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// `1 Angebot`, `3 Angebote`, `0 Angebote`.
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        number(Double(value)) + " " + (value == 1 ? singular : plural)
    }

    /// `53,09115° N, 8,79148° O` for a position.
    static func coordinates(latitude: Double, longitude: Double) -> String {
        func part(_ value: Double, _ positive: String, _ negative: String) -> String {
            number(abs(value), fractionDigits: 5) + "° " + (value < 0 ? negative : positive)
        }
        return part(latitude, "N", "S") + ", " + part(longitude, "O", "W")
    }

    /// A spelled-out small number (`zwei` … `zwölf`), digits above.
    static func word(_ value: Int) -> String {
        let words = ["null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"]
        return words.indices.contains(value) ? words[value] : String(value)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

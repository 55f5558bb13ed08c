// Timestamp: the ISO 8601 text forms stored in the database (UTC timestamps, plain dates).
import Foundation

/// Formats and parses the database's time values.
public enum Timestamp {
    /// `2026-11-21T09:30:00Z` for an instant (UTC, whole seconds).
    public static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let civil = BerlinTime.civilFromDays(days)
        let rest = seconds - days * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return BerlinTime.format(year: civil.year, month: civil.month, day: civil.day)
            + "T\(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))Z"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM` (no zone means
    /// UTC) into an instant; nil when malformed.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var seconds = BerlinTime.daysFromCivil(year: year, month: month, day: day) * 86_400
        if bytes.count == 10 { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard bytes.count >= 16, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58,
              let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
        seconds += hour * 3600 + minute * 60
        var index = 16
        if index < bytes.count, bytes[index] == 58 {
            guard let second = number(17..<19), second < 61 else { return nil }
            seconds += second
            index = 19
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
            }
        }
        if index == bytes.count { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if bytes[index] == 90 && index + 1 == bytes.count { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard bytes[index] == 43 || bytes[index] == 45, bytes.count == index + 6, bytes[index + 3] == 58,
              let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6) else { return nil }
        let offset = offsetHours * 3600 + offsetMinutes * 60
        seconds += bytes[index] == 43 ? -offset : offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// True when `text` is a valid `YYYY-MM-DD` date.
    public static func isDate(_ text: String) -> Bool {
        text.utf8.count == 10 && parse(text) != nil
    }

    /// The number of days in a month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Adds whole months to a `YYYY-MM-DD` date, clamping the day (2026-01-31 + 1 → 2026-02-28).
    public static func addingMonths(_ months: Int, to date: String) -> String? {
        guard let parsed = parse(String(date.prefix(10))) else { return nil }
        let civil = BerlinTime.civilFromDays(Int(parsed.timeIntervalSince1970 / 86_400))
        let total = civil.year * 12 + (civil.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        return BerlinTime.format(year: year, month: month, day: min(civil.day, daysInMonth(year: year, month: month)))
    }
}

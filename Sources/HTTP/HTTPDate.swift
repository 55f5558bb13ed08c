// HTTPDate: IMF-fixdate formatting and parsing (RFC 9110 §5.6.7), e.g.
// "Sun, 06 Nov 1994 08:49:37 GMT", with the current date cached per second for the Date header.
import Synchronization

/// HTTP dates without Foundation's formatters.
public enum HTTPDate {
    private static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // day 0 = 1970-01-01
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let cache = Mutex<(second: Int, bytes: [UInt8])>((-1, []))

    /// The IMF-fixdate of `secondsSince1970` (UTC).
    public static func format(_ secondsSince1970: Int) -> String {
        String(decoding: formatBytes(secondsSince1970), as: UTF8.self)
    }

    /// The current time as IMF-fixdate, computed at most once per second.
    public static var now: String { String(decoding: currentBytes(), as: UTF8.self) }

    /// The current IMF-fixdate as bytes, cached per second (used for every response).
    static func currentBytes() -> [UInt8] {
        let second = SystemClock.secondsSince1970()
        return cache.withLock { cached in
            if cached.second != second { cached = (second, formatBytes(second)) }
            return cached.bytes
        }
    }

    /// Parses an IMF-fixdate into seconds since 1970; nil for any other format.
    public static func parse(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        // "Sun, 06 Nov 1994 08:49:37 GMT" is exactly 29 bytes.
        guard bytes.count == 29, bytes[3] == 0x2C, bytes[4] == ASCII.space, bytes[7] == ASCII.space,
              bytes[11] == ASCII.space, bytes[16] == ASCII.space, bytes[19] == ASCII.colon,
              bytes[22] == ASCII.colon, bytes[25] == ASCII.space,
              String(decoding: bytes[26...], as: UTF8.self) == "GMT",
              let day = number(bytes[5..<7]), let year = number(bytes[12..<16]),
              let hour = number(bytes[17..<19]), let minute = number(bytes[20..<22]),
              let second = number(bytes[23..<25]),
              let monthIndex = monthNames.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)),
              (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    private static func formatBytes(_ seconds: Int) -> [UInt8] {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: dayNames[((days % 7) + 7) % 7].utf8)
        out.append(contentsOf: ", ".utf8)
        appendTwoDigits(day, to: &out)
        out.append(ASCII.space)
        out.append(contentsOf: monthNames[month - 1].utf8)
        out.append(ASCII.space)
        appendTwoDigits(year / 100, to: &out)
        appendTwoDigits(year % 100, to: &out)
        out.append(ASCII.space)
        appendTwoDigits(secondOfDay / 3_600, to: &out)
        out.append(ASCII.colon)
        appendTwoDigits(secondOfDay / 60 % 60, to: &out)
        out.append(ASCII.colon)
        appendTwoDigits(secondOfDay % 60, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(0x30 + value / 10 % 10))
        out.append(UInt8(0x30 + value % 10))
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Howard Hinnant's civil_from_days: proleptic Gregorian date of a day count since 1970.
    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's days_from_civil, the inverse of `civilFromDays`.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

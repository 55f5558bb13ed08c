// BerlinTime: civil time in Europe/Berlin (CET/CEST by the EU rule in force since 1996),
// computed without time-zone databases so that schedules, "open now" and working days are
// deterministic and fast.
import Foundation

/// A wall-clock moment in Europe/Berlin.
public struct BerlinTime: Sendable, Hashable {
    /// Calendar date.
    public let year: Int, month: Int, day: Int
    /// Time of day.
    public let hour: Int, minute: Int, second: Int
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public let weekday: Int
    /// Offset from UTC in seconds (3600 in winter, 7200 in summer).
    public let utcOffset: Int

    /// The Berlin wall-clock time of an instant.
    public init(_ date: Date) {
        let unix = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = BerlinTime.isSummerTime(unixSeconds: unix) ? 7200 : 3600
        let local = unix + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondsOfDay = local - days * 86_400
        let civil = BerlinTime.civilFromDays(days)
        year = civil.year; month = civil.month; day = civil.day
        hour = secondsOfDay / 3600
        minute = (secondsOfDay % 3600) / 60
        second = secondsOfDay % 60
        weekday = ((days % 7) + 7 + 3) % 7 + 1   // 1970-01-01 was a Thursday
        utcOffset = offset
    }

    /// `YYYY-MM-DD` of this moment in Berlin.
    public var dateString: String {
        BerlinTime.format(year: year, month: month, day: day)
    }

    /// Minutes since local midnight.
    public var minuteOfDay: Int { hour * 60 + minute }

    /// The two-letter RFC 5545 weekday code (MO … SU).
    public var weekdayCode: String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][weekday - 1] }

    /// Formats a civil date as `YYYY-MM-DD`.
    public static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// True when EU summer time is in force at this instant: from 01:00 UTC on the last
    /// Sunday of March until 01:00 UTC on the last Sunday of October.
    public static func isSummerTime(unixSeconds: Int) -> Bool {
        let days = Int((Double(unixSeconds) / 86_400).rounded(.down))
        let year = civilFromDays(days).year
        let start = daysFromCivil(year: year, month: 3, day: lastSunday(year: year, month: 3)) * 86_400 + 3600
        let end = daysFromCivil(year: year, month: 10, day: lastSunday(year: year, month: 10)) * 86_400 + 3600
        return unixSeconds >= start && unixSeconds < end
    }

    /// Day of month of the last Sunday in a month with 31 days (March, October).
    static func lastSunday(year: Int, month: Int) -> Int {
        let days = daysFromCivil(year: year, month: month, day: 31)
        let weekday = ((days % 7) + 7 + 3) % 7 + 1
        return 31 - (weekday % 7)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

// WorkingDays: a working-day calendar for one Land — Monday to Friday without public holidays —
// that turns "respond within N working days" into a date and counts working days between
// dates. Dates are `YYYY-MM-DD` (Europe/Berlin civil dates).
import Foundation

/// Working days of one Land.
public struct WorkingDays: Sendable {
    /// The Land ("BE", "SN" …, see `GermanLand`; nil or unknown: federal holidays only).
    public let stateCode: String?

    /// Creates the calendar of a Land.
    public init(stateCode: String?) {
        self.stateCode = stateCode
    }

    /// True when `day` (days since 1970-01-01) is Monday to Friday and no holiday.
    public func isWorkingDay(_ day: Int) -> Bool {
        let weekday = ((day % 7) + 7 + 3) % 7 + 1
        guard weekday <= 5 else { return false }
        let year = BerlinTime.civilFromDays(day).year
        return !GermanHolidays.holidays(year: year, stateCode: stateCode).contains { $0.day == day }
    }

    /// True when the `YYYY-MM-DD` date is a working day.
    public func isWorkingDay(_ date: String) -> Bool {
        guard let day = Self.dayNumber(date) else { return false }
        return isWorkingDay(day)
    }

    /// The date `count` working days after `date` (count ≥ 0; 0 gives the date itself, or
    /// the next working day when it is none).
    public func adding(_ count: Int, to date: String) -> String {
        guard var day = Self.dayNumber(date) else { return date }
        if count == 0 {
            while !isWorkingDay(day) { day += 1 }
            return Self.dateString(day)
        }
        var left = count
        while left > 0 {
            day += 1
            if isWorkingDay(day) { left -= 1 }
        }
        return Self.dateString(day)
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    public func count(from: String, to: String) -> Int {
        guard var day = Self.dayNumber(from), let end = Self.dayNumber(to), end > day else { return 0 }
        var total = 0
        while day < end {
            day += 1
            if isWorkingDay(day) { total += 1 }
        }
        return total
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date.
    static func dayNumber(_ date: String) -> Int? {
        guard let parsed = Timestamp.parse(String(date.prefix(10))) else { return nil }
        return Int(parsed.timeIntervalSince1970 / 86_400)
    }

    /// `YYYY-MM-DD` of a day number.
    static func dateString(_ day: Int) -> String {
        let civil = BerlinTime.civilFromDays(day)
        return BerlinTime.format(year: civil.year, month: civil.month, day: civil.day)
    }
}

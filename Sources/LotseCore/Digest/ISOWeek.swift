// ISOWeek: ISO 8601 week numbers (`2026-W48`) in Berlin time — the unit of the digest's
// delivery log — and the Monday each week starts on.
import Foundation

/// An ISO week.
public struct ISOWeek: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// The week containing an instant (Berlin time).
    public init(containing date: Date) {
        let time = BerlinTime(date)
        let days = BerlinTime.daysFromCivil(year: time.year, month: time.month, day: time.day)
        let thursday = days - (time.weekday - 1) + 3
        let civil = BerlinTime.civilFromDays(thursday)
        year = civil.year
        week = (thursday - BerlinTime.daysFromCivil(year: civil.year, month: 1, day: 1)) / 7 + 1
    }

    /// Parses `YYYY-Www`; nil when malformed or the week does not exist.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[1].hasPrefix("W"), let year = Int(parts[0]), let week = Int(parts[1].dropFirst()),
              (1970...9999).contains(year), week >= 1, week <= ISOWeek.weeks(in: year), parts[1].count == 3 else { return nil }
        self.year = year
        self.week = week
    }

    /// 52 or 53: the week of 28 December.
    public static func weeks(in year: Int) -> Int {
        ISOWeek(containing: Date(timeIntervalSince1970: TimeInterval(BerlinTime.daysFromCivil(year: year, month: 12, day: 28) * 86_400 + 43_200))).week
    }

    /// The Monday of the week as `YYYY-MM-DD`.
    public var monday: String {
        let january4 = BerlinTime.daysFromCivil(year: year, month: 1, day: 4)
        let weekday = ((january4 % 7) + 7 + 3) % 7   // 0 = Monday
        let civil = BerlinTime.civilFromDays(january4 - weekday + (week - 1) * 7)
        return BerlinTime.format(year: civil.year, month: civil.month, day: civil.day)
    }

    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }
}

// WeeklySchedule: "MO 07:00" — a weekday and a Berlin wall-clock time once a week — and when
// it is next due.
import Foundation

/// A weekly point in Berlin time.
public struct WeeklySchedule: Sendable, Equatable, CustomStringConvertible {
    /// ISO weekday, 1 = Monday.
    public let weekday: Int
    /// Minutes after midnight.
    public let minute: Int

    /// Monday 07:00.
    public static let digestDefault = WeeklySchedule(weekday: 1, minute: 7 * 60)

    /// Creates a schedule.
    public init(weekday: Int, minute: Int) {
        self.weekday = weekday
        self.minute = minute
    }

    /// Parses "MO 07:00" (weekday codes MO … SU); nil when malformed.
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: " ")
        let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        guard parts.count == 2, let day = codes.firstIndex(of: String(parts[0])), let minutes = SearchIndex.minutes(String(parts[1])),
              minutes < 24 * 60 else { return nil }
        weekday = day + 1
        minute = minutes
    }

    /// True when `now` is at or after this week's point.
    public func isDue(_ now: Date) -> Bool {
        let time = BerlinTime(now)
        return time.weekday > weekday || (time.weekday == weekday && time.minuteOfDay >= minute)
    }

    public var description: String {
        let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        return "\(codes[weekday - 1]) \(minute / 60 < 10 ? "0" : "")\(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)"
    }
}

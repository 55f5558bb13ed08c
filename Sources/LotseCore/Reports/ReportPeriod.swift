// ReportPeriod: the periods the unmet-needs report offers — whole calendar months, quarters and
// years only, so that two allowed periods either nest (month in quarter in year) or do not
// overlap, and no two queries differ by a day or a week.
import Foundation

/// A month, quarter or year of the report.
public struct ReportPeriod: Sendable, Hashable {
    /// The grain of a period.
    public enum Kind: Sendable, Hashable {
        case month, quarter, year
    }

    /// The grain.
    public let kind: Kind
    /// The calendar year.
    public let year: Int
    /// The month (1…12) or quarter (1…4); 0 for a year.
    public let number: Int

    /// The years the report accepts.
    public static let years = 2000...2199

    /// The whole year `year`.
    public static func year(_ year: Int) -> ReportPeriod { ReportPeriod(kind: .year, year: year, number: 0) }
    /// Quarter `quarter` (1…4) of `year`.
    public static func quarter(_ quarter: Int, of year: Int) -> ReportPeriod { ReportPeriod(kind: .quarter, year: year, number: quarter) }
    /// Month `month` (1…12) of `year`.
    public static func month(_ month: Int, of year: Int) -> ReportPeriod { ReportPeriod(kind: .month, year: year, number: month) }

    private init(kind: Kind, year: Int, number: Int) {
        self.kind = kind
        self.year = year
        self.number = number
    }

    /// Reads `2026` (a year), `2026-Q3` (a quarter) or `2026-11` (a month); nil for anything else.
    public init?(parameter text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), Self.years.contains(year) else { return nil }
        switch parts.count {
        case 1:
            self.init(kind: .year, year: year, number: 0)
        case 2 where parts[1].count == 2 && parts[1].uppercased().hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self.init(kind: .quarter, year: year, number: quarter)
        case 2 where parts[1].count == 2:
            guard parts[1].allSatisfy(\.isASCII), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.init(kind: .month, year: year, number: month)
        default:
            return nil
        }
    }

    /// The query parameter value (`2026`, `2026-Q3`, `2026-11`).
    public var parameter: String {
        switch kind {
        case .year: String(year)
        case .quarter: "\(year)-Q\(number)"
        case .month: "\(year)-" + (number < 10 ? "0" : "") + String(number)
        }
    }

    /// The German label ("2026", "3. Quartal 2026", "November 2026").
    public var label: String {
        switch kind {
        case .year: String(year)
        case .quarter: "\(number). Quartal \(year)"
        case .month: "\(Self.monthNames[number - 1]) \(year)"
        }
    }

    /// German month names.
    public static let monthNames = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                                    "Oktober", "November", "Dezember"]

    /// The months (1…12) the period covers.
    public var months: ClosedRange<Int> {
        switch kind {
        case .year: 1...12
        case .quarter: (number * 3 - 2)...(number * 3)
        case .month: number...number
        }
    }

    /// The first day (`YYYY-MM-DD`).
    public var from: String { Self.date(year, months.lowerBound) }
    /// The day after the last (`YYYY-MM-DD`, exclusive).
    public var until: String { months.upperBound == 12 ? Self.date(year + 1, 1) : Self.date(year, months.upperBound + 1) }

    private static func date(_ year: Int, _ month: Int) -> String {
        "\(year)-" + (month < 10 ? "0" : "") + "\(month)-01"
    }

    /// The period containing `date` (`YYYY-MM-DD…`) of the given kind, if the date is readable.
    public static func containing(_ date: String, kind: Kind) -> ReportPeriod? {
        guard date.count >= 7, let year = Int(date.prefix(4)), let month = Int(date.dropFirst(5).prefix(2)), (1...12).contains(month),
              years.contains(year) else { return nil }
        switch kind {
        case .year: return .year(year)
        case .quarter: return .quarter((month + 2) / 3, of: year)
        case .month: return .month(month, of: year)
        }
    }

    /// The periods a coordinator can choose, newest first: the years `years` with their
    /// quarters and months.
    public static func choices(years: ClosedRange<Int>) -> [ReportPeriod] {
        years.reversed().flatMap { year in
            [ReportPeriod.year(year)] + (1...4).reversed().map { quarter(_: $0, of: year) } + (1...12).reversed().map { month($0, of: year) }
        }
    }
}

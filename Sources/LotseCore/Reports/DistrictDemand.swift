// DistrictDemand: the demand side of a Sozialraum profile for coordinators — cases recorded,
// met and unmet per need category and need in a month, quarter or year, and per 1,000
// residents where the population is known. The counts come from the report's `CaseFigures`,
// so they are suppressed by the same lattice and agree with every report query.
import Foundation
import SQLite

/// Cases of one Sozialraum in one period.
public struct DistrictDemand: Sendable, Equatable {
    /// One need category or need.
    public struct Row: Sendable, Equatable {
        /// Need or category code.
        public let need: String
        /// The German label.
        public let label: String
        /// True for a category (its needs follow it).
        public let isCategory: Bool
        /// Cases recorded, met and unmet (nil when suppressed).
        public let recorded: Int?
        public let met: Int?
        public let unmet: Int?

        /// `count` per 1,000 of `population` (nil when either is unknown).
        public func perThousand(_ count: Int?, population: Int?) -> Double? {
            guard let count, let population, population > 0 else { return nil }
            return Double(count) * 1000 / Double(population)
        }
    }

    /// The period.
    public let period: ReportPeriod
    /// The residents, where known.
    public let population: Int?
    /// All needs together.
    public let total: Row
    /// Categories with their needs, where any case was recorded.
    public let rows: [Row]

    /// The demand in area `code` in `period` on `db`; not-found for an unknown area. An area
    /// of no report level (a city) is counted as a whole.
    static func compute(_ db: Database, sozialraum code: String, period: ReportPeriod) throws -> DistrictDemand {
        guard let area = try db.queryFirst("SELECT level, population FROM sozialraum WHERE code = ?", code, transform: { ($0.string(0), $0.optionalInt(1)) }) else {
            throw LotseError(.notFound, "Diesen Sozialraum gibt es nicht.")
        }
        let cases = try CaseFigures(db, year: period.year)
        var names: [String: String] = [:], order: [String] = [], parentCode: [String: String] = [:]
        try db.prepare("""
            SELECT t.code, t.name, p.code FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id LEFT JOIN taxonomy_term p ON p.id = t.parent_id
            WHERE x.code = 'bedarf' AND t.code IS NOT NULL ORDER BY t.position, t.name
            """).forEach { row in
            names[row.string(0)] = row.string(1)
            order.append(row.string(0))
            if let up = row.optionalString(2) { parentCode[row.string(0)] = up }
        }
        func row(_ need: String?) -> Row {
            func count(_ outcome: CaseFigures.Outcome) -> Int? {
                cases.count(area: code, level: area.0, period: period, need: need, outcome: outcome)
            }
            return Row(need: need ?? "", label: need.map { names[$0] ?? $0 } ?? "alle Bedarfe", isCategory: need.map { parentCode[$0] == nil } ?? false,
                       recorded: count(.recorded), met: count(.met), unmet: count(.unmet))
        }
        var rows: [Row] = []
        for category in order where parentCode[category] == nil {
            let head = row(category)
            guard head.recorded != 0 else { continue }
            rows.append(head)
            for need in order where parentCode[need] == category {
                let line = row(need)
                if line.recorded != 0 { rows.append(line) }
            }
        }
        return DistrictDemand(period: period, population: area.1, total: row(nil), rows: rows)
    }
}

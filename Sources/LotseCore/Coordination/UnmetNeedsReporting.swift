// UnmetNeedsReporting: the coordinators' unmet-needs report on a store — computed for a whole
// month, quarter or year (`ReportPeriod`), and its CSV download recorded in the audit log as an
// export of aggregates.
import Foundation
import SQLite

/// The unmet-needs report for coordinators on a store.
public struct UnmetNeedsReporting: Sendable {
    /// The database.
    public let store: Store
    /// The instant audit entries are stamped with.
    public let now: Date

    /// The reporting on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Reads a period parameter (`2026`, `2026-Q3`, `2026-11`); nil or empty is the current
    /// year. Anything else — a day, a week, a free range — is refused with a German message.
    public func period(_ text: String?) throws -> ReportPeriod {
        guard let text, !text.isEmpty else { return .year(Int(BerlinTime(now).dateString.prefix(4)) ?? 2026) }
        guard let period = ReportPeriod(parameter: text) else {
            throw LotseError(.invalidInput, "»\(text)« ist kein Berichtszeitraum. Den Bericht gibt es nur für ganze Monate (z. B. 2026-11), Quartale (2026-Q3) und Jahre (2026).")
        }
        return period
    }

    /// Reads a level parameter (`bezirk`, `stadtteil`, `quartier`); nil or empty is
    /// `stadtteil`. Anything else is refused with a German message.
    public func level(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { return "stadtteil" }
        guard UnmetNeedsReport.areaLevels.contains(text) else {
            throw LotseError(.invalidInput, "»\(text)« ist keine Ebene des Berichts. Möglich sind Bezirk, Stadtteil und Quartier.")
        }
        return text
    }

    /// The demand in Sozialraum `code` in `period` (cases per need category and need,
    /// suppressed like the report).
    public func demand(sozialraum code: String, period: ReportPeriod) throws -> DistrictDemand {
        try store.pool.read { db in try DistrictDemand.compute(db, sozialraum: code, period: period) }
    }

    /// The report for `period`, areas rolled up to `level`.
    public func report(index: SearchIndex, period: ReportPeriod, level: String) throws -> UnmetNeedsReport {
        try store.pool.read { db in try UnmetNeedsReport.compute(db, index: index, period: period, level: level) }
    }

    /// Records in the audit log that `account` downloaded the report's cells as CSV.
    public func recordCSVExport(period: ReportPeriod, level: String, by account: Account) throws {
        try store.pool.write { db in
            _ = try AuditLog(db: db, now: now).record(.export, by: .person(account), referralID: nil,
                                                      what: "Bericht ungedeckte Bedarfe (CSV, aggregiert, \(level), \(period.label))",
                                                      purpose: "Planung")
        }
    }
}

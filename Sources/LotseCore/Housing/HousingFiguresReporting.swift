// HousingFiguresReporting: the planning figures for the coordinators' page and download — reads
// the year and company filters (an unknown value is refused in German, never ignored),
// computes the figures on the store and audits the CSV download.
import Foundation
import SQLite

/// The planning figures on a store.
public struct HousingFiguresReporting: Sendable {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Reads the year parameter (`2026`); nil or empty is the current year in Berlin. Anything
    /// else is refused with a German message.
    public func year(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return BerlinTime(now).year }
        guard text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text), HousingQuotas.years.contains(year) else {
            throw LotseError(.invalidInput, "»\(text)« ist kein Jahr. Die Zahlen gibt es für ganze Kalenderjahre von \(HousingQuotas.years.lowerBound) bis \(HousingQuotas.years.upperBound), zum Beispiel \(BerlinTime(now).year).")
        }
        return year
    }

    /// Reads the company parameter (an organization id); nil or empty is every company. An id
    /// that is no housing company or cooperative is refused with a German message.
    public func company(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard try HousingQuotas(store: store, now: now).companies().contains(where: { $0.id == text }) else {
            throw LotseError(.invalidInput, "»\(text)« ist kein Wohnungsunternehmen und keine Wohnungsgenossenschaft des Netzwerks. Bitte eines aus der Liste wählen.")
        }
        return text
    }

    /// The figures of `year`.
    public func figures(year: Int) throws -> HousingFigures {
        try store.pool.read { db in try HousingFigures.compute(db, year: year) }
    }

    /// Records in the audit log that `account` downloaded the figures as CSV.
    public func recordCSVExport(year: Int, company: String?, by account: Account) throws {
        try store.pool.write { db in
            let name = try company.flatMap { try db.scalarString("SELECT name FROM organization WHERE id = ?", $0) } ?? "alle Wohnungsunternehmen"
            _ = try AuditLog(db: db, now: now).record(.export, by: .person(account), referralID: nil,
                                                      what: "Planungszahlen Wohnungen (CSV, aggregiert, \(year), \(name))",
                                                      purpose: "Planung")
        }
    }
}

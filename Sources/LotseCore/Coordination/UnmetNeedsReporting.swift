// UnmetNeedsReporting: the coordinators' unmet-needs report on a store — computed for a
// period whose end date counts in full, and its CSV download recorded in the audit log as an
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

    /// The report from date `from` up to and including date `until`, areas rolled up to `level`.
    public func report(index: SearchIndex, from: String?, until: String?, level: String) throws -> UnmetNeedsReport {
        let end = until.flatMap { Timestamp.parse($0) }.map { Timestamp.string($0.addingTimeInterval(86_400)) }
        return try store.pool.read { db in
            try UnmetNeedsReport.compute(db, index: index, from: from, until: end.map { String($0.prefix(10)) }, level: level)
        }
    }

    /// Records in the audit log that `account` downloaded the report's cells as CSV.
    public func recordCSVExport(from: String?, until: String?, level: String, by account: Account) throws {
        try store.pool.write { db in
            _ = try AuditLog(db: db, now: now).record(.export, by: .person(account), referralID: nil,
                                                      what: "Bericht ungedeckte Bedarfe (CSV, aggregiert, \(level), \(from ?? "-") bis \(until ?? "-"))",
                                                      purpose: "Planung")
        }
    }
}

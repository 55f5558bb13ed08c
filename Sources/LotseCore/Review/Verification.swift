// Verification: "Angaben unverändert bestätigen" and the immediate provider edits that need no
// review (capacity, opening hours); also the coordinator's view of stale entries.
import Foundation
import SQLite

/// Confirmations and immediate edits.
public enum Verification {
    /// Months until the next review after a confirmation.
    public static let reviewInterval = 12

    /// Records a human confirmation of an organization or service (an edit is not one).
    public static func confirm(table: String, id: String, by account: Account, writer: DirectoryWriter, now: Date = Date()) throws {
        guard table == "organization" || table == "service" else { throw LotseError(.invalidInput, "Nur Organisationen und Angebote werden bestätigt.") }
        let today = BerlinTime(now).dateString
        try writer.write(table: table, id: id, values: [
            "verified_at": Timestamp.string(now), "verified_by": account.displayName,
            "verification_method": account.role == .coordinator ? VerificationMethod.coordinatorReview.rawValue : VerificationMethod.selfConfirmation.rawValue,
            "next_review_due": Timestamp.addingMonths(reviewInterval, to: today) ?? today,
        ])
    }

    /// Updates a service's capacity at once (status, note, "Stand").
    public static func updateCapacity(serviceID: String, status: CapacityStatus, note: String?, writer: DirectoryWriter, now: Date = Date()) throws {
        try writer.write(table: "service", id: serviceID, values: [
            "capacity_status": status.rawValue, "capacity_note": note?.isEmpty == false ? note : nil,
            "capacity_updated_at": Timestamp.string(now),
        ])
    }

    /// One weekly opening block.
    public struct OpeningBlock: Sendable, Equatable {
        public var days: [String]
        public var opens: String
        public var closes: String
        public var note: String?

        /// Creates a block (days as MO … SU).
        public init(days: [String], opens: String, closes: String, note: String? = nil) {
            self.days = days
            self.opens = opens
            self.closes = closes
            self.note = note
        }
    }

    /// Replaces a service's own simple weekly schedules at once (see `isSimpleWeekly`).
    public static func replaceOpeningHours(serviceID: String, blocks: [OpeningBlock], writer: DirectoryWriter, db: Database) throws {
        var problems: [DirectoryWriter.FieldProblem] = []
        let valid = Set(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
        for (index, block) in blocks.enumerated() where block.days.isEmpty || !block.days.allSatisfy(valid.contains) {
            problems.append(.init(field: "days\(index)", message: "Bitte mindestens einen Wochentag wählen."))
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        // Only the simple weekly blocks are replaced; monthly, fortnightly, seasonal and
        // location-bound schedules stay as they are.
        let old = try db.query("""
            SELECT id FROM schedule WHERE service_id = ? AND service_at_location_id IS NULL AND location_id IS NULL
              AND freq = 'WEEKLY' AND coalesce(interval, 1) = 1 AND valid_from IS NULL AND valid_to IS NULL
            """, serviceID) { $0.string(0) }
        for id in old { try writer.delete(table: "schedule", id: id) }
        for block in blocks {
            try writer.write(table: "schedule", id: UUID().uuidString.lowercased(), values: [
                "service_id": serviceID, "freq": "WEEKLY", "byday": block.days.joined(separator: ","),
                "opens_at": block.opens, "closes_at": block.closes, "description": block.note,
            ])
        }
    }

    /// True when `schedule` is one of a service's own simple weekly blocks — the ones
    /// `replaceOpeningHours` replaces (weekly, every week, no validity range, not bound to a
    /// location).
    public static func isSimpleWeekly(_ schedule: Record) -> Bool {
        schedule.text("service_at_location_id") == nil && schedule.text("location_id") == nil && schedule.text("freq") == "WEEKLY"
            && (schedule.number("interval") ?? 1) == 1 && schedule.text("valid_from") == nil && schedule.text("valid_to") == nil
    }

    /// An entry past its review date.
    public struct StaleEntry: Sendable {
        public let table: String
        public let id: String
        public let name: String
        public let organizationID: String
        public let organizationName: String
        public let due: String
        public let hidden: Bool
    }

    /// Services and organizations past `next_review_due`, most overdue first.
    public static func staleEntries(_ db: Database, today: String) throws -> [StaleEntry] {
        try db.query("""
            SELECT 'service', s.id, s.name, o.id, o.name, s.next_review_due, s.hidden FROM service s JOIN organization o ON o.id = s.organization_id
            WHERE s.next_review_due < ?1 AND s.status IN ('active', 'temporarily closed')
            UNION ALL
            SELECT 'organization', o.id, o.name, o.id, o.name, o.next_review_due, o.hidden FROM organization o
            WHERE o.next_review_due < ?1 AND o.membership_status = 'member'
            ORDER BY 6, 3
            """, today) { row in
            StaleEntry(table: row.string(0), id: row.string(1), name: row.string(2), organizationID: row.string(3),
                       organizationName: row.string(4), due: row.string(5), hidden: row.bool(6))
        }
    }
}

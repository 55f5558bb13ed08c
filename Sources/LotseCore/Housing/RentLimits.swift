// RentLimits: the benefit rent limits for housing costs ("angemessene Kosten der Unterkunft")
// that coordinators keep per area and household size with a valid-from date, and the check of
// an offer against them. A limit caps the gross cold rent (cold rent plus running costs);
// heating is assessed separately. An area without its own limit takes the nearest one above
// it in the Sozialraum tree (the municipality's); of an area's limits the newest valid one on
// the day counts. Every change is audited.
import Foundation
import SQLite

/// One rent limit.
public struct RentLimit: Sendable, Equatable {
    public let id: String
    public let sozialraumID: String
    public let sozialraumName: String
    public let householdSize: Int
    /// The monthly gross cold rent the cost bearer accepts, in cents.
    public let grossColdCents: Int
    /// First day it applies (YYYY-MM-DD).
    public let validFrom: String
}

/// An offer's rent against the limit for one household size.
public struct RentAssessment: Sendable, Equatable {
    /// The verdict.
    public enum Verdict: Sendable, Equatable {
        /// Within the limit, `margin` cents below it (0: exactly at it).
        case within(margin: Int)
        /// Above the limit by `excess` cents: the surcharge the cost bearer must approve.
        case exceeds(excess: Int)
        /// No limit is recorded for this area, size and day.
        case noLimit
    }

    public let householdSize: Int
    public let limit: RentLimit?
    public let verdict: Verdict

    /// Compares `grossColdCents` with `limit`.
    public static func assess(grossColdCents: Int, householdSize: Int, limit: RentLimit?) -> RentAssessment {
        guard let limit else { return RentAssessment(householdSize: householdSize, limit: nil, verdict: .noLimit) }
        let difference = grossColdCents - limit.grossColdCents
        return RentAssessment(householdSize: householdSize, limit: limit,
                              verdict: difference > 0 ? .exceeds(excess: difference) : .within(margin: -difference))
    }

    /// German text: "innerhalb der Grenze (512,00 €)" / "über der Grenze um 38,50 €".
    public var text: String {
        switch verdict {
        case .within: "innerhalb der Grenze von \(Euro.text(limit?.grossColdCents ?? 0))"
        case .exceeds(let excess): "überschreitet die Grenze von \(Euro.text(limit?.grossColdCents ?? 0)) um \(Euro.text(excess))"
        case .noLimit: "keine Mietobergrenze hinterlegt"
        }
    }
}

/// The rent limits on a store.
public struct RentLimits: Sendable {
    /// A new limit as typed ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        public var sozialraumID: String, householdSize: String, amount: String, validFrom: String

        public init(sozialraumID: String, householdSize: String, amount: String, validFrom: String) {
            self.sozialraumID = sozialraumID
            self.householdSize = householdSize
            self.amount = amount
            self.validFrom = validFrom
        }
    }

    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every limit, by area, household size and date.
    public func all() throws -> [RentLimit] {
        try store.pool.read { db in try Self.all(db) }
    }

    static func all(_ db: Database) throws -> [RentLimit] {
        try db.query("""
            SELECT l.id, l.sozialraum_id, s.name, l.household_size, l.gross_cold_cents, l.valid_from
            FROM housing_rent_limit l JOIN sozialraum s ON s.id = l.sozialraum_id
            ORDER BY s.name, l.household_size, l.valid_from DESC
            """, transform: Self.limit)
    }

    static func limit(_ row: Row) -> RentLimit {
        RentLimit(id: row.string(0), sozialraumID: row.string(1), sozialraumName: row.string(2), householdSize: row.int(3),
                  grossColdCents: row.int(4), validFrom: row.string(5))
    }

    /// The limit for a household of `size` in area `sozialraumID` on `day` (YYYY-MM-DD): the
    /// nearest area up the tree that has one for that size, its newest valid on `day`.
    public static func limit(_ db: Database, sozialraumID: String, householdSize size: Int, on day: String) throws -> RentLimit? {
        try db.queryFirst("""
            SELECT l.id, l.sozialraum_id, s.name, l.household_size, l.gross_cold_cents, l.valid_from
            FROM sozialraum_closure c JOIN housing_rent_limit l ON l.sozialraum_id = c.ancestor JOIN sozialraum s ON s.id = l.sozialraum_id
            WHERE c.descendant = ? AND l.household_size = ? AND l.valid_from <= ?
            ORDER BY c.distance, l.valid_from DESC LIMIT 1
            """, sozialraumID, size, day, transform: Self.limit)
    }

    /// `offer` against the limits on `day`, one assessment per household size it suits.
    public static func assess(_ db: Database, offer: HousingOffer, on day: String) throws -> [RentAssessment] {
        try offer.householdSizes.map { size in
            RentAssessment.assess(grossColdCents: offer.grossColdCents, householdSize: size,
                                  limit: try limit(db, sozialraumID: offer.sozialraumID, householdSize: size, on: day))
        }
    }

    /// The limit for one area, size and day (see `limit(_:sozialraumID:householdSize:on:)`).
    public func limit(sozialraumID: String, householdSize: Int, on day: String) throws -> RentLimit? {
        try store.pool.read { db in try Self.limit(db, sozialraumID: sozialraumID, householdSize: householdSize, on: day) }
    }

    /// Records a limit and returns its id; `DirectoryWriter.Rejected` with German messages for
    /// the fields `sozialraum_id`, `household_size`, `amount`, `valid_from`. Audited.
    @discardableResult
    public func add(_ draft: Draft, by account: Account) throws -> String {
        try store.pool.write { db in
            var problems: [DirectoryWriter.FieldProblem] = []
            if draft.sozialraumID.isEmpty {
                problems.append(.init(field: "sozialraum_id", message: "Bitte ein Gebiet wählen."))
            } else if try db.scalarInt("SELECT count(*) FROM sozialraum WHERE id = ? AND retired_at IS NULL", draft.sozialraumID) != 1 {
                problems.append(.init(field: "sozialraum_id", message: "Dieses Gebiet gibt es nicht (mehr)."))
            }
            let size = Int(draft.householdSize)
            if size == nil || !(1...12).contains(size!) {
                problems.append(.init(field: "household_size", message: "Bitte die Haushaltsgröße als Zahl von 1 bis 12 angeben."))
            }
            let cents = Euro.cents(draft.amount)
            if draft.amount.isEmpty {
                problems.append(.init(field: "amount", message: "Bitte den Betrag der Mietobergrenze angeben."))
            } else if cents == nil || cents! <= 0 {
                problems.append(.init(field: "amount", message: "»\(draft.amount)« ist kein Betrag in Euro (zum Beispiel 512,50)."))
            }
            let day = draft.validFrom
            if day.isEmpty {
                problems.append(.init(field: "valid_from", message: "Bitte angeben, ab wann die Grenze gilt."))
            } else if !Timestamp.isDate(day) {
                problems.append(.init(field: "valid_from", message: "»\(day)« ist kein Datum (JJJJ-MM-TT, zum Beispiel 2026-01-01)."))
            }
            if problems.isEmpty, try db.scalarInt("""
                SELECT count(*) FROM housing_rent_limit WHERE sozialraum_id = ? AND household_size = ? AND valid_from = ?
                """, draft.sozialraumID, size!, day) != 0 {
                problems.append(.init(field: "valid_from", message: "Für dieses Gebiet und diese Haushaltsgröße gilt ab diesem Tag schon eine Grenze; bitte die alte zuerst entfernen."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let id = UUID().uuidString.lowercased()
            try db.execute("""
                INSERT INTO housing_rent_limit(id, sozialraum_id, household_size, gross_cold_cents, valid_from, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, draft.sozialraumID, size!, cents!, day, account.id, Timestamp.string(now))
            let area = try db.scalarString("SELECT name FROM sozialraum WHERE id = ?", draft.sozialraumID) ?? draft.sozialraumID
            _ = try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil,
                                                      what: "Mietobergrenze angelegt: \(area), \(size!) Pers., \(Euro.text(cents!)) ab \(day)",
                                                      purpose: "Kosten der Unterkunft")
            return id
        }
    }

    /// Removes limit `id` (not-found error when there is none). Audited.
    public func remove(_ id: String, by account: Account) throws {
        try store.pool.write { db in
            guard let limit = try db.queryFirst("""
                SELECT l.id, l.sozialraum_id, s.name, l.household_size, l.gross_cold_cents, l.valid_from
                FROM housing_rent_limit l JOIN sozialraum s ON s.id = l.sozialraum_id WHERE l.id = ?
                """, id, transform: Self.limit) else { throw LotseError(.notFound, "Diese Mietobergrenze gibt es nicht.") }
            try db.execute("DELETE FROM housing_rent_limit WHERE id = ?", id)
            _ = try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil,
                                                      what: "Mietobergrenze entfernt: \(limit.sozialraumName), \(limit.householdSize) Pers., \(Euro.text(limit.grossColdCents)) ab \(limit.validFrom)",
                                                      purpose: "Kosten der Unterkunft")
        }
    }
}

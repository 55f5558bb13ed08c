// HousingQuotas: the coordinators' record of each housing company's yearly quota by
// household-size class — listed per year, read for one company and year, saved from the
// coordinators' form (checked, German errors; a blank class has no quota) and audited.
import Foundation
import SQLite

/// The yearly quotas on a store.
public struct HousingQuotas: Sendable {
    /// A quota as typed ("" for an empty field); `flats` by class.
    public struct Draft: Sendable, Equatable {
        public var organizationID: String
        public var year: String
        public var flats: [HouseholdClass: String]

        public init(organizationID: String, year: String, flats: [HouseholdClass: String]) {
            self.organizationID = organizationID
            self.year = year
            self.flats = flats
        }
    }

    /// The years a quota may be recorded for (the column's check).
    public static let years = 2000...2100
    /// The most flats one class may hold.
    public static let maximumFlats = 10_000

    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The current year in Berlin.
    public var currentYear: Int { BerlinTime(now).year }

    /// The housing companies and cooperatives of the network (id, name), by name; those that
    /// left are still listed, their past quotas stay readable.
    public func companies() throws -> [(id: String, name: String)] {
        try store.pool.read { db in try Self.companies(db) }
    }

    static func companies(_ db: Database) throws -> [(id: String, name: String)] {
        try db.query("""
            SELECT id, name FROM organization WHERE kind IN ('housing_company', 'housing_cooperative') ORDER BY name, id
            """) { (id: $0.string(0), name: $0.string(1)) }
    }

    /// Every quota of `year`, by company name.
    public func all(year: Int) throws -> [HousingQuota] {
        try store.pool.read { db in try Self.all(db, year: year) }
    }

    static func all(_ db: Database, year: Int) throws -> [HousingQuota] {
        var flats: [String: [HouseholdClass: Int]] = [:], names: [String: String] = [:], order: [String] = []
        try db.prepare("""
            SELECT q.organization_id, o.name, q.household_class, q.flats FROM housing_quota q JOIN organization o ON o.id = q.organization_id
            WHERE q.year = ? ORDER BY o.name, q.organization_id
            """).forEach([year]) { row in
            let id = row.string(0)
            if names[id] == nil { order.append(id); names[id] = row.string(1) }
            if let kind = HouseholdClass(rawValue: row.string(2)) { flats[id, default: [:]][kind] = row.int(3) }
        }
        return order.map { HousingQuota(organizationID: $0, organizationName: names[$0]!, year: year, flats: flats[$0] ?? [:]) }
    }

    /// The quota of company `organizationID` for `year` (nil when none is recorded).
    public func quota(organizationID: String, year: Int) throws -> HousingQuota? {
        try all(year: year).first { $0.organizationID == organizationID }
    }

    /// Saves a company's quota for a year (replacing the classes it had); a blank class has no
    /// quota. `DirectoryWriter.Rejected` with German messages for the fields `organization_id`,
    /// `year` and each class's field; 403 unless `account` coordinates. Audited with the
    /// quota before and after.
    @discardableResult
    public func save(_ draft: Draft, by account: Account) throws -> HousingQuota {
        guard account.role == .coordinator else {
            throw LotseError(.forbidden, "Wohnungsquoten tragen nur Koordinator:innen ein.")
        }
        return try store.pool.write { db in
            var problems: [DirectoryWriter.FieldProblem] = []
            let companies = try Self.companies(db)
            let company = companies.first { $0.id == draft.organizationID }
            if draft.organizationID.isEmpty {
                problems.append(.init(field: "organization_id", message: "Bitte ein Wohnungsunternehmen wählen."))
            } else if company == nil {
                problems.append(.init(field: "organization_id", message: "Dieses Wohnungsunternehmen gibt es nicht (oder es ist keines)."))
            }
            let yearText = draft.year.trimmingCharacters(in: .whitespaces)
            let year = Int(yearText)
            if yearText.isEmpty {
                problems.append(.init(field: "year", message: "Bitte das Jahr angeben, für das die Quote gilt."))
            } else if year == nil || !Self.years.contains(year!) {
                problems.append(.init(field: "year", message: "»\(draft.year)« ist kein Jahr (zum Beispiel \(currentYear))."))
            }
            var flats: [HouseholdClass: Int] = [:]
            for kind in HouseholdClass.allCases {
                let text = (draft.flats[kind] ?? "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                if let number = Int(text), (0...Self.maximumFlats).contains(number) { flats[kind] = number } else {
                    problems.append(.init(field: kind.field, message: "»\(text)« ist keine Zahl von Wohnungen (0 bis 10.000) für \(kind.label)."))
                }
            }
            if flats.isEmpty && !problems.contains(where: { $0.field.hasPrefix("quota_") }) {
                problems.append(.init(field: HouseholdClass.one.field, message: "Bitte für mindestens eine Haushaltsgröße eine Zahl von Wohnungen angeben."))
            }
            guard problems.isEmpty, let company, let year else { throw DirectoryWriter.Rejected(problems: problems) }
            let before = try Self.all(db, year: year).first { $0.organizationID == company.id }
            try db.execute("DELETE FROM housing_quota WHERE organization_id = ? AND year = ?", company.id, year)
            for (kind, number) in flats.sorted(by: { $0.key.field < $1.key.field }) {
                try db.execute("""
                    INSERT INTO housing_quota(organization_id, year, household_class, flats, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, company.id, year, kind.rawValue, number, account.id, Timestamp.string(now))
            }
            let after = HousingQuota(organizationID: company.id, organizationName: company.name, year: year, flats: flats)
            _ = try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil,
                                                      what: "Wohnungsquote \(year) gespeichert: \(company.name), \(after.summary) (vorher: \(before?.summary ?? "keine"))",
                                                      purpose: "Wohnungsquoten")
            return after
        }
    }
}

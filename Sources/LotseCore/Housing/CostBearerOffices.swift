// CostBearerOffices: the offices of the cost bearers (Jobcenter, Sozialamt, Eingliederungshilfe)
// that decide on the costs of housing, with the contact address that gets the reminders before
// a hold ends (no personal data). Coordinators keep them; every change is audited.
import Foundation
import SQLite

/// One office of a cost bearer.
public struct CostBearerOffice: Sendable, Equatable {
    public let id: String
    public let name: String
    public let pot: HousingPot
    /// The contact address for reminders, if any.
    public let email: String?
}

/// The cost bearers' offices on a store.
public struct CostBearerOffices: Sendable {
    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every office, by name.
    public func all() throws -> [CostBearerOffice] {
        try store.pool.read { db in
            try db.query("SELECT id, name, pot, email FROM cost_bearer_office ORDER BY name, id") {
                CostBearerOffice(id: $0.string(0), name: $0.string(1), pot: HousingPot(rawValue: $0.string(2)) ?? .sgb2, email: $0.optionalString(3))
            }
        }
    }

    /// Adds an office (coordinators only); `DirectoryWriter.Rejected` with German messages for
    /// the fields `name`, `pot`, `email`. Audited. Returns the id.
    @discardableResult
    public func add(name: String, pot: String, email: String, by account: Account) throws -> String {
        guard account.role == .coordinator, account.status == .active else {
            throw LotseError(.forbidden, "Die Stellen der Kostenträger pflegt die Koordination.")
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines), email = email.trimmingCharacters(in: .whitespaces)
        var problems: [DirectoryWriter.FieldProblem] = []
        if name.isEmpty || name.count > 200 { problems.append(.init(field: "name", message: "Bitte den Namen der Stelle angeben (höchstens 200 Zeichen).")) }
        if HousingPot(rawValue: pot) == nil { problems.append(.init(field: "pot", message: "Bitte wählen, für welches Gesetzbuch die Stelle entscheidet.")) }
        if !email.isEmpty && !SettingDefinition.isMailbox(email) {
            problems.append(.init(field: "email", message: "»\(email)« ist keine E-Mail-Adresse (zum Beispiel kdu@jobcenter.example.de)."))
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        let id = UUID().uuidString.lowercased()
        try store.pool.write { db in
            try db.execute("""
                INSERT INTO cost_bearer_office(id, name, pot, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                """, id, name, pot, email.isEmpty ? nil : email, Timestamp.string(now), Timestamp.string(now))
            try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil,
                                                  what: "Stelle des Kostenträgers angelegt: \(name) (\(pot))", purpose: "Kosten der Unterkunft")
        }
        return id
    }

    /// Removes office `id` (coordinators only) unless a proposal names it. Audited.
    public func remove(_ id: String, by account: Account) throws {
        guard account.role == .coordinator, account.status == .active else {
            throw LotseError(.forbidden, "Die Stellen der Kostenträger pflegt die Koordination.")
        }
        try store.pool.write { db in
            guard let name = try db.scalarString("SELECT name FROM cost_bearer_office WHERE id = ?", id) else {
                throw LotseError(.notFound, "Diese Stelle gibt es nicht.")
            }
            guard try db.scalarInt("SELECT count(*) FROM housing_proposal WHERE cost_bearer_office_id = ?", id) == 0 else {
                throw LotseError(.conflict, "»\(name)« ist in Wohnungsvorschlägen genannt und bleibt deshalb stehen.")
            }
            try db.execute("DELETE FROM cost_bearer_office WHERE id = ?", id)
            try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil,
                                                  what: "Stelle des Kostenträgers entfernt: \(name)", purpose: "Kosten der Unterkunft")
        }
    }
}

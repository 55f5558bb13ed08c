// OrganizationGuard: restricts an import to one organization's subtree (a provider editor's
// upload). A row is accepted only when it belongs to that organization — by its own
// organization_id or through the service, location, contact, placement or phone it hangs on —
// and, if it exists already, belonged to it before. Vocabularies may only be referenced.
import SQLite

/// Decides whether imported rows belong to one organization.
final class OrganizationGuard {
    /// The organization whose rows are accepted.
    let organizationID: String
    private let db: Database
    private var uploaded: [String: String] = [:]

    /// A guard for `organizationID`'s rows on `db` (inside the import's transaction).
    init(organizationID: String, db: Database) {
        self.organizationID = organizationID
        self.db = db
    }

    /// nil when the row may be imported; "" when it is an existing vocabulary row to leave
    /// alone; otherwise the German reason for rejecting it.
    func check(table: String, row: [String: String]) throws -> String? {
        let id = row["id"] ?? ""
        if OrganizationBundle.vocabularyTables.contains(table) {
            if try db.scalarInt("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", id) == 1 { return "" }
            return "\(table) \(id) ist unbekannt; Vokabulare und Sozialräume pflegt die Koordination"
        }
        if table == "organization" && id != organizationID {
            return "nur die eigene Organisation \(organizationID) darf hochgeladen werden, nicht \(id)"
        }
        if try exists(table, id), let previous = try owner(table, id), previous != organizationID {
            return "\(table) \(id) gehört zu einer anderen Organisation"
        }
        guard let owner = try derivedOwner(table, row) else {
            return "\(table) \(id) gehört zu keiner Organisation"
        }
        guard owner == organizationID else {
            return "\(table) \(id) gehört nicht zur Organisation \(organizationID)"
        }
        uploaded[table + ":" + id] = owner
        return nil
    }

    /// The organization a row belongs to, from its own columns.
    private func derivedOwner(_ table: String, _ row: [String: String]) throws -> String? {
        func value(_ column: String) -> String? { row[column].flatMap { $0.isEmpty ? nil : $0 } }
        switch table {
        case "organization": return value("id")
        case "cooperation": return value("organization_id")
        case "attribute":
            guard let entity = value("link_entity"), let link = value("link_id"), TableImporter.linkableEntities.contains(entity) else { return nil }
            return try owner(entity, link)
        default: break
        }
        if let organization = value("organization_id") { return organization }
        for (column, target) in [("service_id", "service"), ("location_id", "location"), ("service_at_location_id", "service_at_location"),
                                 ("contact_id", "contact"), ("phone_id", "phone")] {
            if let reference = value(column) { return try owner(target, reference) }
        }
        return nil
    }

    private func exists(_ table: String, _ id: String) throws -> Bool {
        try db.scalarInt("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", id) == 1
    }

    /// The organization an existing (or already uploaded) row belongs to.
    private func owner(_ table: String, _ id: String, depth: Int = 0) throws -> String? {
        if let known = uploaded[table + ":" + id] { return known }
        guard depth < 6, !OrganizationBundle.vocabularyTables.contains(table),
              let record = try TableColumns.load(table, where: "id = ?", [id], in: db).first else { return nil }
        var row: [String: String] = [:]
        for column in record.columns { if let text = record.text(column) { row[column] = text } }
        return try derivedOwner(table, row)
    }
}

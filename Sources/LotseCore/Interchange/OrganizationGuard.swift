// OrganizationGuard: restricts an import to one organization's subtree (a provider editor's
// upload). A row is accepted only when it belongs to that organization (RecordOwnership) and,
// if it exists already, belonged to it before. Vocabularies may only be referenced.
import SQLite

/// Decides whether imported rows belong to one organization.
final class OrganizationGuard {
    /// The organization whose rows are accepted.
    let organizationID: String
    private var ownership: RecordOwnership

    /// A guard for `organizationID`'s rows on `db` (inside the import's transaction).
    init(organizationID: String, db: Database) {
        self.organizationID = organizationID
        ownership = RecordOwnership(db: db)
    }

    /// nil when the row may be imported; "" when it is an existing vocabulary row to leave
    /// alone; otherwise the German reason for rejecting it.
    func check(table: String, row: [String: String]) throws -> String? {
        let id = row["id"] ?? ""
        if RecordOwnership.sharedTables.contains(table) {
            if try ownership.exists(table: table, id: id) { return "" }
            return "\(table) \(id) ist unbekannt; Vokabulare und Sozialräume pflegt die Koordination"
        }
        if table == "organization" && id != organizationID {
            return "nur die eigene Organisation \(organizationID) darf hochgeladen werden, nicht \(id)"
        }
        if try ownership.exists(table: table, id: id), let previous = try ownership.owner(table: table, id: id), previous != organizationID {
            return "\(table) \(id) gehört zu einer anderen Organisation"
        }
        guard let owner = try ownership.owner(table: table, row: row) else {
            return "\(table) \(id) gehört zu keiner Organisation"
        }
        guard owner == organizationID else {
            return "\(table) \(id) gehört nicht zur Organisation \(organizationID)"
        }
        ownership.remember(table: table, id: id, organization: owner)
        return nil
    }
}

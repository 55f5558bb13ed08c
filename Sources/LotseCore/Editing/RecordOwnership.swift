// RecordOwnership: the one answer to "which organization owns this row" — for the editing
// pages' access checks and for a provider's upload (OrganizationGuard). A row belongs to an
// organization by its own organization_id or through the record it hangs on.
import SQLite

/// Resolves the organization that owns a directory row.
public struct RecordOwnership {
    /// The connection the rows are read from.
    let db: Database
    /// Owners of rows not (or not yet) stored, by "table:id" (an upload's earlier rows).
    private var known: [String: String] = [:]

    /// How far a chain of references is followed (phone → contact → service → organization).
    static let maximumDepth = 6

    /// Tables whose rows belong to no organization: the shared vocabularies.
    public static let sharedTables = OrganizationBundle.vocabularyTables

    /// References through which a row belongs to the organization of the row it hangs on, in
    /// the order they are tried when the row has no organization_id of its own.
    static let parentReferences = [("service_id", "service"), ("location_id", "location"), ("service_at_location_id", "service_at_location"),
                                   ("contact_id", "contact"), ("phone_id", "phone")]

    /// A resolver on `db`.
    public init(db: Database) {
        self.db = db
    }

    /// Notes that row `id` of `table` (not stored yet) belongs to `organization`.
    public mutating func remember(table: String, id: String, organization: String) {
        known[table + ":" + id] = organization
    }

    /// True when row `id` of `table` is stored.
    public func exists(table: String, id: String) throws -> Bool {
        try db.scalarInt("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", id) == 1
    }

    /// The organization that owns the stored (or remembered) row `id` of `table`; nil when
    /// there is no such row, it belongs to no organization, or `table` is a shared vocabulary.
    public func owner(table: String, id: String) throws -> String? {
        try owner(table, id, depth: 0)
    }

    /// The organization a row belongs to by its own columns: the organization's own id,
    /// an attribute's linked record, its organization_id, or the record it hangs on.
    public func owner(table: String, row: [String: String]) throws -> String? {
        try derivedOwner(table, row, depth: 0)
    }

    private func owner(_ table: String, _ id: String, depth: Int) throws -> String? {
        if let remembered = known[table + ":" + id] { return remembered }
        guard depth < Self.maximumDepth, !Self.sharedTables.contains(table),
              let record = try TableColumns.load(table, where: "id = ?", [id], in: db).first else { return nil }
        var row: [String: String] = [:]
        for column in record.columns { if let text = record.text(column) { row[column] = text } }
        return try derivedOwner(table, row, depth: depth + 1)
    }

    private func derivedOwner(_ table: String, _ row: [String: String], depth: Int) throws -> String? {
        func value(_ column: String) -> String? { row[column].flatMap { $0.isEmpty ? nil : $0 } }
        switch table {
        case "organization": return value("id")
        case "cooperation": return value("organization_id")
        case "attribute":
            guard let entity = value("link_entity"), let link = value("link_id"), TableImporter.linkableEntities.contains(entity) else { return nil }
            return try owner(entity, link, depth: depth)
        default: break
        }
        if let organization = value("organization_id") { return organization }
        for (column, target) in Self.parentReferences {
            if let reference = value(column) { return try owner(target, reference, depth: depth) }
        }
        return nil
    }
}

// ChangeHistory: the field history (HSDS metadata rows) of a service or an organization with
// everything that belongs to it — a service's times, links, languages, places, contacts and
// other child rows; an organization's locations, addresses, contacts, phones and cooperations —
// including deleted rows, found through the history of the fields that pointed at them.
import Foundation
import SQLite

/// The change history of services and organizations.
public struct ChangeHistory {
    /// The store the history is read from.
    public let store: Store

    /// The history on `store`.
    public init(store: Store) {
        self.store = store
    }

    /// A record's history: its name, the metadata rows newest first, and the names behind the
    /// ids in the first `described` rows.
    public struct Entries: Sendable {
        /// The name of the service or organization (nil when it is gone).
        public let name: String?
        /// The metadata rows, newest first.
        public let records: [Record]
        /// Names behind the ids in the old and new values of the described rows.
        public let lookup: RecordLookup
    }

    /// Tables whose rows belong to a service through their `service_id`.
    public static let serviceChildTables = ["schedule", "language", "service_at_location", "contact", "phone", "service_capacity", "funding",
                                            "cost_option", "required_document", "service_area", "url"]

    /// The history of service `id`.
    public func service(_ id: String, described: Int = .max) throws -> Entries {
        try store.pool.read { db in
            try entries(name: try db.scalarString("SELECT name FROM service WHERE id = ?", id), ids: try Self.serviceScope(id, db: db),
                        described: described, db: db)
        }
    }

    /// The history of organization `id`.
    public func organization(_ id: String, described: Int = .max) throws -> Entries {
        try store.pool.read { db in
            try entries(name: try db.scalarString("SELECT name FROM organization WHERE id = ?", id), ids: try Self.organizationScope(id, db: db),
                        described: described, db: db)
        }
    }

    /// The ids whose history belongs to service `id`: the service, its child rows and linked
    /// terms, and rows whose history says they pointed at it.
    static func serviceScope(_ id: String, db: Database) throws -> Set<String> {
        var ids: Set<String> = [id]
        for table in serviceChildTables {
            ids.formUnion(try db.query("SELECT id FROM \(table) WHERE service_id = ?", id) { $0.string(0) })
        }
        ids.formUnion(try db.query("SELECT id FROM attribute WHERE link_entity = 'service' AND link_id = ?", id) { $0.string(0) })
        ids.formUnion(try referring(["service_id", "link_id"], to: [id], db: db))
        return ids
    }

    /// The ids whose history belongs to organization `id`: the organization, its locations
    /// (with addresses and features), contacts, phones and cooperations, also deleted ones.
    static func organizationScope(_ organization: String, db: Database) throws -> Set<String> {
        var ids: Set<String> = [organization]
        let locations = Set(try db.query("SELECT id FROM location WHERE organization_id = ?", organization) { $0.string(0) })
            .union(try referring(["organization_id"], to: [organization], db: db, table: "location"))
        ids.formUnion(locations)
        ids.formUnion(try db.query("SELECT id FROM cooperation WHERE organization_id = ?1 OR partner_id = ?1", organization) { $0.string(0) })
        let contacts = Set(try db.query("SELECT id FROM contact WHERE organization_id = ?", organization) { $0.string(0) })
            .union(try referring(["organization_id"], to: [organization], db: db, table: "contact"))
        ids.formUnion(contacts)
        ids.formUnion(try db.query("SELECT id FROM phone WHERE organization_id = ?", organization) { $0.string(0) })
        for location in locations {
            ids.formUnion(try db.query("SELECT id FROM address WHERE location_id = ?", location) { $0.string(0) })
            ids.formUnion(try db.query("SELECT id FROM attribute WHERE link_entity = 'location' AND link_id = ?", location) { $0.string(0) })
        }
        ids.formUnion(try referring(["location_id", "link_id"], to: locations, db: db))
        ids.formUnion(try referring(["contact_id"], to: contacts, db: db))
        ids.formUnion(try referring(["organization_id", "partner_id"], to: [organization], db: db, table: "cooperation"))
        return ids
    }

    /// Records (also deleted ones) whose history says they pointed at one of `targets`
    /// through one of `fields`; only rows of `table` when given.
    static func referring(_ fields: [String], to targets: Set<String>, db: Database, table: String? = nil) throws -> Set<String> {
        var found = Set<String>()
        for target in targets {
            for field in fields {
                found.formUnion(try db.query("""
                    SELECT resource_id FROM metadata WHERE field_name = ?1 AND (replacement_value = ?2 OR previous_value = ?2)
                      AND (?3 IS NULL OR resource_type = ?3)
                    """, field, target, table) { $0.string(0) })
            }
        }
        return found
    }

    private func entries(name: String?, ids: Set<String>, described: Int, db: Database) throws -> Entries {
        let records = try TableColumns.load("metadata", where: "resource_id IN (SELECT value FROM json_each(?))",
                                            [OrganizationCardSource.jsonArray(ids.sorted())], order: "last_action_date DESC, rowid DESC", in: db)
        var pairs: [(String, String)] = []
        for record in records.prefix(described) {
            let field = record.text("field_name") ?? ""
            pairs += [(field, record.text("previous_value") ?? ""), (field, record.text("replacement_value") ?? "")]
        }
        return Entries(name: name, records: records, lookup: try RecordLookup.read(values: pairs, db: db))
    }
}

// OrganizationCardSource: reads exactly what the cards of one organization need — its record,
// visible locations with addresses, visible phones and named contacts, web addresses — with a
// few prepared queries instead of a full HSDS tree, so that vCards of a large directory are
// quick. The selection mirrors DirectoryReader.organization (same rows, same order) and every
// visibility decision is Audience.canSee; a test holds the two readers to the same cards.
import SQLite

/// Builds the card-relevant organization node for one audience.
struct OrganizationCardSource {
    /// The connection, inside a read transaction.
    let db: Database
    /// Who the cards are for.
    let audience: Audience

    private static let organizationColumns = ["id", "name", "alternate_name", "description", "email", "website", "last_modified"]
    private static let locationColumns = ["id", "latitude", "longitude", "visibility"]
    private static let addressColumns = ["id", "address_1", "address_2", "city", "region", "state_province", "postal_code", "country", "address_type"]
    private static let phoneColumns = ["id", "number", "extension", "type", "visibility"]
    private static let contactColumns = ["id", "name", "title", "department", "email", "visibility"]

    /// The organization node with `phones`, `locations` (→ `addresses`, `phones`, `contacts`),
    /// `contacts` (→ `phones`) and `additional_websites`, as DirectoryReader would nest them.
    func organization(_ id: String) throws -> HSDSNode? {
        guard var node = try records("organization", Self.organizationColumns, "id = ?", id).first else { return nil }
        node.add("additional_websites", try records("url", ["id", "url"], "organization_id = ?", id))
        node.add("contacts", try contacts("organization_id = ? AND service_id IS NULL AND location_id IS NULL AND service_at_location_id IS NULL", id, owner: id))
        node.add("phones", try phones("organization_id = ? AND service_id IS NULL AND location_id IS NULL AND contact_id IS NULL AND service_at_location_id IS NULL", id, owner: id))
        var locations: [HSDSNode] = []
        for var locationNode in try records("location", Self.locationColumns, "organization_id = ?", id) where visible(locationNode.record, owner: id) {
            let location = locationNode.record
            locationNode.add("addresses", try records("address", Self.addressColumns, "location_id = ?", location.id))
            locationNode.add("contacts", try contacts("location_id = ?", location.id, owner: id))
            locationNode.add("phones", try phones("location_id = ?", location.id, owner: id))
            locations.append(locationNode)
        }
        node.add("locations", locations)
        return node
    }

    /// The card nodes of many organizations at once (the same nodes as `organization`, for
    /// the visible ones): one query per table for the whole batch instead of a dozen per
    /// organization, which is what makes a whole-directory vCard export quick.
    func organizations(_ ids: [String]) throws -> [String: HSDSNode] {
        guard !ids.isEmpty else { return [:] }
        let list = Self.jsonArray(ids)
        let urls = try grouped("url", ["id", "url"], by: "organization_id", in: list)
        let ownContacts = try grouped("contact", Self.contactColumns, by: "organization_id", in: list,
                                      also: "+service_id IS NULL AND +location_id IS NULL AND +service_at_location_id IS NULL")
        let ownPhones = try grouped("phone", Self.phoneColumns, by: "organization_id", in: list,
                                    also: "+service_id IS NULL AND +location_id IS NULL AND +contact_id IS NULL AND +service_at_location_id IS NULL")
        let locations = try grouped("location", Self.locationColumns, by: "organization_id", in: list)
        let visibleLocations = ids.flatMap { owner in (locations[owner] ?? []).filter { visible($0.record, owner: owner) }.map(\.record.id) }
        let locationList = Self.jsonArray(visibleLocations)
        let addresses = try grouped("address", Self.addressColumns, by: "location_id", in: locationList)
        let locationContacts = try grouped("contact", Self.contactColumns, by: "location_id", in: locationList)
        let locationPhones = try grouped("phone", Self.phoneColumns, by: "location_id", in: locationList)
        let contactIDs = (Array(ownContacts.values.joined()) + Array(locationContacts.values.joined())).map(\.record.id)
        let contactPhones = try grouped("phone", Self.phoneColumns, by: "contact_id", in: Self.jsonArray(contactIDs))

        func phones(_ nodes: [HSDSNode]?, owner: String) -> [HSDSNode] {
            (nodes ?? []).filter { visible($0.record, owner: owner) }
        }
        func contacts(_ nodes: [HSDSNode]?, owner: String) -> [HSDSNode] {
            (nodes ?? []).filter { visible($0.record, owner: owner) }.map { contact in
                var node = contact
                node.add("phones", phones(contactPhones[contact.record.id], owner: owner))
                return node
            }
        }
        var result: [String: HSDSNode] = [:]
        let statement = try db.cached(Self.batchSQL("organization", Self.organizationColumns, key: "id"))
        try statement.forEach([list]) { row in
            var node = HSDSNode(Record(table: "organization", columns: Self.organizationColumns,
                                       values: (1...Self.organizationColumns.count).map { row.value($0) }))
            let id = node.record.id
            node.add("additional_websites", urls[id] ?? [])
            node.add("contacts", contacts(ownContacts[id], owner: id))
            node.add("phones", phones(ownPhones[id], owner: id))
            node.add("locations", (locations[id] ?? []).filter { visible($0.record, owner: id) }.map { location in
                var node = location
                let locationID = location.record.id
                node.add("addresses", addresses[locationID] ?? [])
                node.add("contacts", contacts(locationContacts[locationID], owner: id))
                node.add("phones", phones(locationPhones[locationID], owner: id))
                return node
            })
            result[id] = node
        }
        return result
    }

    /// Rows of `table` whose `key` column is in the JSON array `list` (and that meet `also`,
    /// whose columns are written `+column` so that the planner keeps to the key's index),
    /// grouped by that column, each group in rowid order.
    private func grouped(_ table: String, _ columns: [String], by key: String, in list: String,
                         also condition: String? = nil) throws -> [String: [HSDSNode]] {
        var groups: [String: [HSDSNode]] = [:]
        let statement = try db.cached(Self.batchSQL(table, columns, key: key, also: condition))
        try statement.forEach([list]) { row in
            let record = Record(table: table, columns: columns, values: (1...columns.count).map { row.value($0) })
            groups[row.string(0), default: []].append(HSDSNode(record))
        }
        return groups
    }

    /// `SELECT key, columns… FROM table WHERE key IN (the JSON array ?1) [AND also] ORDER BY rowid`.
    private static func batchSQL(_ table: String, _ columns: [String], key: String, also condition: String? = nil) -> String {
        "SELECT \(key), \(columns.joined(separator: ", ")) FROM \(table) WHERE \(key) IN (SELECT value FROM json_each(?1))"
            + (condition.map { " AND \($0)" } ?? "") + " ORDER BY rowid"
    }

    /// A JSON array of strings, for `json_each`.
    static func jsonArray(_ items: [String]) -> String {
        var writer = JSONWriter(capacity: items.count * 40 + 2)
        writer.beginArray()
        for item in items { writer.string(item) }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func visible(_ record: Record, owner: String) -> Bool {
        let visibility = Visibility(rawValue: record.text("visibility") ?? "public") ?? .internal
        return audience.canSee(visibility, owner: owner)
    }

    private func phones(_ condition: String, _ value: String, owner: String) throws -> [HSDSNode] {
        try records("phone", Self.phoneColumns, condition, value).filter { visible($0.record, owner: owner) }
    }

    private func contacts(_ condition: String, _ value: String, owner: String) throws -> [HSDSNode] {
        try records("contact", Self.contactColumns, condition, value).filter { visible($0.record, owner: owner) }.map { contact in
            var node = contact
            node.add("phones", try phones("contact_id = ?", contact.record.id, owner: owner))
            return node
        }
    }

    private func records(_ table: String, _ columns: [String], _ condition: String, _ value: String) throws -> [HSDSNode] {
        let statement = try db.cached("SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(condition) ORDER BY rowid")
        return try statement.map([value]) { row in
            HSDSNode(Record(table: table, columns: columns, values: (0..<columns.count).map { row.value($0) }))
        }
    }
}

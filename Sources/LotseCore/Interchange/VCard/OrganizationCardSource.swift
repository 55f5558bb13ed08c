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

// DirectoryEditing+Records: the stored records an editing form starts from — a service with its
// links, a location with its address and features, a contact with its phone, an organization,
// a service's counted places and its opening hours.
import Foundation
import SQLite

extension DirectoryEditing {
    /// A service and the rows its form edits.
    public struct ServiceRecords: Sendable {
        /// The service (nil when there is none).
        public var service: Record?
        /// Its term links (needs, target groups, legal bases).
        public var attributes: [Record] = []
        /// Its languages.
        public var languages: [Record] = []
        /// Its places (service_at_location).
        public var placements: [Record] = []
        /// Needs linked to it that are retired (no longer offered, but they stay linked).
        public var retiredNeeds = 0

        /// No service: the start of a new one.
        public init() {}
    }

    /// Service `id` with its links; an empty value when there is none.
    public func service(_ id: String) throws -> ServiceRecords {
        try store.pool.read { db in
            var records = ServiceRecords()
            guard let service = try TableColumns.load("service", where: "id = ?", [id], in: db).first else { return records }
            records.service = service
            records.attributes = try TableColumns.load("attribute", where: "link_entity = 'service' AND link_id = ?", [id], in: db)
            records.languages = try TableColumns.load("language", where: "service_id = ?", [id], in: db)
            records.placements = try TableColumns.load("service_at_location", where: "service_id = ?", [id], in: db)
            records.retiredNeeds = try db.scalarInt("""
                SELECT count(*) FROM attribute a JOIN taxonomy_term tt ON tt.id = a.taxonomy_term_id JOIN taxonomy t ON t.id = tt.taxonomy_id
                WHERE a.link_entity = 'service' AND a.link_id = ? AND t.code = ? AND tt.retired_at IS NOT NULL
                """, id, TaxonomyCode.need.rawValue) ?? 0
            return records
        }
    }

    /// A location and the rows its form edits.
    public struct LocationRecords: Sendable {
        /// The location (nil when there is none).
        public var location: Record?
        /// Its addresses (the form edits the first).
        public var addresses: [Record] = []
        /// Its accessibility features (term links).
        public var attributes: [Record] = []

        /// No location: the start of a new one.
        public init() {}
    }

    /// Location `id` with its addresses and features; an empty value when there is none.
    public func location(_ id: String) throws -> LocationRecords {
        try store.pool.read { db in
            var records = LocationRecords()
            guard let location = try TableColumns.load("location", where: "id = ?", [id], in: db).first else { return records }
            records.location = location
            records.addresses = try TableColumns.load("address", where: "location_id = ?", [id], in: db)
            records.attributes = try TableColumns.load("attribute", where: "link_entity = 'location' AND link_id = ?", [id], in: db)
            return records
        }
    }

    /// A contact and its phones; nil contact when there is none.
    public func contact(_ id: String) throws -> (contact: Record?, phones: [Record]) {
        try store.pool.read { db in
            guard let contact = try TableColumns.load("contact", where: "id = ?", [id], in: db).first else { return (nil, []) }
            return (contact, try TableColumns.load("phone", where: "contact_id = ?", [id], in: db))
        }
    }

    /// Organization `id`, if there is one.
    public func organization(_ id: String) throws -> Record? {
        try store.pool.read { try TableColumns.load("organization", where: "id = ?", [id], in: $0).first }
    }

    /// One counted kind of place of a service with the name of its unit.
    public struct CapacityCount: Sendable {
        /// The service_capacity row.
        public let record: Record
        /// The name of its unit, if known.
        public let unitName: String?
    }

    /// A service (nil when there is none) and its counted places, in stored order.
    public func capacity(serviceID: String) throws -> (service: Record?, counts: [CapacityCount]) {
        try store.pool.read { db in
            let service = try TableColumns.load("service", where: "id = ?", [serviceID], in: db).first
            let counts = try TableColumns.load("service_capacity", where: "service_id = ?", [serviceID], in: db).map { row in
                CapacityCount(record: row, unitName: try row.text("unit_id").flatMap { try db.scalarString("SELECT name FROM unit WHERE id = ?", $0) })
            }
            return (service, counts)
        }
    }

    /// A service's own schedules, by opening time when `byOpeningTime`, else as stored.
    public func schedules(serviceID: String, byOpeningTime: Bool = true) throws -> [Record] {
        try store.pool.read { try TableColumns.load("schedule", where: "service_id = ?", [serviceID], order: byOpeningTime ? "opens_at, rowid" : "rowid", in: $0) }
    }
}

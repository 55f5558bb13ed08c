// DirectoryEditing+Dashboard: what the editing dashboard (`/pflege`) shows — the organizations
// to choose from, and per organization its services, locations, contacts, changes waiting for
// review or returned, and open correction suggestions.
import Foundation
import SQLite

extension DirectoryEditing {
    /// One organization in the coordinators' list.
    public struct OrganizationEntry: Sendable, Equatable {
        public let id: String
        public let name: String
        public let membership: MembershipStatus?
        /// The stored membership status (for an unknown value).
        public let membershipCode: String
    }

    /// Every organization, by name.
    public func organizations() throws -> [OrganizationEntry] {
        try store.pool.read { db in
            try db.query("SELECT id, name, membership_status FROM organization ORDER BY name, id") {
                OrganizationEntry(id: $0.string(0), name: $0.string(1), membership: MembershipStatus(rawValue: $0.string(2)), membershipCode: $0.string(2))
            }
        }
    }

    /// `ids` ordered by the organizations' names (unknown ones by id).
    public func sortedByName(_ ids: some Collection<String>) throws -> [String] {
        try store.pool.read { db in
            let names = try Dictionary(ids.map { ($0, try db.scalarString("SELECT name FROM organization WHERE id = ?", $0) ?? $0) },
                                       uniquingKeysWith: { first, _ in first })
            return names.keys.sorted { names[$0]! == names[$1]! ? $0 < $1 : names[$0]! < names[$1]! }
        }
    }

    /// A location with its first address.
    public struct LocationEntry: Sendable {
        public let location: Record
        public let address: Record?
    }

    /// One organization on the dashboard.
    public struct Overview: Sendable {
        public let organization: Record
        /// Its services, by name.
        public let services: [Record]
        /// Its locations, by name.
        public let locations: [LocationEntry]
        /// Its contacts and those of its services and locations, by name.
        public let contacts: [Record]
        /// Changes waiting for review, oldest first.
        public let pending: [ChangeRequest]
        /// The last returned changes (up to five of the last twenty), newest first.
        public let returned: [ChangeRequest]
        /// Open correction suggestions, newest first.
        public let corrections: [Corrections.Suggestion]
        /// What the diffs of `pending` and `returned` need.
        public let lookup: RecordLookup
    }

    /// The dashboard of organization `id`; 404 when there is none.
    public func overview(organization id: String) throws -> Overview {
        try store.pool.read { db in
            guard let organization = try TableColumns.load("organization", where: "id = ?", [id], in: db).first else {
                throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
            }
            let queue = ReviewQueue(db: db)
            let pending = try queue.pending(organization: id)
            let returned = Array(try queue.history(organization: id, limit: 20).filter { $0.status == .returned }.prefix(5))
            let locations = try TableColumns.load("location", where: "organization_id = ?", [id], order: "name, id", in: db).map {
                LocationEntry(location: $0, address: try TableColumns.load("address", where: "location_id = ?", [$0.id], in: db).first)
            }
            let contacts = try TableColumns.load("contact", where: """
                organization_id = ?1 OR service_id IN (SELECT id FROM service WHERE organization_id = ?1)
                OR location_id IN (SELECT id FROM location WHERE organization_id = ?1)
                """, [id], order: "name, id", in: db)
            return Overview(organization: organization,
                            services: try TableColumns.load("service", where: "organization_id = ?", [id], order: "name, id", in: db),
                            locations: locations, contacts: contacts, pending: pending, returned: returned,
                            corrections: try Corrections(db: db).list(organization: id, status: .open),
                            lookup: try RecordLookup.read(rows: (pending + returned).flatMap(\.rows), db: db))
        }
    }
}

// DirectoryReader: reads services, organizations, locations and taxonomies as HSDS-shaped
// trees for one Audience. Everything a viewer must not see — unlisted entries, confidential
// locations, contacts and phones — is left out here, so pages, the API and exports all share
// the same rules.
import Foundation
import SQLite

/// Reads the directory for one audience inside a read transaction.
public struct DirectoryReader {
    /// The connection (inside a read transaction).
    public let db: Database
    /// Who is looking.
    public let audience: Audience
    /// Berlin date for staleness.
    public let today: String

    /// How much of a record to nest.
    public enum Detail: Sendable {
        /// The HSDS list form: the record with its organization (and program).
        case list
        /// Everything HSDS nests.
        case full
    }

    /// Creates a reader.
    public init(db: Database, audience: Audience, now: Date = Date()) {
        self.db = db
        self.audience = audience
        self.today = BerlinTime(now).dateString
    }

    private func records(_ table: String, _ condition: String, _ values: SQLBindable?..., order: String = "rowid") throws -> [Record] {
        try TableColumns.load(table, where: condition, values, order: order, in: db)
    }

    // MARK: Listing rules

    /// True when the organization appears in the public directory.
    public static func isListed(organization: Record) -> Bool {
        organization.text("membership_status") == MembershipStatus.member.rawValue && organization["hidden"] != .integer(1)
    }

    /// True when the service (of a listed organization) appears in the public directory.
    public static func isListed(service: Record, organization: Record) -> Bool {
        let status = ServiceStatus(rawValue: service.text("status") ?? "") ?? .inactive
        return status.isListed && service["hidden"] != .integer(1) && isListed(organization: organization)
    }

    /// True when the entry is past its review date.
    public func isStale(_ record: Record, fallback: Record? = nil) -> Bool {
        guard let due = record.text("next_review_due") ?? fallback?.text("next_review_due") else { return false }
        return due < today
    }

    private func visible(_ record: Record, owner: String?) -> Bool {
        let visibility = Visibility(rawValue: record.text("visibility") ?? "public") ?? .internal
        return audience.canSee(visibility, owner: owner)
    }

    // MARK: Services

    /// The service with `id`, or nil when it does not exist or this audience may not see it.
    public func service(_ id: String, detail: Detail = .full) throws -> HSDSNode? {
        guard let service = try records("service", "id = ?", id).first,
              let organization = try records("organization", "id = ?", service.text("organization_id")).first else { return nil }
        guard Self.isListed(service: service, organization: organization) || audience.canSeeUnlisted(owner: organization.id) else { return nil }
        return try serviceNode(service, organization: organization, detail: detail)
    }

    /// Builds the node of a service already known to be visible.
    public func serviceNode(_ service: Record, organization: Record, detail: Detail) throws -> HSDSNode {
        var node = HSDSNode(service)
        let owner = organization.id
        if detail == .full {
            node.add("phones", try phones("service_id = ?", service.id, owner: owner))
            node.add("schedules", try records("schedule", "service_id = ?", service.id).map(HSDSNode.init))
            node.add("service_areas", try serviceAreas("service_id = ?", service.id))
            var placements: [HSDSNode] = []
            for placement in try records("service_at_location", "service_id = ?", service.id) {
                guard let location = try records("location", "id = ?", placement.text("location_id")).first,
                      visible(location, owner: location.text("organization_id") ?? owner) else { continue }
                placements.append(try serviceAtLocationNode(placement, location: location, owner: owner))
            }
            node.add("service_at_locations", placements)
            node.add("languages", try records("language", "service_id = ?", service.id).map(HSDSNode.init))
        }
        node.add("organization", single: HSDSNode(organization))
        if detail == .full {
            node.add("funding", try records("funding", "service_id = ?", service.id).map(HSDSNode.init))
            node.add("cost_options", try records("cost_option", "service_id = ?", service.id).map(HSDSNode.init))
        }
        if let programID = service.text("program_id") {
            node.add("program", single: try records("program", "id = ?", programID).first.map(HSDSNode.init))
        }
        if detail == .full {
            node.add("required_documents", try records("required_document", "service_id = ?", service.id).map(HSDSNode.init))
            node.add("contacts", try contacts("service_id = ?", service.id, owner: owner))
            node.add("capacities", try records("service_capacity", "service_id = ?", service.id).map { capacity in
                var capacityNode = HSDSNode(capacity)
                capacityNode.add("unit", single: try records("unit", "id = ?", capacity.text("unit_id")).first.map(HSDSNode.init))
                return capacityNode
            })
            node.add("additional_urls", try records("url", "service_id = ?", service.id).map(HSDSNode.init))
            node.add("attributes", try attributes(entity: "service", id: service.id))
        }
        return node
    }

    private func serviceAtLocationNode(_ placement: Record, location: Record, owner: String) throws -> HSDSNode {
        var node = HSDSNode(placement)
        node.add("service_areas", try serviceAreas("service_at_location_id = ?", placement.id))
        node.add("contacts", try contacts("service_at_location_id = ?", placement.id, owner: owner))
        node.add("phones", try phones("service_at_location_id = ?", placement.id, owner: owner))
        node.add("schedules", try records("schedule", "service_at_location_id = ?", placement.id).map(HSDSNode.init))
        node.add("location", single: try locationNode(location, owner: location.text("organization_id") ?? owner))
        return node
    }

    // MARK: Locations

    /// The location with `id`, or nil when missing or not visible to this audience.
    public func location(_ id: String) throws -> HSDSNode? {
        guard let location = try records("location", "id = ?", id).first else { return nil }
        let owner = location.text("organization_id")
        if let owner, let organization = try records("organization", "id = ?", owner).first,
           !Self.isListed(organization: organization) && !audience.canSeeUnlisted(owner: owner) { return nil }
        guard visible(location, owner: owner) else { return nil }
        return try locationNode(location, owner: owner)
    }

    /// Builds the node of a visible location.
    public func locationNode(_ location: Record, owner: String?) throws -> HSDSNode {
        var node = HSDSNode(location)
        node.add("languages", try records("language", "location_id = ?", location.id).map(HSDSNode.init))
        node.add("addresses", try records("address", "location_id = ?", location.id).map(HSDSNode.init))
        node.add("contacts", try contacts("location_id = ?", location.id, owner: owner))
        node.add("accessibility", try records("accessibility", "location_id = ?", location.id).map(HSDSNode.init))
        node.add("phones", try phones("location_id = ?", location.id, owner: owner))
        node.add("schedules", try records("schedule", "location_id = ?", location.id).map(HSDSNode.init))
        node.add("attributes", try attributes(entity: "location", id: location.id))
        if let area = location.text("sozialraum_id") {
            node.add("sozialraum", single: try records("sozialraum", "id = ?", area).first.map(HSDSNode.init))
        }
        return node
    }

    // MARK: Organizations

    /// The organization with `id`, or nil when missing or not visible. `full` nests its
    /// locations, contacts, phones, programs, identifiers, cooperations and (as list nodes)
    /// its visible services.
    public func organization(_ id: String, detail: Detail = .full) throws -> HSDSNode? {
        guard let organization = try records("organization", "id = ?", id).first,
              Self.isListed(organization: organization) || audience.canSeeUnlisted(owner: organization.id) else { return nil }
        var node = HSDSNode(organization)
        guard detail == .full else { return node }
        node.add("additional_websites", try records("url", "organization_id = ?", id).map(HSDSNode.init))
        node.add("funding", try records("funding", "organization_id = ? AND service_id IS NULL", id).map(HSDSNode.init))
        node.add("contacts", try contacts("organization_id = ? AND service_id IS NULL AND location_id IS NULL AND service_at_location_id IS NULL", id, owner: id))
        node.add("phones", try phones("organization_id = ? AND service_id IS NULL AND location_id IS NULL AND contact_id IS NULL AND service_at_location_id IS NULL", id, owner: id))
        node.add("locations", try records("location", "organization_id = ?", id).filter { visible($0, owner: id) }.map { try locationNode($0, owner: id) })
        node.add("programs", try records("program", "organization_id = ?", id).map(HSDSNode.init))
        node.add("organization_identifiers", try records("organization_identifier", "organization_id = ?", id).map(HSDSNode.init))
        node.add("attributes", try attributes(entity: "organization", id: id))
        node.add("cooperations", try cooperations(id))
        node.add("services", try records("service", "organization_id = ?", id, order: "name, id").compactMap { service in
            guard Self.isListed(service: service, organization: organization) || audience.canSeeUnlisted(owner: id) else { return nil }
            return HSDSNode(service)
        })
        return node
    }

    /// The organization's cooperations, in both directions, each with the partner as a
    /// nested `partner` organization (listed partners only, unless the audience may see more).
    public func cooperations(_ id: String) throws -> [HSDSNode] {
        try records("cooperation", "organization_id = ?1 OR partner_id = ?1", id, order: "topic, id").compactMap { cooperation in
            let partnerID = cooperation.text("organization_id") == id ? cooperation.text("partner_id") : cooperation.text("organization_id")
            guard let partner = try records("organization", "id = ?", partnerID).first,
                  Self.isListed(organization: partner) || audience.canSeeUnlisted(owner: partner.id) else { return nil }
            var node = HSDSNode(cooperation)
            node.add("partner", single: HSDSNode(partner))
            if let area = cooperation.text("sozialraum_id") {
                node.add("sozialraum", single: try records("sozialraum", "id = ?", area).first.map(HSDSNode.init))
            }
            return node
        }
    }

    // MARK: Taxonomies

    /// A taxonomy.
    public func taxonomy(_ id: String) throws -> HSDSNode? {
        try records("taxonomy", "id = ?", id).first.map(HSDSNode.init)
    }

    /// A taxonomy term with its taxonomy as `taxonomy_detail`.
    public func taxonomyTerm(_ id: String) throws -> HSDSNode? {
        guard let term = try records("taxonomy_term", "id = ?", id).first else { return nil }
        return try termNode(term)
    }

    /// Builds a term node with `taxonomy_detail`.
    public func termNode(_ term: Record) throws -> HSDSNode {
        var node = HSDSNode(term)
        if let taxonomyID = term.text("taxonomy_id") {
            node.add("taxonomy_detail", single: try records("taxonomy", "id = ?", taxonomyID).first.map(HSDSNode.init))
        }
        return node
    }

    // MARK: Shared parts

    private func phones(_ condition: String, _ value: String, owner: String?) throws -> [HSDSNode] {
        try records("phone", condition, value).filter { visible($0, owner: owner) }.map { phone in
            var node = HSDSNode(phone)
            node.add("languages", try records("language", "phone_id = ?", phone.id).map(HSDSNode.init))
            return node
        }
    }

    private func contacts(_ condition: String, _ value: String, owner: String?) throws -> [HSDSNode] {
        try records("contact", condition, value).filter { visible($0, owner: owner) }.map { contact in
            var node = HSDSNode(contact)
            node.add("phones", try phones("contact_id = ?", contact.id, owner: owner))
            return node
        }
    }

    private func serviceAreas(_ condition: String, _ value: String) throws -> [HSDSNode] {
        try records("service_area", condition, value).map { area in
            var node = HSDSNode(area)
            if let areaID = area.text("sozialraum_id") {
                node.add("sozialraum", single: try records("sozialraum", "id = ?", areaID).first.map(HSDSNode.init))
            }
            return node
        }
    }

    private func attributes(entity: String, id: String) throws -> [HSDSNode] {
        try records("attribute", "link_entity = ? AND link_id = ?", entity, id).map { attribute in
            var node = HSDSNode(attribute)
            if let term = try records("taxonomy_term", "id = ?", attribute.text("taxonomy_term_id")).first {
                node.add("taxonomy_term", single: try termNode(term))
            }
            return node
        }
    }
}

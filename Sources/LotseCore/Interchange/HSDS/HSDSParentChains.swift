// HSDSParentChains: makes each exported HSDS service self-contained for import into an empty
// database, with DE profile additions that HSDS allows as extra properties:
// - a nested sozialraum, taxonomy_term or organization carries its ancestors as `parent` →
//   `parent` …, instead of a bare parent_id that an importer would have to drop;
// - a location or program of another organization carries that organization as `organization`;
// - a reference to a placement, contact or phone the audience may not see, or to an
//   organization outside the export (not visible to the audience, or not
//   selected) is emptied, so that nothing unlisted is named.
import SQLite

/// Adds ancestor chains and foreign owners to the nodes of exported services.
struct HSDSParentChains {
    /// The connection, inside the export's read transaction.
    let db: Database
    /// Organizations that are part of the export.
    let planned: Set<String>
    /// Who the export is for.
    let audience: Audience
    private var cache: [String: Record] = [:]

    /// Creates the helper for one export.
    init(db: Database, planned: Set<String>, audience: Audience) {
        self.db = db
        self.planned = planned
        self.audience = audience
    }

    /// The tables whose nodes get a `parent` chain.
    static let tables: Set<String> = ["sozialraum", "taxonomy_term", "organization"]

    /// Prepares the tree of a service.
    mutating func attach(to service: inout HSDSNode) throws {
        var present: [String: Set<String>] = [:]
        Self.collect(service, into: &present)
        try clearHidden(&service, present: present, owner: service.record.text("organization_id"))
        try prepare(&service, owner: service.record.text("organization_id"))
    }

    private static func collect(_ node: HSDSNode, into present: inout [String: Set<String>]) {
        present[node.record.table, default: []].insert(node.record.id)
        for child in node.children { for nested in child.nodes { collect(nested, into: &present) } }
    }

    /// Empties references to placements, contacts and phones that the audience may not see.
    /// (Visible ones missing from this tree belong to another service's line; the importer
    /// links them when that line arrives.)
    private mutating func clearHidden(_ node: inout HSDSNode, present: [String: Set<String>], owner: String?) throws {
        for (column, target) in OrganizationBundle.innerReferences {
            guard let index = node.record.columns.firstIndex(of: column), case .text(let id) = node.record.values[index],
                  present[target]?.contains(id) != true, try !isVisible(target, id, owner: owner) else { continue }
            node.record.values[index] = .null
        }
        for index in node.children.indices {
            for nested in node.children[index].nodes.indices { try clearHidden(&node.children[index].nodes[nested], present: present, owner: owner) }
        }
    }

    /// Whether the audience may see a placement (its service listed, its location visible), a
    /// contact or a phone, by the rules of DirectoryReader and Audience.
    private mutating func isVisible(_ table: String, _ id: String, owner treeOwner: String?) throws -> Bool {
        func visible(_ record: Record, owner: String?) -> Bool {
            audience.canSee(Visibility(rawValue: record.text("visibility") ?? "public") ?? .internal, owner: owner)
        }
        switch table {
        case "service_at_location":
            guard let placement = try record("service_at_location", id),
                  let service = try record("service", placement.text("service_id") ?? ""),
                  let owner = service.text("organization_id"), let organization = try record("organization", owner),
                  DirectoryReader.isListed(service: service, organization: organization) || audience.canSeeUnlisted(owner: owner),
                  let location = try record("location", placement.text("location_id") ?? "") else { return false }
            return visible(location, owner: location.text("organization_id") ?? owner)
        case "contact", "phone":
            guard let row = try record(table, id) else { return false }
            return visible(row, owner: row.text("organization_id") ?? treeOwner)
        default:
            return false
        }
    }

    private mutating func prepare(_ node: inout HSDSNode, owner: String?) throws {
        for index in node.children.indices where node.children[index].name != "parent" {
            for nested in node.children[index].nodes.indices {
                try prepare(&node.children[index].nodes[nested], owner: owner)
            }
        }
        let table = node.record.table
        if table == "organization" { clearUnplanned(&node, "parent_organization_id") }
        if (table == "location" || table == "program"), let foreign = node.record.text("organization_id"), foreign != owner {
            if planned.contains(foreign), node.node("organization") == nil, let record = try record("organization", foreign) {
                var organization = HSDSNode(record)
                try prepare(&organization, owner: foreign)
                node.add("organization", single: organization)
            } else if table == "location" {
                clearUnplanned(&node, "organization_id")
            }
        }
        if Self.tables.contains(table), node.node("parent") == nil,
           let parent = try chain(table, node.record.text(table == "organization" ? "parent_organization_id" : "parent_id"), depth: 0) {
            node.add("parent", single: parent)
        }
    }

    private func clearUnplanned(_ node: inout HSDSNode, _ column: String) {
        guard let index = node.record.columns.firstIndex(of: column), case .text(let id) = node.record.values[index],
              !planned.contains(id) else { return }
        node.record.values[index] = .null
    }

    private mutating func chain(_ table: String, _ id: String?, depth: Int) throws -> HSDSNode? {
        guard let id, depth < 16, let record = try record(table, id) else { return nil }
        var node = HSDSNode(record)
        if table == "organization" { clearUnplanned(&node, "parent_organization_id") }
        if let parent = try chain(table, node.record.text(table == "organization" ? "parent_organization_id" : "parent_id"), depth: depth + 1) {
            node.add("parent", single: parent)
        }
        return node
    }

    private mutating func record(_ table: String, _ id: String) throws -> Record? {
        let key = table + ":" + id
        if let known = cache[key] { return known }
        guard let found = try TableColumns.load(table, where: "id = ?", [id], in: db).first else { return nil }
        if HSDSParentChains.tables.contains(table) && cache.count < 10_000 { cache[key] = found }
        return found
    }
}

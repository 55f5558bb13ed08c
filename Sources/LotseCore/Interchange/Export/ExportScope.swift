// ExportScope: what an export contains — the whole directory, a search result or one
// organization — and for whom (an Audience; public by default). ExportPlan resolves it into
// organizations and their services in a stable order, reading listing rules from
// DirectoryReader and search filters from the search index.
import Foundation
import SQLite

/// What to export and for whom.
public struct ExportScope: Sendable {
    /// Which entries.
    public enum Selection: Sendable {
        /// Every entry the audience may see.
        case all
        /// The services matching a search (text and filters; paging is ignored) and their
        /// organizations.
        case search(SearchQuery)
        /// One organization with all its visible services.
        case organization(String)
    }

    /// Which entries.
    public var selection: Selection
    /// Who the export is for; decides which locations, contacts and phones appear.
    public var audience: Audience

    /// Creates a scope (default: everything, public).
    public init(_ selection: Selection = .all, audience: Audience = .public) {
        self.selection = selection
        self.audience = audience
    }
}

/// The organizations and services of an export, in output order: organizations in the order
/// they were entered (rowid), each with its selected services in the same order; that order
/// keeps each organization's rows close together on disk, which makes reading whole trees of a
/// large directory much faster than an order that jumps across the file. HSDS JSON uses id
/// order instead (see `Order`). Either order survives an export → import → export round trip.
public struct ExportPlan: Sendable {
    /// Organizations with their selected services.
    public let organizations: [(id: String, services: [String])]
    /// Ids of all planned organizations (for references between them).
    public let organizationIDs: Set<String>

    /// The number of selected services.
    public var serviceCount: Int { organizations.reduce(0) { $0 + $1.services.count } }

    /// The order of organizations and of services within them.
    public enum Order: Sendable {
        /// As entered (rowid): fast, and kept by imports that create rows in file order.
        case entry
        /// By id: kept by any import, also one that creates an organization when it first meets
        /// it nested in another object (HSDS JSON).
        case id
    }

    /// Resolves `scope` with `reader` (whose audience must be the scope's). Throws notFound for
    /// an organization the audience may not see.
    /// Without `withServices` (only for the whole directory or one organization) the service
    /// lists stay empty and the service table is not read: vCards need only the organizations.
    public static func make(_ scope: ExportScope, reader: DirectoryReader, order: Order = .entry,
                            withServices: Bool = true) throws -> ExportPlan {
        let sort = order == .entry ? "rowid" : "id"
        let db = reader.db
        var selected: Set<String>?
        var onlyOrganization: String?
        switch scope.selection {
        case .all: break
        case .search(var query):
            query.offset = 0
            query.limit = Int.max / 2
            selected = Set(try SearchIndex.current(db).search(query).serviceIDs)
        case .organization(let id):
            onlyOrganization = id
        }
        let organizationColumns = ["id", "name", "membership_status", "hidden"]
        var organizations: [Record] = []
        let organizationSQL = "SELECT id, name, membership_status, hidden FROM organization"
            + (onlyOrganization == nil ? " ORDER BY \(sort)" : " WHERE id = ?")
        try db.prepare(organizationSQL).forEach(onlyOrganization.map { [$0] } ?? []) { row in
            let record = Record(table: "organization", columns: organizationColumns, values: (0..<4).map { row.value($0) })
            if DirectoryReader.isListed(organization: record) || scope.audience.canSeeUnlisted(owner: record.id) {
                organizations.append(record)
            }
        }
        if let onlyOrganization, organizations.isEmpty {
            throw LotseError(.notFound, "Organisation \(onlyOrganization) gibt es nicht")
        }
        let byID = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0) })
        var services: [String: [String]] = [:]
        let serviceColumns = ["id", "organization_id", "status", "hidden"]
        let serviceSQL = "SELECT id, organization_id, status, hidden FROM service"
            + (onlyOrganization == nil ? "" : " WHERE organization_id = ?") + " ORDER BY \(sort)"
        if !withServices && selected == nil {
            return ExportPlan(organizations: organizations.map { ($0.id, []) }, organizationIDs: Set(organizations.map(\.id)))
        }
        try db.prepare(serviceSQL).forEach(onlyOrganization.map { [$0] } ?? []) { row in
            let record = Record(table: "service", columns: serviceColumns, values: (0..<4).map { row.value($0) })
            guard let owner = record.text("organization_id"), let organization = byID[owner] else { return }
            if let selected, !selected.contains(record.id) { return }
            guard DirectoryReader.isListed(service: record, organization: organization)
                    || scope.audience.canSeeUnlisted(owner: owner) else { return }
            services[owner, default: []].append(record.id)
        }
        let planned = organizations.compactMap { organization -> (String, [String])? in
            let list = services[organization.id] ?? []
            if selected != nil && list.isEmpty { return nil }
            return (organization.id, list)
        }
        return ExportPlan(organizations: planned, organizationIDs: Set(planned.map(\.0)))
    }
}

// OrganizationsAPI: `GET /api/organizations` and `/api/organizations/{id}` (HSDS 3.1): listed
// member organizations, searchable by folded name and description (DirectoryReader+API).
import Foundation
import HTTP
import LotseCore

/// The organizations endpoints.
enum OrganizationsAPI {
    static let parameters: Set<String> = [
        "search", "full_service", "full", "taxonomy_term_id", "taxonomy_id", "page", "per_page", "format",
    ]

    /// `GET /api/organizations`.
    static func list(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: Self.parameters)
        let full = try parameters.bool("full") || parameters.bool("full_service")
        let fullServices = try parameters.bool("full_service")
        let (page, perPage) = try parameters.paging()
        let search = parameters.string("search") ?? ""
        let termID = parameters.string("taxonomy_term_id"), taxonomyID = parameters.string("taxonomy_id")
        @Sendable func item(_ id: String) throws -> [UInt8]? {
            try request.context.cache.value("org-\(full ? (fullServices ? "fs" : "full") : "list"):\(id)") {
                try request.context.read { reader in
                    guard var node = try reader.organization(id, detail: full ? .full : .list) else { return nil }
                    if fullServices, let index = node.children.firstIndex(where: { $0.name == "services" }) {
                        node.children[index].nodes = try node.children[index].nodes.compactMap { try reader.service($0.record.id, detail: .full) }
                    }
                    return HSDSJSON.encode(node, now: request.context.now())
                }
            }
        }
        if try parameters.isNDJSON() {
            let ids = try request.context.read { try $0.listedOrganizationIDs(search: search, taxonomyTermID: termID, taxonomyID: taxonomyID, page: nil).items }
            return APIPage.ndjson { emit in for id in ids { if let line = try item(id) { try emit(line) } } }
        }
        let (total, ids) = try request.context.read { reader in
            try reader.listedOrganizationIDs(search: search, taxonomyTermID: termID, taxonomyID: taxonomyID,
                                             page: (perPage, (page - 1) * perPage))
        }
        return APIPage.response(total: total, page: page, perPage: perPage, items: try ids.compactMap(item))
    }

    /// `GET /api/organizations/{id}`.
    static func detail(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["full_service"])
        let id = request.id
        let fullServices = try parameters.bool("full_service")
        let bytes = try request.context.read { reader -> [UInt8]? in
            guard var node = try reader.organization(id, detail: .full) else { return nil }
            if fullServices, let index = node.children.firstIndex(where: { $0.name == "services" }) {
                node.children[index].nodes = try node.children[index].nodes.compactMap { try reader.service($0.record.id, detail: .full) }
            }
            return HSDSJSON.encode(node, now: request.context.now())
        }
        guard let bytes else { throw LotseError(.notFound, "Organisation \(id) gibt es nicht") }
        return .json(bytes: bytes)
    }
}

// OrganizationsAPI: `GET /api/organizations` and `/api/organizations/{id}` (HSDS 3.1): listed
// member organizations, searchable by folded name and description.
import Foundation
import HTTP
import LotseCore
import SQLite

/// The organizations endpoints.
enum OrganizationsAPI {
    static let parameters: Set<String> = [
        "search", "full_service", "full", "taxonomy_term_id", "taxonomy_id", "page", "per_page", "format",
    ]

    /// `GET /api/organizations`.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let parameters = try APIParameters(request, allowed: Self.parameters)
        let full = try parameters.bool("full") || parameters.bool("full_service")
        let fullServices = try parameters.bool("full_service")
        let (page, perPage) = try parameters.paging()
        var conditions = ["o.membership_status = 'member'", "o.hidden = 0"]
        var values: [SQLBindable?] = []
        for term in SearchTerms.parse(parameters.string("search") ?? "") {
            conditions.append(term.isPrefix
                ? "instr(' ' || lotse_fold(o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || o.description), ' ' || ?) > 0"
                : "instr(lotse_fold(o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || o.description), ?) > 0")
            values.append(term.text)
        }
        if let term = parameters.string("taxonomy_term_id") {
            conditions.append("""
                EXISTS (SELECT 1 FROM service s JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
                        WHERE s.organization_id = o.id AND a.taxonomy_term_id = ?)
                """)
            values.append(term)
        }
        if let taxonomy = parameters.string("taxonomy_id") {
            conditions.append("""
                EXISTS (SELECT 1 FROM service s JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
                        JOIN taxonomy_term t ON t.id = a.taxonomy_term_id WHERE s.organization_id = o.id AND t.taxonomy_id = ?)
                """)
            values.append(taxonomy)
        }
        let filter = "FROM organization o WHERE " + conditions.joined(separator: " AND ")
        @Sendable func item(_ id: String) throws -> [UInt8]? {
            try context.cache.value("org-\(full ? (fullServices ? "fs" : "full") : "list"):\(id)") {
                try context.read { reader in
                    guard var node = try reader.organization(id, detail: full ? .full : .list) else { return nil }
                    if fullServices, let index = node.children.firstIndex(where: { $0.name == "services" }) {
                        node.children[index].nodes = try node.children[index].nodes.compactMap { try reader.service($0.record.id, detail: .full) }
                    }
                    return HSDSJSON.encode(node, now: context.now())
                }
            }
        }
        if try parameters.isNDJSON() {
            let ids = try context.store.pool.read { try $0.query("SELECT o.id \(filter) ORDER BY o.name, o.id", values: values) { $0.string(0) } }
            return APIPage.ndjson { emit in for id in ids { if let line = try item(id) { try emit(line) } } }
        }
        let (total, ids) = try context.store.pool.read { db in
            (try db.query("SELECT count(*) \(filter)", values: values) { $0.int(0) }.first ?? 0,
             try db.query("SELECT o.id \(filter) ORDER BY o.name, o.id LIMIT ? OFFSET ?", values: values + [perPage, (page - 1) * perPage]) { $0.string(0) })
        }
        return APIPage.response(total: total, page: page, perPage: perPage, items: try ids.compactMap(item))
    }

    /// `GET /api/organizations/{id}`.
    static func detail(_ request: Request, _ context: AppContext) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["full_service"])
        let id = request.pathParameters["id"] ?? ""
        let fullServices = try parameters.bool("full_service")
        let bytes = try context.read { reader -> [UInt8]? in
            guard var node = try reader.organization(id, detail: .full) else { return nil }
            if fullServices, let index = node.children.firstIndex(where: { $0.name == "services" }) {
                node.children[index].nodes = try node.children[index].nodes.compactMap { try reader.service($0.record.id, detail: .full) }
            }
            return HSDSJSON.encode(node, now: context.now())
        }
        guard let bytes else { throw LotseError(.notFound, "Organisation \(id) gibt es nicht") }
        return .json(bytes: bytes)
    }
}

// ServicesAPI: `GET /api/services` and `/api/services/{id}` (HSDS 3.1), backed by the
// in-memory search and a cache of encoded services. Besides the HSDS parameters it accepts the
// DE profile's filters (sozialraum, need, …).
import Foundation
import HTTP
import LotseCore

/// The services endpoints.
enum ServicesAPI {
    /// HSDS parameters of `/api/services`.
    static let standardParameters: Set<String> = [
        "search", "page", "per_page", "format", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after",
        "minimal", "full",
    ]
    /// The DE profile's additional filters: the search filters (SearchFilter) HSDS lacks.
    static let extensionFilters: Set<String> = Set(SearchFilter.names(on: .api)).subtracting(standardParameters)

    /// `GET /api/services`.
    static func list(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: standardParameters.union(extensionFilters))
        var query = try searchQuery(parameters, context: request.context)
        let minimal = try parameters.bool("minimal"), full = try parameters.bool("full")
        let (page, perPage) = try parameters.paging()
        @Sendable func item(_ id: String) throws -> [UInt8]? {
            if minimal {
                return try request.context.cache.value("svc-min:\(id)") {
                    try request.context.read { reader in
                        try reader.service(id, detail: .list).map { node in
                            var writer = JSONWriter()
                            writer.beginObject()
                            writer.field("id", node.record.id)
                            writer.field("last_modified", node.record.text("last_modified"))
                            writer.endObject()
                            return writer.bytes
                        }
                    }
                }
            }
            return try encodedService(id, detail: full ? .full : .list, context: request.context)
        }
        if try parameters.isNDJSON() {
            query.offset = 0
            query.limit = Int.max / 2
            let ids = try request.context.search.search(query).serviceIDs
            return APIPage.ndjson { emit in
                for id in ids { if let line = try item(id) { try emit(line) } }
            }
        }
        query.offset = (page - 1) * perPage
        query.limit = perPage
        let result = try request.context.search.search(query)
        return APIPage.response(total: result.total, page: page, perPage: perPage, items: try result.serviceIDs.compactMap(item))
    }

    /// `GET /api/services/{id}`: the full service.
    static func detail(_ request: PageRequest) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.id
        guard let bytes = try encodedService(id, detail: .full, context: request.context) else {
            throw LotseError(.notFound, "Angebot \(id) gibt es nicht")
        }
        return .json(bytes: bytes)
    }

    /// The cached HSDS JSON of a publicly visible service.
    static func encodedService(_ id: String, detail: DirectoryReader.Detail, context: AppContext) throws -> [UInt8]? {
        try context.cache.value("svc-\(detail == .full ? "full" : "list"):\(id)") {
            try context.read { reader in try reader.service(id, detail: detail).map { HSDSJSON.encode($0, now: context.now()) } }
        }
    }

    /// The search query of the HSDS and DE filter parameters.
    static func searchQuery(_ parameters: APIParameters, context: AppContext) throws -> SearchQuery {
        var query = SearchQuery(text: parameters.string("search") ?? "")
        query.modifiedAfter = try parameters.datetime("modified_after")
        if let term = parameters.string("taxonomy_term_id") { query.termIDs = [term] }
        if let taxonomy = parameters.string("taxonomy_id") {
            let terms = try context.read { try $0.termIDs(inTaxonomy: taxonomy) }
            query.termIDs += terms.isEmpty ? ["∅"] : terms
        }
        try SearchFilter.apply(on: .api, to: &query, now: context.now(), raw: parameters.values)
        return query
    }
}

// TaxonomiesAPI: `GET /api/taxonomies[/{id}]` and `/api/taxonomy_terms[/{id}]` (HSDS 3.1); the
// listings come from DirectoryReader+API.
import HTTP
import LotseCore

/// The taxonomy endpoints.
enum TaxonomiesAPI {
    /// `GET /api/taxonomies`.
    static func taxonomies(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["search", "page", "per_page", "format"])
        let search = parameters.string("search") ?? ""
        return try paged(parameters, context: request.context) { reader, page in try reader.taxonomies(search: search, page: page) }
    }

    /// `GET /api/taxonomies/{id}`.
    static func taxonomy(_ request: PageRequest) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.id
        guard let node = try request.context.read(.public, { try $0.taxonomy(id) }) else { throw LotseError(.notFound, "Taxonomie \(id) gibt es nicht") }
        return .json(bytes: HSDSJSON.encode(node))
    }

    /// `GET /api/taxonomy_terms`.
    static func terms(_ request: PageRequest) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["search", "page", "per_page", "format", "taxonomy_id", "top_only", "parent_id"])
        let taxonomyID = parameters.string("taxonomy_id")
        let topOnly = try parameters.bool("top_only")
        let parentID = parameters.string("parent_id")
        let search = parameters.string("search") ?? ""
        return try paged(parameters, context: request.context) { reader, page in
            try reader.taxonomyTerms(search: search, taxonomyID: taxonomyID, topOnly: topOnly, parentID: parentID, page: page)
        }
    }

    /// `GET /api/taxonomy_terms/{id}`.
    static func term(_ request: PageRequest) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.id
        guard let node = try request.context.read(.public, { try $0.taxonomyTerm(id) }) else { throw LotseError(.notFound, "Begriff \(id) gibt es nicht") }
        return .json(bytes: HSDSJSON.encode(node))
    }

    /// A page (or ndjson stream) of a listing; `list` gets the page (count, offset) or nil for all.
    static func paged(_ parameters: APIParameters, context: AppContext,
                      list: @escaping (DirectoryReader, (count: Int, offset: Int)?) throws -> DirectoryReader.Listing<HSDSNode>) throws -> Response {
        let (page, perPage) = try parameters.paging()
        let now = context.now()
        if try parameters.isNDJSON() {
            let lines = try context.read { reader in try list(reader, nil).items.map { HSDSJSON.encode($0, now: now) } }
            return APIPage.ndjson { emit in for line in lines { try emit(line) } }
        }
        let (total, items) = try context.read { reader -> (Int, [[UInt8]]) in
            let listing = try list(reader, (perPage, (page - 1) * perPage))
            return (listing.total, listing.items.map { HSDSJSON.encode($0, now: now) })
        }
        return APIPage.response(total: total, page: page, perPage: perPage, items: items)
    }
}

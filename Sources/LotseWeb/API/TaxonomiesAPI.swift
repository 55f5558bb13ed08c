// TaxonomiesAPI: `GET /api/taxonomies[/{id}]` and `/api/taxonomy_terms[/{id}]` (HSDS 3.1).
import HTTP
import LotseCore
import SQLite

/// The taxonomy endpoints.
enum TaxonomiesAPI {
    /// `GET /api/taxonomies`.
    static func taxonomies(_ request: Request, _ context: AppContext) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["search", "page", "per_page", "format"])
        var conditions = ["1"]
        var values: [SQLBindable?] = []
        for term in SearchTerms.parse(parameters.string("search") ?? "") {
            conditions.append("instr(lotse_fold(name || ' ' || description), ?) > 0")
            values.append(term.text)
        }
        return try paged(parameters, table: "taxonomy", where: conditions.joined(separator: " AND "), values: values, context: context) { reader, record in
            HSDSNode(record)
        }
    }

    /// `GET /api/taxonomies/{id}`.
    static func taxonomy(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.pathParameters["id"] ?? ""
        guard let node = try context.read(.public, { try $0.taxonomy(id) }) else { throw LotseError(.notFound, "Taxonomie \(id) gibt es nicht") }
        return .json(bytes: HSDSJSON.encode(node))
    }

    /// `GET /api/taxonomy_terms`.
    static func terms(_ request: Request, _ context: AppContext) throws -> Response {
        let parameters = try APIParameters(request, allowed: ["search", "page", "per_page", "format", "taxonomy_id", "top_only", "parent_id"])
        var conditions = ["retired_at IS NULL"]
        var values: [SQLBindable?] = []
        if let taxonomy = parameters.string("taxonomy_id") { conditions.append("taxonomy_id = ?"); values.append(taxonomy) }
        if try parameters.bool("top_only") { conditions.append("parent_id IS NULL") }
        if let parent = parameters.string("parent_id") { conditions.append("parent_id = ?"); values.append(parent) }
        for term in SearchTerms.parse(parameters.string("search") ?? "") {
            conditions.append("instr(lotse_fold(name || ' ' || description || ' ' || coalesce(code, '')), ?) > 0")
            values.append(term.text)
        }
        return try paged(parameters, table: "taxonomy_term", where: conditions.joined(separator: " AND "), values: values,
                         order: "taxonomy_id, position, name, id", context: context) { reader, record in
            try reader.termNode(record)
        }
    }

    /// `GET /api/taxonomy_terms/{id}`.
    static func term(_ request: Request, _ context: AppContext) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        let id = request.pathParameters["id"] ?? ""
        guard let node = try context.read(.public, { try $0.taxonomyTerm(id) }) else { throw LotseError(.notFound, "Begriff \(id) gibt es nicht") }
        return .json(bytes: HSDSJSON.encode(node))
    }

    /// A page (or ndjson stream) of records of a small table.
    static func paged(_ parameters: APIParameters, table: String, where condition: String, values: [SQLBindable?],
                      order: String = "name, id", context: AppContext,
                      node: @escaping (DirectoryReader, Record) throws -> HSDSNode) throws -> Response {
        let (page, perPage) = try parameters.paging()
        let now = context.now()
        if try parameters.isNDJSON() {
            let lines = try context.read { reader in
                try TableColumns.load(table, where: condition, values, order: order, in: reader.db).map { HSDSJSON.encode(try node(reader, $0), now: now) }
            }
            return APIPage.ndjson { emit in for line in lines { try emit(line) } }
        }
        let (total, items) = try context.read { reader -> (Int, [[UInt8]]) in
            let total = try reader.db.query("SELECT count(*) FROM \(table) WHERE \(condition)", values: values) { $0.int(0) }.first ?? 0
            let records = try TableColumns.load(table, where: condition, values, order: order,
                                                limit: (perPage, (page - 1) * perPage), in: reader.db)
            return (total, try records.map { HSDSJSON.encode(try node(reader, $0), now: now) })
        }
        return APIPage.response(total: total, page: page, perPage: perPage, items: items)
    }
}

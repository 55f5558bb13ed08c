// PrintPage: `GET /suche/druck`, the list a counselor prints for a citizen: for every result
// (up to `limit`) the name, organization, addresses, phones, opening hours and how to get
// there, laid out for paper by the print styles.
import HTTP
import LotseCore
import Templating

/// The printable result list.
enum PrintPage {
    /// Most services on one printed list.
    static let limit = 100

    /// Runs the request's search and renders the printable list.
    static func handle(_ request: PageRequest) throws -> Response {
        var (query, _) = try SearchParameters.query(from: request, now: request.context.now())
        query.offset = 0
        query.limit = limit
        let result = try request.context.search.search(query, facets: true)
        let (services, today) = try request.context.read(.public) { reader in
            (try result.serviceIDs.compactMap { try reader.service($0) }, reader.today)
        }
        let base = request.context.configuration.publicURL.hasSuffix("/") ? String(request.context.configuration.publicURL.dropLast()) : request.context.configuration.publicURL
        let entries = services.map { node -> TemplateValue in
            let service = ServiceView.context(node, today: today)
            return .object([
                "name": service["name"]!,
                "organization": service["organization"]!,
                "phones": service["phones"]!,
                "email": service["email"]!,
                "locations": service["locations"]!,
                "openingHours": service["openingHours"]!,
                "capacity": service["capacity"]!,
                "isTemporarilyClosed": service["isTemporarilyClosed"]!,
                "url": .string(URLs.service(node.record.id)),
                "address": .string(base + URLs.service(node.record.id)),
            ])
        }
        let filters = FacetView.activeFilters(result.facets, query: query).map { $0["label"] }
        let page: [String: TemplateValue] = [
            "date": TemplateValue(GermanFormat.date(today)),
            "filters": .array(filters),
            "total": .int(result.total),
            "totalText": .string(GermanFormat.count(result.total, "Angebot", "Angebote")),
            "truncated": .bool(result.total > services.count),
            "shown": .int(services.count),
            "services": .array(entries),
            "resultsURL": .string(URLs.search(query)),
            "siteAddress": .string(base + "/"),
        ]
        return try request.context.site.page("print", title: "Angebote zum Mitnehmen", context: page, request: request)
    }
}

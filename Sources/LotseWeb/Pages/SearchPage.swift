// SearchPage: `GET /suche`, the results page — result lines with facets as a GET form
// (no JavaScript needed), the result count, paging and links to the print view and the JSON
// twin. Bad parameter values are input errors (400).
import HTTP
import LotseCore
import Templating

/// The results page.
enum SearchPage {
    /// Runs the search of the request's parameters and renders one page of results.
    static func handle(_ request: PageRequest) throws -> Response {
        let (query, number) = try SearchParameters.query(from: request, now: request.context.now())
        let result = try request.context.search.search(query, facets: true)
        let depths = try request.context.search.index().facetDepths()
        let lines = try request.context.resultLines.lines(result.serviceIDs, day: BerlinTime(request.context.now()).dateString) { ids in
            let loaded = try request.context.read(.public) { try $0.results(ids) }
            return Dictionary(zip(loaded.map(\.summary.id), ResultView.lines(loaded))) { first, _ in first }
        }
        let pageCount = Paging.pageCount(total: result.total, perPage: SearchParameters.perPage)
        let filters = FacetView.activeFilters(result.facets, query: query)
        var cleared = SearchQuery(text: query.text)
        cleared.near = query.near
        let pageURL = URLs.searchPages(query)
        let first = result.total == 0 ? 0 : query.offset + 1
        let last = min(result.total, query.offset + lines.count)
        let page: [String: TemplateValue] = [
            "q": .string(query.text),
            "near": TemplateValue(query.near),
            "total": .int(result.total),
            "hasResults": .bool(result.total > 0),
            "totalText": .string(GermanFormat.count(result.total, "Angebot gefunden", "Angebote gefunden")),
            "rangeText": TemplateValue(lines.isEmpty ? nil : "Treffer \(first)–\(last), Seite \(number) von \(pageCount)"),
            "pageNumber": .int(number),
            "pageCount": .int(pageCount),
            "pageOutOfRange": .bool(result.total > 0 && lines.isEmpty),
            "firstPageURL": .string(pageURL(1)),
            "results": .array(lines),
            "facets": .array(FacetView.fieldsets(result.facets, query: query, depths: depths)),
            "activeFilters": .array(filters),
            "clearFiltersURL": TemplateValue(filters.count > (query.text.isEmpty ? 0 : 1) ? URLs.search(cleared) : nil),
            "paging": Paging.context(query: query, page: number, total: result.total, perPage: SearchParameters.perPage),
            "printURL": .string(URLs.print(query)),
            "jsonURL": .string(URLs.json(pageURL(number))),
            "formAction": .string(URLs.searchPage),
        ]
        let title = query.text.isEmpty ? "Suchergebnisse" : "Suchergebnisse für „\(query.text)“"
        return try request.context.site.page("search", title: number > 1 ? "\(title), Seite \(number)" : title, context: page, request: request)
    }
}

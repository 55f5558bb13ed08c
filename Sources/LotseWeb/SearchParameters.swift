// SearchParameters: the German query parameters of the public search pages (`q`, `bedarf`,
// `sozialraum`, …) to and from a SearchQuery, driven by the table of filters (SearchFilter),
// with clear errors for bad values.
import Foundation
import HTTP
import LotseCore

/// Reads and writes the search page's URL parameters.
public enum SearchParameters {
    /// Results per page on the HTML results page.
    public static let perPage = 20

    /// Every parameter the search page understands: the text, the filters and the page.
    public static let names: Set<String> = Set(["q", "seite"] + SearchFilter.names(on: .html))

    /// Builds a query from a request; unknown enumeration values and page numbers are input
    /// errors (400). Codes of terms and areas are checked by the search itself.
    public static func query(from request: PageRequest, now: Date = Date()) throws -> (query: SearchQuery, page: Int) {
        var query = SearchQuery(text: request.queryValue("q") ?? "")
        try SearchFilter.apply(on: .html, to: &query, now: now) { filter in
            let name = filter.name(on: .html)
            if filter.shape == .flag { return request.queryValue(name).flatMap { $0.isEmpty ? nil : [$0] } ?? [] }
            return request.queryValues(name).flatMap { $0.split(separator: ",") }
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var page = 1
        if let text = request.queryValue("seite"), !text.isEmpty {
            guard let number = Int(text), number >= 1, number <= 10_000 else {
                throw LotseError(.invalidInput, "Seite muss eine Zahl von 1 bis 10000 sein")
            }
            page = number
        }
        query.limit = perPage
        query.offset = (page - 1) * perPage
        return (query, page)
    }

    /// The parameters of a query (without defaults), for links.
    public static func pairs(for query: SearchQuery, page: Int) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if !query.text.isEmpty { pairs.append(("q", query.text)) }
        pairs += SearchFilter.pairs(for: query, on: .html)
        if page > 1 { pairs.append(("seite", String(page))) }
        return pairs
    }
}

// Paging: the page navigation of the results page ("Seite 2 von 7", previous/next and a
// window of page numbers with the current one marked).
import LotseCore
import Templating

/// Page navigation context.
enum Paging {
    /// Pages needed for `total` results at `perPage` per page (at least one).
    static func pageCount(total: Int, perPage: Int) -> Int { max(1, (total + perPage - 1) / perPage) }

    /// `current`, `count`, `text` ("Seite 2 von 7"), `previousURL`, `nextURL` and `pages` (each
    /// `number`, `url`, `current`, or `gap` for an ellipsis); null when there is one page.
    static func context(query: SearchQuery, page: Int, total: Int, perPage: Int) -> TemplateValue {
        let count = pageCount(total: total, perPage: perPage)
        guard count > 1 else { return .null }
        var shown = Set([1, count])
        for number in (page - 2)...(page + 2) where number >= 1 && number <= count { shown.insert(number) }
        let url = URLs.searchPages(query)
        var pages: [TemplateValue] = []
        var previous = 0
        for number in shown.sorted() {
            if number > previous + 1 { pages.append(.object(["gap": .bool(true)])) }
            pages.append(.object([
                "number": .int(number), "url": .string(url(number)), "current": .bool(number == page), "gap": .bool(false),
            ]))
            previous = number
        }
        return .object([
            "current": .int(page),
            "count": .int(count),
            "text": .string("Seite \(page) von \(count)"),
            "previousURL": page > 1 && page <= count ? .string(url(page - 1)) : .null,
            "nextURL": page < count ? .string(url(page + 1)) : .null,
            "pages": .array(pages),
        ])
    }
}

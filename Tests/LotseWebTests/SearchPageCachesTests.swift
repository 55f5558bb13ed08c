// What the results page keeps between requests answers as a fresh build would: the page links
// of a query encoded once equal `URLs.search(query, page:)`, and the facet fieldsets kept per
// query are used only for equal facets and depths.
import Foundation
import LotseCore
import Templating
import Testing
@testable import LotseWeb

@Suite struct SearchPageCachesTests {
    private static func queries() -> [SearchQuery] {
        var filtered = SearchQuery(text: "Beratung & Pflege")
        filtered.needs = ["beratung", "pflege"]
        filtered.sozialraum = "berlin"
        filtered.near = "dresden-gruna"
        filtered.capacity = [.available]
        filtered.openAt = Date(timeIntervalSince1970: 1_790_000_000)
        var onlyFilter = SearchQuery()
        onlyFilter.languages = ["tr"]
        return [SearchQuery(), SearchQuery(text: "straße"), filtered, onlyFilter]
    }

    @Test func pageLinksEqualTheURLBuilders() {
        for query in Self.queries() {
            let page = URLs.searchPages(query)
            for number in [1, 2, 3, 10, 250] { #expect(page(number) == URLs.search(query, page: number)) }
        }
        #expect(URLs.searchPages(SearchQuery())(2) == "/suche?seite=2")
    }

    @Test func keptFieldsetsAreUsedOnlyForEqualFacetsAndDepths() {
        var query = SearchQuery(text: "treff")
        query.sozialraum = "dresden"
        let facets = [
            FacetGroup(name: "need", values: [FacetValue(code: "beratung", label: "Beratung", count: 3, selected: false)]),
            FacetGroup(name: "sozialraum", values: [FacetValue(code: "dresden", label: "Dresden", count: 2, selected: true)]),
        ]
        let depths = ["beratung": 0, "dresden": 1]
        let first = FacetView.fieldsets(facets, query: query, depths: depths)
        query.offset = 20
        #expect(FacetView.fieldsets(facets, query: query, depths: depths) == first)
        var recounted = facets
        recounted[0].values[0].count = 4
        let changed = FacetView.fieldsets(recounted, query: query, depths: depths)
        #expect(changed != first && changed[0]["values"][0]["count"] == .int(4))
        let deeper = FacetView.fieldsets(facets, query: query, depths: ["beratung": 2, "dresden": 1])
        #expect(deeper[0]["values"][0]["depth"] == .int(2))
        #expect(FacetView.fieldsets(facets, query: query, depths: depths) == first)
    }
}

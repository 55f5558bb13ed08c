// SearchFilterSurfaceTests: the search page's parameters and the API's filter parameters are
// the table's (SearchFilter) — every filter round-trips through SearchParameters and through
// the API's parameter reading, and both offer the table's filters.
import Foundation
import HTTP
import LotseCore
import Testing
@testable import LotseWeb

@Suite struct SearchFilterSurfaceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A query with `filter` set to sample values.
    static func sample(_ filter: SearchFilter) throws -> SearchQuery {
        var query = SearchQuery()
        let values: [String] = switch filter.shape {
        case .flag: ["1"]
        case .code: ["dresden-gruna"]
        case .codes: filter.closedValues.map { Array($0.prefix(2)) } ?? ["a.b", "c"]
        }
        try filter.apply(values, on: .cli, to: &query, now: now)
        return query
    }

    /// `request` as a handler sees it, from an anonymous visitor.
    static func page(_ request: Request) -> PageRequest {
        PageRequest(http: request, context: WebFixture.seeded.app.context, viewer: Viewer(account: nil, session: nil, csrfToken: ""),
                    route: nil, wantsJSON: false)
    }

    static func target(_ path: String, _ pairs: [(String, String)]) -> String {
        path + "?" + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    @Test func everyFilterRoundTripsThroughTheSearchPage() throws {
        for filter in SearchFilter.all {
            var query = try Self.sample(filter)
            query.text = "pflege"
            query.limit = SearchParameters.perPage
            let request = try Request(target: Self.target("/suche", SearchParameters.pairs(for: query, page: 1)))
            let (parsed, page) = try SearchParameters.query(from: Self.page(request), now: Self.now)
            #expect(parsed == query && page == 1, "\(filter.key)")
        }
        #expect(SearchParameters.names == Set(["q", "seite"] + SearchFilter.names(on: .html)))
    }

    @Test func everyFilterRoundTripsThroughTheAPI() throws {
        let allowed = ServicesAPI.standardParameters.union(ServicesAPI.extensionFilters)
        #expect(Set(SearchFilter.names(on: .api)).isSubset(of: allowed))
        #expect(ServicesAPI.extensionFilters == ["sozialraum", "near", "need", "target_group", "legal_basis", "accessibility", "language",
                                                 "capacity", "kind", "open_now"])
        for filter in SearchFilter.all {
            let query = try Self.sample(filter)
            let request = try Request(target: Self.target("/api/services", SearchFilter.pairs(for: query, on: .api)))
            let parameters = try APIParameters(Self.page(request), allowed: allowed)
            var parsed = SearchQuery()
            try SearchFilter.apply(on: .api, to: &parsed, now: Self.now, raw: parameters.values)
            #expect(parsed == query, "\(filter.key)")
        }
    }
}

// SearchQuery: what a directory search asks for — words, filters, a ranking anchor and a page.
// SearchIndex implements them; SearchService holds the current index.
import Foundation

/// A directory search. Within one filter the values are alternatives (any of), except
/// accessibility features, which must all be present; different filters combine with AND.
public struct SearchQuery: Sendable, Hashable {
    /// Free text; folded and split into terms (see `SearchTerms`).
    public var text: String = ""
    /// Need term codes (taxonomy `bedarf`); a term includes its children.
    public var needs: [String] = []
    /// Target group codes (taxonomy `zielgruppe`).
    public var targetGroups: [String] = []
    /// Legal basis codes (taxonomy `rechtsgrundlage`).
    public var legalBases: [String] = []
    /// Accessibility feature codes (taxonomy `barrierefreiheit`); all must be present at a
    /// public location of the service.
    public var accessibility: [String] = []
    /// Any taxonomy term ids (HSDS `taxonomy_term_id`), children included.
    public var termIDs: [String] = []
    /// Sozialraum code: services located in it or its sub-areas, or covering it.
    public var sozialraum: String?
    /// Sozialraum code to rank by closeness; defaults to `sozialraum`.
    public var near: String?
    /// Organization kinds.
    public var organizationKinds: [OrganizationKind] = []
    /// Language codes (ISO 639) of the service or one of its public locations.
    public var languages: [String] = []
    /// Capacity states.
    public var capacity: [CapacityStatus] = []
    /// Only services of this organization.
    public var organizationID: String?
    /// Only services modified at or after this ISO timestamp (HSDS `modified_after`).
    public var modifiedAfter: String?
    /// Only services open at this instant (weekly schedules, Europe/Berlin).
    public var openAt: Date?
    /// Results to skip.
    public var offset: Int = 0
    /// Results to return (0 returns only the total).
    public var limit: Int = 20

    /// Creates a query.
    public init(text: String = "", offset: Int = 0, limit: Int = 20) {
        self.text = text
        self.offset = offset
        self.limit = limit
    }

    /// The ranking anchor: `near`, else the `sozialraum` filter.
    public var rankingAnchor: String? { near ?? sozialraum }
}

/// One page of search results in rank order.
public struct SearchResult: Sendable, Equatable {
    /// All matches, not only this page.
    public var total: Int
    /// The service ids of this page, best first.
    public var serviceIDs: [String]
    /// The folded terms the text was split into (for highlighting and the "searched for" line).
    public var terms: [String]
    /// Facet counts, when asked for.
    public var facets: [FacetGroup]

    /// Creates a result.
    public init(total: Int, serviceIDs: [String], terms: [String], facets: [FacetGroup] = []) {
        self.total = total
        self.serviceIDs = serviceIDs
        self.terms = terms
        self.facets = facets
    }
}

/// Counts for the values of one filter, computed as if that filter were not set (so that
/// choosing another value never yields an empty page).
public struct FacetGroup: Sendable, Equatable {
    /// Which filter: `need`, `targetGroup`, `sozialraum`, `language`, `accessibility`,
    /// `legalBasis`, `capacity`, `organizationKind`, `openNow`.
    public var name: String
    /// The values with their counts, in display order.
    public var values: [FacetValue]

    /// Creates a group.
    public init(name: String, values: [FacetValue]) {
        self.name = name
        self.values = values
    }
}

/// One facet value.
public struct FacetValue: Sendable, Equatable {
    /// The filter value (a code).
    public var code: String
    /// The German label.
    public var label: String
    /// Matching services if this value were chosen.
    public var count: Int
    /// True when the value is part of the current query.
    public var selected: Bool

    /// Creates a value.
    public init(code: String, label: String, count: Int, selected: Bool) {
        self.code = code
        self.label = label
        self.count = count
        self.selected = selected
    }
}

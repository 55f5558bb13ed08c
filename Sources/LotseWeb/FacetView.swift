// FacetView: the search facets as template context for a GET form that works without
// JavaScript — one fieldset per filter with checkboxes (radio buttons for the one Sozialraum),
// counts, the current choices marked, and a list of active filters with removal links.
import LotseCore
import Synchronization
import Templating

/// Facet groups and active filters of the results page.
enum FacetView {
    /// How one facet group appears in the form.
    struct GroupSpec {
        /// URL parameter (SearchParameters).
        let parameter: String
        /// German legend.
        let legend: String
        /// Radio buttons (one value) instead of checkboxes.
        let single: Bool
    }

    /// The facet groups in display order, by FacetGroup name.
    static let groups: [(name: String, spec: GroupSpec)] = [
        ("need", GroupSpec(parameter: "bedarf", legend: "Bedarf", single: false)),
        ("sozialraum", GroupSpec(parameter: "sozialraum", legend: "Sozialraum", single: true)),
        ("openNow", GroupSpec(parameter: "offen", legend: "Öffnungszeit", single: false)),
        ("capacity", GroupSpec(parameter: "kapazitaet", legend: "Freie Plätze", single: false)),
        ("targetGroup", GroupSpec(parameter: "zielgruppe", legend: "Zielgruppe", single: false)),
        ("language", GroupSpec(parameter: "sprache", legend: "Sprache", single: false)),
        ("accessibility", GroupSpec(parameter: "barrierefrei", legend: "Barrierefreiheit (alle gewählten)", single: false)),
        ("legalBasis", GroupSpec(parameter: "rechtsgrundlage", legend: "Rechtsgrundlage und Kosten", single: false)),
        ("organizationKind", GroupSpec(parameter: "art", legend: "Art der Organisation", single: false)),
    ]

    /// The fieldsets: `index`, `legend`, `parameter`, `single`, `values` (each `id`, `code`,
    /// `value` (what the form sends), `label`, `count`, `selected`, `depth`). `depths` gives the
    /// tree depth of need and Sozialraum codes for indentation.
    static func fieldsets(_ facets: [FacetGroup], query: SearchQuery, depths: [String: Int]) -> [TemplateValue] {
        var key = query
        key.offset = 0
        key.limit = 0
        if let entry = kept.withLock({ $0[key] }), entry.facets == facets, entry.depths == depths { return entry.fieldsets }
        let fieldsets = makeFieldsets(facets, query: query, depths: depths)
        kept.withLock { entries in
            if entries.count >= keptLimit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Kept(facets: facets, depths: depths, fieldsets: fieldsets)
        }
        return fieldsets
    }

    /// Fieldsets of recent queries (any page) with the facets and depths they were made from;
    /// used only for equal facets and depths (counts change with the directory and the minute).
    private static let kept = Mutex<[SearchQuery: Kept]>([:])
    private static let keptLimit = 256

    private struct Kept: Sendable {
        let facets: [FacetGroup]
        let depths: [String: Int]
        let fieldsets: [TemplateValue]
    }

    private static func makeFieldsets(_ facets: [FacetGroup], query: SearchQuery, depths: [String: Int]) -> [TemplateValue] {
        var result: [TemplateValue] = []
        for (index, entry) in groups.enumerated() {
            guard let group = facets.first(where: { $0.name == entry.name }), !group.values.isEmpty else { continue }
            var values = group.values.enumerated().map { position, value -> TemplateValue in
                .object([
                    "id": .string("f\(index)-\(position + 1)"),
                    "code": .string(value.code),
                    "value": .string(entry.name == "openNow" ? "1" : value.code),
                    "label": .string(value.label),
                    "count": .int(value.count),
                    "selected": .bool(value.selected),
                    "depth": .int(depths[value.code] ?? 0),
                ])
            }
            if entry.spec.single {
                values.insert(.object([
                    "id": .string("f\(index)-0"), "code": .string(""), "value": .string(""), "label": .string("alle Gebiete"),
                    "count": .null, "selected": .bool(query.sozialraum == nil), "depth": .int(0),
                ]), at: 0)
            }
            result.append(.object([
                "index": .int(index),
                "name": .string(entry.name),
                "legend": .string(entry.spec.legend),
                "parameter": .string(entry.spec.parameter),
                "single": .bool(entry.spec.single),
                "values": .array(values),
            ]))
        }
        return result
    }

    /// The active filters, each `label` ("Bedarf: Pflege") and `removeURL` (the same search
    /// without it), the free text first.
    static func activeFilters(_ facets: [FacetGroup], query: SearchQuery) -> [TemplateValue] {
        var filters: [TemplateValue] = []
        if !query.text.isEmpty {
            var without = query
            without.text = ""
            filters.append(.object(["label": .string("Suchbegriff: \(query.text)"), "removeURL": .string(URLs.search(without))]))
        }
        for (name, spec) in groups {
            guard let group = facets.first(where: { $0.name == name }) else { continue }
            for value in group.values where value.selected {
                filters.append(.object([
                    "label": .string("\(spec.legend.split(separator: " (").first ?? ""): \(value.label)"),
                    "removeURL": .string(URLs.search(removing(value.code, from: name, in: query))),
                ]))
            }
        }
        return filters
    }

    /// `query` without the value `code` of facet group `group` (page reset to the first).
    static func removing(_ code: String, from group: String, in query: SearchQuery) -> SearchQuery {
        var result = query
        switch group {
        case "need": result.needs.removeAll { $0 == code }
        case "sozialraum": result.sozialraum = nil
        case "targetGroup": result.targetGroups.removeAll { $0 == code }
        case "language": result.languages.removeAll { $0 == code }
        case "accessibility": result.accessibility.removeAll { $0 == code }
        case "legalBasis": result.legalBases.removeAll { $0 == code }
        case "capacity": result.capacity.removeAll { $0.rawValue == code }
        case "organizationKind": result.organizationKinds.removeAll { $0.rawValue == code }
        case "openNow": result.openAt = nil
        default: break
        }
        return result
    }
}

// SearchIndex+Facets: counts per facet value, each computed with every other filter applied
// but not its own ("disjunctive" facets), so a reader always sees what choosing another value
// would give.
import Foundation

extension SearchIndex {
    /// Facet groups for the results page of `query`; `filters` are the active filter bitsets.
    func facetGroups(_ query: SearchQuery, filters: [String: Bitset], now: Date = Date()) -> [FacetGroup] {
        func base(excluding name: String) -> Bitset {
            var bits = all
            for (key, filter) in filters where key != name { bits.formIntersection(filter) }
            return bits
        }
        func values(_ group: String, _ candidates: [(code: String, label: String, bits: Bitset)],
                    selected: Set<String>) -> FacetGroup {
            let scope = base(excluding: group)
            let values = candidates.compactMap { candidate -> FacetValue? in
                let count = scope.intersectionCount(candidate.bits)
                let isSelected = selected.contains(candidate.code)
                return count > 0 || isSelected
                    ? FacetValue(code: candidate.code, label: candidate.label, count: count, selected: isSelected) : nil
            }
            return FacetGroup(name: group, values: values)
        }
        func termCandidates(_ indexes: [Int]) -> [(code: String, label: String, bits: Bitset)] {
            indexes.map { (vocabulary.codes[$0], vocabulary.names[$0], termBits[$0]) }
        }

        var groups: [FacetGroup] = []
        // Needs: the categories, plus the subcategories of a chosen category.
        var needIndexes: [Int] = []
        let chosenNeeds = Set(query.needs)
        for root in vocabulary.roots(.need) {
            needIndexes.append(root)
            let children = vocabulary.ordered(vocabulary.children[root])
            if chosenNeeds.contains(vocabulary.codes[root]) || children.contains(where: { chosenNeeds.contains(vocabulary.codes[$0]) }) {
                needIndexes += children
            }
        }
        groups.append(values("need", termCandidates(needIndexes), selected: chosenNeeds))

        // Sozialraum: the chosen area's path and children, else the cities and their districts.
        var areaIndexes: [Int] = []
        if let code = query.sozialraum, let node = areas.index(code: code) {
            var path: [Int] = [node]
            while let last = path.last, areas.parents[last] >= 0 { path.append(areas.parents[last]) }
            areaIndexes = path.reversed() + areas.ordered(areas.children[node])
        } else {
            for root in areas.roots { areaIndexes += [root] + areas.ordered(areas.children[root]) }
        }
        groups.append(values("sozialraum", areaIndexes.map { (areas.codes[$0], areas.names[$0], areaFilter($0)) },
                             selected: Set([query.sozialraum].compactMap { $0 })))

        groups.append(values("targetGroup", termCandidates(vocabulary.ordered(vocabulary.roots(.targetGroup))),
                             selected: Set(query.targetGroups)))
        let languages = languageBits.keys.sorted { (languageNames[$0] ?? $0) < (languageNames[$1] ?? $1) }
        groups.append(values("language", languages.map { ($0, languageNames[$0] ?? $0, languageBits[$0]!) },
                             selected: Set(query.languages)))
        let features = vocabulary.ordered(vocabulary.roots(.accessibility))
        groups.append(values("accessibility",
                             features.map { (vocabulary.codes[$0], vocabulary.names[$0], accessibilityBits[$0] ?? Bitset(count: count)) },
                             selected: Set(query.accessibility)))
        groups.append(values("legalBasis", termCandidates(vocabulary.ordered(vocabulary.roots(.legalBasis))),
                             selected: Set(query.legalBases)))
        groups.append(values("capacity", CapacityStatus.allCases.filter { $0 != .unknown }.map {
            ($0.rawValue, $0.label, capacityBits[$0] ?? Bitset(count: count))
        }, selected: Set(query.capacity.map(\.rawValue))))
        groups.append(values("organizationKind", OrganizationKind.allCases.map {
            ($0.rawValue, $0.label, kindBits[$0] ?? Bitset(count: count))
        }, selected: Set(query.organizationKinds.map(\.rawValue))))
        groups.append(values("openNow", [("jetzt", "jetzt geöffnet", openBits(BerlinTime(query.openAt ?? now)))],
                             selected: query.openAt == nil ? [] : ["jetzt"]))
        return groups
    }

    /// Depth in its tree (0 = top level) of every need term and Sozialraum code, for indenting
    /// facet values; read off the snapshot instead of the database on every results page.
    public func facetDepths() -> [String: Int] {
        var depths: [String: Int] = [:]
        func depth(_ node: Int, _ parents: [Int]) -> Int {
            var depth = 0, ancestor = parents[node]
            while ancestor >= 0 && depth < 16 { depth += 1; ancestor = parents[ancestor] }
            return depth
        }
        for index in vocabulary.ids.indices where vocabulary.taxonomies[index] == TaxonomyCode.need.rawValue {
            depths[vocabulary.codes[index]] = depth(index, vocabulary.parents)
        }
        for index in areas.ids.indices { depths[areas.codes[index]] = depth(index, areas.parents) }
        return depths
    }
}

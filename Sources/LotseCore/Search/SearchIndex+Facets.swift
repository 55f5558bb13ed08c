// SearchIndex+Facets: counts per facet value, each computed with every other filter applied
// but not its own ("disjunctive" facets), so a reader always sees what choosing another value
// would give. The groups of recent queries are kept with the snapshot (a new snapshot starts
// empty); the key holds the Berlin minute, since "open now" counts change with it.
import Foundation

extension SearchIndex {
    /// What facet groups depend on: the query without its page, and the Berlin weekday and
    /// minute when "open now" is counted for the request's time.
    struct FacetKey: Hashable, Sendable {
        let query: SearchQuery
        let weekday: Int
        let minute: Int

        init(_ query: SearchQuery, now: Date) {
            var unpaged = query
            unpaged.offset = 0
            unpaged.limit = 0
            self.query = unpaged
            let moment = query.openAt == nil ? BerlinTime(now) : nil
            weekday = moment?.weekday ?? 0
            minute = moment?.minuteOfDay ?? -1
        }
    }

    /// Facet groups kept at most; the cache is emptied when it would grow past them.
    static let facetCacheLimit = 256

    /// Facet groups for the results page of `query`; `filters` are the active filter bitsets.
    func facetGroups(_ query: SearchQuery, filters: [String: Bitset], now: Date = Date()) -> [FacetGroup] {
        let key = FacetKey(query, now: now)
        if let cached = facetCache.withLock({ $0[key] }) { return cached }
        let groups = countFacets(query, filters: filters, now: now)
        facetCache.withLock { cache in
            if cache.count >= Self.facetCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = groups
        }
        return groups
    }

    /// The facet groups of `query`, counted.
    func countFacets(_ query: SearchQuery, filters: [String: Bitset], now: Date) -> [FacetGroup] {
        func base(excluding name: String) -> Bitset {
            var bits = all
            for (key, filter) in filters where key != name { bits.formIntersection(filter) }
            return bits
        }
        func values(_ group: String, _ candidates: [(code: String, label: String, bits: Bitset)],
                    selected: Set<String>) -> FacetGroup {
            counted(group, candidates.map { ($0.code, $0.label) }, selected: selected) { scope, index in
                scope.intersectionCount(candidates[index].bits)
            }
        }
        func counted(_ group: String, _ candidates: [(code: String, label: String)], selected: Set<String>,
                     count: (Bitset, Int) -> Int) -> FacetGroup {
            let scope = base(excluding: group)
            let values = candidates.indices.compactMap { index -> FacetValue? in
                let (code, label) = candidates[index]
                let count = count(scope, index)
                let isSelected = selected.contains(code)
                return count > 0 || isSelected ? FacetValue(code: code, label: label, count: count, selected: isSelected) : nil
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
        groups.append(counted("sozialraum", areaIndexes.map { (areas.codes[$0], areas.names[$0]) },
                              selected: Set([query.sozialraum].compactMap { $0 })) { scope, index in
            areaCount(areaIndexes[index], within: scope)
        })

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
        if let cached = depthCache.withLock({ $0 }) { return cached }
        let depths = countDepths()
        depthCache.withLock { $0 = depths }
        return depths
    }

    private func countDepths() -> [String: Int] {
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

    /// `|scope ∩ areaFilter(node)|`, read word by word from the Sozialraum tables in place
    /// (no bitset is copied out of a mapped snapshot).
    func areaCount(_ node: Int, within scope: Bitset) -> Int {
        let wordCount = scope.words.count
        precondition(locatedSubtree.words.count == locatedSubtree.count * wordCount
                     && areaSubtree.words.count == areaSubtree.count * wordCount
                     && areaExact.words.count == areaExact.count * wordCount)
        var ancestors: [Int] = []
        var ancestor = areas.parents[node]
        while ancestor >= 0 {
            ancestors.append(ancestor * wordCount)
            ancestor = areas.parents[ancestor]
        }
        let start = node * wordCount
        var total = 0
        locatedSubtree.words.withBuffer { located in
            areaSubtree.words.withBuffer { subtree in
                areaExact.words.withBuffer { exact in
                    scope.words.withUnsafeBufferPointer { inScope in
                        for index in 0..<wordCount {
                            var bits = located[start + index] | subtree[start + index]
                            for offset in ancestors { bits |= exact[offset + index] }
                            total &+= (bits & inScope[index]).nonzeroBitCount
                        }
                    }
                }
            }
        }
        return total
    }
}

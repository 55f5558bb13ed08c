// SearchIndex+Ranking: reads a page off the match bitset in rank order — name matches first,
// then Sozialraum closeness to the anchor, then fresh before stale, then default order —
// without sorting: each rank tier is a bitset and whole tiers before the page are skipped by
// counting.

extension SearchIndex {
    /// The service ids of the requested page of `matches`, best first.
    func page(of matches: Bitset, query: SearchQuery, terms: [SearchTerm]) -> [String] {
        var dimensions: [[Bitset]] = []
        if !terms.isEmpty {
            var inName = all
            for term in terms { inName.formIntersection(match(term).name) }
            var elsewhere = all
            elsewhere.subtract(inName)
            dimensions.append([inName, elsewhere])
        }
        if let anchor = query.rankingAnchor, let node = areas.index(code: anchor) {
            dimensions.append(closenessTiers(node))
        }
        var fresh = all
        fresh.subtract(staleBits)
        dimensions.append([fresh, staleBits])

        var skip = max(0, query.offset)
        var wanted = min(query.limit, max(0, matches.count - skip))
        var ids: [String] = []
        ids.reserveCapacity(wanted)
        func visit(_ level: Int, _ current: Bitset) {
            guard wanted > 0 else { return }
            let size = current.cardinality
            if size == 0 { return }
            if size <= skip { skip -= size; return }
            if level == dimensions.count {
                current.forEachMember { ordinal in
                    if skip > 0 { skip -= 1; return true }
                    ids.append(serviceIDs[ordinal])
                    wanted -= 1
                    return wanted > 0
                }
                return
            }
            for tier in dimensions[level] {
                visit(level + 1, current.intersection(tier))
                if wanted == 0 { return }
            }
        }
        visit(0, matches)
        return ids
    }

    /// Disjoint tiers by closeness rank to the anchor area (see SQLSearch.buildCloseness):
    /// with ancestors a0 (the anchor) … aD, rank 2k holds places in a_k's subtree and rank
    /// 2k − 1 service areas at a_k; the last tier holds everything unrelated.
    func closenessTiers(_ node: Int) -> [Bitset] {
        var ancestors = [node]
        while let last = ancestors.last, areas.parents[last] >= 0 { ancestors.append(areas.parents[last]) }
        var tiers: [Bitset] = []
        var covered = Bitset(count: count)
        var coveringAreas = Bitset(count: count)
        func addTier(_ cumulative: Bitset) {
            var tier = cumulative
            tier.subtract(covered)
            tiers.append(tier)
            covered.formUnion(cumulative)
        }
        addTier(locatedSubtree[node].union(areaSubtree[node]))
        for k in 1..<max(1, ancestors.count) where ancestors.count > 1 {
            coveringAreas.formUnion(areaExact[ancestors[k]])
            let previous = ancestors[k - 1]
            addTier(locatedSubtree[previous].union(areaSubtree[previous]).union(coveringAreas))
            addTier(locatedSubtree[ancestors[k]].union(areaSubtree[ancestors[k]]).union(coveringAreas))
        }
        var rest = all
        rest.subtract(covered)
        tiers.append(rest)
        return tiers
    }
}

// SearchIndex+Ranking: reads a page off the match bitset in rank order. With text, services
// matching the required share of the terms before those added when too few did
// (`textMatches`), then by score (the sum over the query's terms of term weight × the
// service's score for the term), then
// Sozialraum closeness to the anchor, then fresh before stale, then shorter name, then default
// order: only the matches are scored and a bounded heap keeps the best `offset + limit`. Without text, rank
// tiers (closeness, freshness) are bitsets and whole tiers before the page are skipped by
// counting, without sorting.

extension SearchIndex {
    /// The service ids of the requested page of `matches`, best first.
    /// `full`: the services matching the required share of the terms, when `matches` holds
    /// more (they rank first).
    func page(of matches: Bitset, query: SearchQuery, terms: [SearchTerm], full: Bitset? = nil) -> [String] {
        var dimensions: [[Bitset]] = []
        if let anchor = query.rankingAnchor, let node = areas.index(code: anchor) {
            dimensions.append(closenessTiers(node))
        }
        var fresh = all
        fresh.subtract(staleBits)
        dimensions.append([fresh, staleBits])
        if !terms.isEmpty { return scoredPage(of: matches, query: query, terms: terms, full: full, tiers: dimensions) }

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
                    ids.append(serviceIDs.string(ordinal))
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

    /// A ranked candidate: a full match before a partial one, then higher score, then lower
    /// tiers, then shorter name, then lower ordinal.
    struct Ranked: Comparable {
        var partial: Bool
        var score: Float
        var tiers: Int32
        var nameLength: UInt8
        var ordinal: Int32

        /// True when `self` ranks before `other`.
        static func < (lhs: Ranked, rhs: Ranked) -> Bool {
            if lhs.partial != rhs.partial { return rhs.partial }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.tiers != rhs.tiers { return lhs.tiers < rhs.tiers }
            if lhs.nameLength != rhs.nameLength { return lhs.nameLength < rhs.nameLength }
            return lhs.ordinal < rhs.ordinal
        }
    }

    /// The page of text matches by score, then the tie-breaking tiers.
    func scoredPage(of matches: Bitset, query: SearchQuery, terms: [SearchTerm], full: Bitset?,
                    tiers dimensions: [[Bitset]]) -> [String] {
        let wanted = min(query.offset + query.limit, matches.cardinality)
        guard wanted > 0 else { return [] }
        // Scores are summed in a scratch array the size of the directory that is reused
        // across queries (only the matched entries are touched and zeroed again), so a query
        // costs its matches, not the directory size.
        let termMatches = terms.map(match)
        return withScratch { scratch in
            scratch.withUnsafeMutableBufferPointer { scores in
                defer {
                    for match in termMatches { for ordinal in match.ordinals { scores[Int(ordinal)] = 0 } }
                }
                for match in termMatches {
                    for index in match.ordinals.indices {
                        scores[Int(match.ordinals[index])] += match.weight * match.scores[index]
                    }
                }
                return rankedPage(of: matches, query: query, wanted: wanted, scores: UnsafeBufferPointer(scores), full: full,
                                  tiers: dimensions)
            }
        }
    }

    /// The page of `matches` by `scores`, then the tie-breaking tiers.
    private func rankedPage(of matches: Bitset, query: SearchQuery, wanted: Int, scores: UnsafeBufferPointer<Float>,
                            full: Bitset?, tiers dimensions: [[Bitset]]) -> [String] {
        func tierKey(_ ordinal: Int) -> Int32 {
            var key: Int32 = 0
            for tiers in dimensions {
                var position = Int32(tiers.count)
                for (index, tier) in tiers.enumerated() where tier.contains(ordinal) { position = Int32(index); break }
                key = key * 64 + position
            }
            return key
        }
        var heap = BoundedHeap(capacity: wanted)
        matches.forEachMember { ordinal in
            // Rounded to three decimals, so that float noise cannot split a tie.
            let score = (scores[ordinal] * 1000).rounded() / 1000
            let partial = full.map { !$0.contains(ordinal) } ?? false
            if let worst = heap.worst, worst.partial == partial ? worst.score > score : partial { return true }
            heap.insert(Ranked(partial: partial, score: score, tiers: tierKey(ordinal), nameLength: nameLengths[ordinal], ordinal: Int32(ordinal)))
            return true
        }
        let ranked = heap.sorted()
        guard query.offset < ranked.count else { return [] }
        return ranked[query.offset...].prefix(query.limit).map { serviceIDs.string(Int($0.ordinal)) }
    }

    /// Disjoint tiers by closeness rank to the anchor area:
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

/// Keeps the `capacity` best (smallest by `<`) of the values inserted: a max-heap on rank, so
/// the worst kept value is at the top and is replaced by a better one.
struct BoundedHeap {
    let capacity: Int
    private var items: [SearchIndex.Ranked] = []

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(min(capacity, 4096))
    }

    /// The worst value kept, once the heap is full.
    var worst: SearchIndex.Ranked? { items.count == capacity ? items.first : nil }

    mutating func insert(_ value: SearchIndex.Ranked) {
        if items.count < capacity {
            items.append(value)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[parent] < items[child] else { break }
                items.swapAt(parent, child)
                child = parent
            }
        } else if let top = items.first, value < top {
            items[0] = value
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var largest = parent
                if left < items.count && items[largest] < items[left] { largest = left }
                if right < items.count && items[largest] < items[right] { largest = right }
                if largest == parent { break }
                items.swapAt(parent, largest)
                parent = largest
            }
        }
    }

    /// The kept values, best first.
    func sorted() -> [SearchIndex.Ranked] { items.sorted() }
}

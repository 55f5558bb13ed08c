// SearchIndex+Routing: read access to the snapshot's ordinals and facet bitsets for the
// referral router, which ranks candidates off the same bitsets the search uses (needs,
// Sozialraum closeness tiers, target groups, languages, accessibility, capacity, staleness).

extension SearchIndex {
    /// Services with the term of a Lotse taxonomy or one of its descendants; nil when unknown.
    func bits(taxonomy: TaxonomyCode, code: String) -> Bitset? {
        guard let index = vocabulary.index(taxonomy: taxonomy, code: code) else { return nil }
        if taxonomy == .accessibility { return accessibilityBits[index] ?? Bitset(count: count) }
        return termBits[index]
    }

    /// The codes of a need and its ancestors, nearest first.
    func needLineage(_ code: String) -> [String] {
        guard var index = vocabulary.index(taxonomy: .need, code: code) else { return [code] }
        var codes = [code]
        while vocabulary.parents[index] >= 0 {
            index = vocabulary.parents[index]
            codes.append(vocabulary.codes[index])
        }
        return codes
    }

    /// Services offering a language (of the service or a public location).
    func languageMembers(_ code: String) -> Bitset? { languageBits[code] }

    /// Services with a capacity status.
    func capacityMembers(_ status: CapacityStatus) -> Bitset { capacityBits[status] ?? Bitset(count: count) }

    /// Services past their review date.
    var staleMembers: Bitset { staleBits }

    /// Services of organizations of a kind.
    func kindMembers(_ kind: OrganizationKind) -> Bitset { kindBits[kind] ?? Bitset(count: count) }

    /// Closeness tiers to an area, best first (the last holds unrelated services); nil when
    /// the code is unknown.
    func closeness(to areaCode: String) -> [Bitset]? {
        areas.index(code: areaCode).map(closenessTiers)
    }

    /// Services located in or covering an area; nil when the code is unknown.
    func inArea(_ areaCode: String) -> Bitset? { areas.index(code: areaCode).map(areaFilter) }

    /// Area codes from `areaCode` up to the city, nearest first.
    func areaLineage(_ areaCode: String) -> [String] {
        guard var node = areas.index(code: areaCode) else { return [] }
        var codes = [areaCode]
        while areas.parents[node] >= 0 {
            node = areas.parents[node]
            codes.append(areas.codes[node])
        }
        return codes
    }

    /// The code of the area with this id.
    func areaCode(id: String) -> String? { areas.indexByID[id].map { areas.codes[$0] } }

    /// Area codes at a level ("stadtteil" …) with their names, in tree order.
    func areas(level: String) -> [(code: String, name: String)] {
        areas.ids.indices.filter { areas.levels[$0] == level }.map { (areas.codes[$0], areas.names[$0]) }
    }

    /// Leaf need codes (terms of `bedarf` without children) with their names.
    var leafNeeds: [(code: String, name: String)] {
        vocabulary.ids.indices.filter { vocabulary.taxonomies[$0] == TaxonomyCode.need.rawValue && vocabulary.children[$0].isEmpty }
            .map { (vocabulary.codes[$0], vocabulary.names[$0]) }
    }
}

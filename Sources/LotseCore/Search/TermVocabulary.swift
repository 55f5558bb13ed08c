// TermVocabulary: the taxonomy terms as arrays (index ↔ id, code, taxonomy, parent, children),
// loaded with a search index snapshot.

/// Taxonomy terms in index form.
struct TermVocabulary: Sendable {
    var ids: [String] = []
    var codes: [String] = []
    var names: [String] = []
    var taxonomies: [String] = []
    var positions: [Int] = []
    var parents: [Int] = []
    var children: [[Int]] = []
    var indexByID: [String: Int] = [:]
    var indexByCode: [String: Int] = [:]

    /// The index of a term of one of Lotse's taxonomies by its code.
    func index(taxonomy: TaxonomyCode, code: String) -> Int? {
        indexByCode[taxonomy.rawValue + "\u{1F}" + code]
    }

    /// Term indexes of a taxonomy without a parent, in display order.
    func roots(_ taxonomy: TaxonomyCode) -> [Int] {
        ordered(ids.indices.filter { taxonomies[$0] == taxonomy.rawValue && parents[$0] < 0 })
    }

    /// Sorts term indexes by position, then name.
    func ordered(_ indexes: [Int]) -> [Int] {
        indexes.sorted { (positions[$0], names[$0]) < (positions[$1], names[$1]) }
    }

    mutating func append(id: String, code: String?, name: String, taxonomy: String?, position: Int) {
        let index = ids.count
        ids.append(id)
        codes.append(code ?? "")
        names.append(name)
        taxonomies.append(taxonomy ?? "")
        positions.append(position)
        parents.append(-1)
        children.append([])
        indexByID[id] = index
        if let code, let taxonomy { indexByCode[taxonomy + "\u{1F}" + code] = index }
    }
}

/// The Sozialraum tree in index form.
struct AreaTree: Sendable {
    var ids: [String] = []
    var codes: [String] = []
    var names: [String] = []
    var levels: [String] = []
    var positions: [Int] = []
    var parents: [Int] = []
    var children: [[Int]] = []
    var indexByID: [String: Int] = [:]
    var indexByCode: [String: Int] = [:]

    /// The index of the area with this code.
    func index(code: String) -> Int? { indexByCode[code] }

    /// Indexes of the areas without a parent (cities).
    var roots: [Int] { ordered(ids.indices.filter { parents[$0] < 0 }) }

    /// Sorts area indexes by position, then name.
    func ordered(_ indexes: [Int]) -> [Int] {
        indexes.sorted { (positions[$0], names[$0]) < (positions[$1], names[$1]) }
    }

    /// Indexes in post-order (children before parents).
    var postOrder: [Int] {
        var order: [Int] = []
        var stack: [(Int, Bool)] = roots.reversed().map { ($0, false) }
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            stack.append((node, true))
            for child in children[node].reversed() { stack.append((child, false)) }
        }
        return order
    }
}

// SuppressionLattice: primary and secondary suppression of one count published at several
// nested grains at once — the product of hierarchies such as areas (all ⊃ Bezirk ⊃ Stadtteil ⊃
// Quartier) × periods (year ⊃ quarter ⊃ month) × needs (all ⊃ need) × outcomes (recorded ⊃
// met, unmet, open). Every query of the report reads its numbers from the same lattice, so the
// decisions agree across queries, and totals are nodes of the lattice (published margins), not
// sums of shown cells. The rules, applied until nothing changes:
//
// 1. A count under the threshold is hidden (primary suppression).
// 2. A hidden node hides everything nested in it (so a hidden node is never rebuilt from its
//    shown parts, and whatever is shown has only shown ancestors).
// 3. Every shown node whose children (in any one hierarchy) include hidden ones has at least
//    two hidden children, and the hidden children together count at least the threshold;
//    otherwise the smallest shown child is hidden as well (or, with none left, the node itself).
//
// Consequence: a node minus any shown node nested in it is a sum of shown counts (each 0 or at
// least the threshold) and hidden remainders (each at least the threshold), so no difference of
// two shown numbers — nor a parent minus its shown children — lies between 1 and threshold − 1.

/// One count over the product of several trees (each given by the parent of every node).
struct SuppressionLattice {
    /// Per hierarchy, the parent of each node (-1: a root).
    let parents: [[Int]]
    /// Counts of every node with any (nodes not listed are 0).
    private(set) var values: [Int: Int] = [:]

    /// A lattice over the product of the trees `parents` (one parent array per hierarchy).
    init(parents: [[Int]]) {
        self.parents = parents
    }

    /// A lattice over areas × periods.
    init(areaParent: [Int], periodParent: [Int]) {
        self.init(parents: [areaParent, periodParent])
    }

    /// The key of the node with coordinates `coordinates` (one per hierarchy).
    func key(_ coordinates: [Int]) -> Int {
        var key = 0
        for (dimension, coordinate) in coordinates.enumerated() { key = key * parents[dimension].count + coordinate }
        return key
    }

    /// The coordinates of `key`.
    func coordinates(_ key: Int) -> [Int] {
        var rest = key, result = [Int](repeating: 0, count: parents.count)
        for dimension in parents.indices.reversed() {
            result[dimension] = rest % parents[dimension].count
            rest /= parents[dimension].count
        }
        return result
    }

    /// The key of node (`area`, `period`) of an areas × periods lattice.
    func key(_ area: Int, _ period: Int) -> Int { key([area, period]) }

    /// Counts `count` at leaf `coordinates` and in every node containing it.
    mutating func add(_ coordinates: [Int], count: Int = 1) {
        var chains: [[Int]] = []
        for (dimension, coordinate) in coordinates.enumerated() {
            var chain: [Int] = [], node = coordinate
            while node >= 0 { chain.append(node); node = parents[dimension][node] }
            chains.append(chain)
        }
        var keys = [0]
        for (dimension, chain) in chains.enumerated() {
            let size = parents[dimension].count
            keys = keys.flatMap { prefix in chain.map { prefix * size + $0 } }
        }
        for key in keys { values[key, default: 0] += count }
    }

    /// Counts `count` at leaf (`area`, `period`) and in every node containing it.
    mutating func add(area: Int, period: Int, count: Int = 1) {
        add([area, period], count: count)
    }

    /// The count of a node (0 when none).
    func value(_ coordinates: [Int]) -> Int { values[key(coordinates)] ?? 0 }

    /// The count of node (`area`, `period`) (0 when none).
    func value(_ area: Int, _ period: Int) -> Int { value([area, period]) }

    /// The hidden nodes (keys) under `threshold`. Works on dense node numbers (the keys in
    /// ascending order), so ties and the order of decisions never depend on hashing.
    func hidden(threshold: Int) -> Set<Int> {
        let order = values.keys.sorted()
        let count = order.count
        var number = [Int: Int](minimumCapacity: count)
        for (index, key) in order.enumerated() { number[key] = index }
        let value = order.map { values[$0]! }
        // children[dimension][node] = the node's children one step down in that hierarchy.
        var children = [[[Int]]](repeating: [[Int]](repeating: [], count: count), count: parents.count)
        var strides = [Int](repeating: 1, count: parents.count)
        for dimension in parents.indices.dropLast().reversed() { strides[dimension] = strides[dimension + 1] * parents[dimension + 1].count }
        for (index, key) in order.enumerated() {
            let coordinates = coordinates(key)
            for dimension in parents.indices {
                let up = parents[dimension][coordinates[dimension]]
                guard up >= 0, let parent = number[key + (up - coordinates[dimension]) * strides[dimension]] else { continue }
                children[dimension][parent].append(index)
            }
        }
        var hidden = [Bool](repeating: false, count: count)
        func hide(_ node: Int) {
            guard !hidden[node] else { return }
            hidden[node] = true
            for dimension in parents.indices { for child in children[dimension][node] { hide(child) } }
        }
        for node in 0..<count where value[node] < threshold { hide(node) }
        var changed = true
        while changed {
            changed = false
            for node in 0..<count where !hidden[node] {
                for dimension in parents.indices where !hidden[node] {
                    let nodeChildren = children[dimension][node]
                    var hiddenCount = 0, mass = 0, smallest = -1
                    for child in nodeChildren {
                        if hidden[child] {
                            hiddenCount += 1
                            mass += value[child]
                        } else if smallest < 0 || value[child] < value[smallest] {
                            smallest = child   // children ascend by key, so the first smallest wins a tie
                        }
                    }
                    guard hiddenCount > 0, hiddenCount < 2 || mass < threshold else { continue }
                    hide(smallest >= 0 ? smallest : node)
                    changed = true
                }
            }
        }
        return Set((0..<count).lazy.filter { hidden[$0] }.map { order[$0] })
    }
}

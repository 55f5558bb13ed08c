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
//
// Storage is dense: one slot per node of the product (key = mixed-radix coordinates), so adding
// and deciding are array indexing, not hashing. A node takes part once anything was counted in
// it (even 0); nodes are visited in ascending key order, so ties and the order of decisions are
// fixed by the node numbering alone.

/// One count over the product of several trees (each given by the parent of every node).
struct SuppressionLattice {
    /// Per hierarchy, the parent of each node (-1: a root).
    let parents: [[Int]]
    /// Per hierarchy, the children of each node, ascending.
    private let children: [[[Int]]]
    /// Per hierarchy, the key distance between neighbouring coordinates.
    private let strides: [Int]
    /// Count per key; -1 where nothing was ever counted (the node does not take part).
    private var counts: [Int]

    /// A lattice over the product of the trees `parents` (one parent array per hierarchy).
    init(parents: [[Int]]) {
        self.parents = parents
        children = parents.map { tree in
            var children = [[Int]](repeating: [], count: tree.count)
            for (node, up) in tree.enumerated() where up >= 0 { children[up].append(node) }
            return children
        }
        var strides = [Int](repeating: 1, count: parents.count)
        for dimension in parents.indices.dropLast().reversed() { strides[dimension] = strides[dimension + 1] * parents[dimension + 1].count }
        self.strides = strides
        counts = [Int](repeating: -1, count: parents.reduce(1) { $0 * $1.count })
    }

    /// A lattice over areas × periods.
    init(areaParent: [Int], periodParent: [Int]) {
        self.init(parents: [areaParent, periodParent])
    }

    /// The number of keys (nodes of the product).
    var keyCount: Int { counts.count }

    /// The key of the node with coordinates `coordinates` (one per hierarchy).
    func key(_ coordinates: [Int]) -> Int {
        var key = 0
        for (dimension, coordinate) in coordinates.enumerated() { key += coordinate * strides[dimension] }
        return key
    }

    /// The coordinates of `key`.
    func coordinates(_ key: Int) -> [Int] {
        parents.indices.map { key / strides[$0] % parents[$0].count }
    }

    /// The key of node (`area`, `period`) of an areas × periods lattice.
    func key(_ area: Int, _ period: Int) -> Int { area * strides[0] + period }

    /// Counts `count` at leaf `coordinates` and in every node containing it.
    mutating func add(_ coordinates: [Int], count: Int = 1) {
        // The product of the chains up each hierarchy, as key offsets.
        var keys = [0]
        for (dimension, coordinate) in coordinates.enumerated() {
            let stride = strides[dimension], before = keys.count
            var node = coordinate, first = true
            while node >= 0 {
                if first {
                    for index in 0..<before { keys[index] += node * stride }
                    first = false
                } else {
                    for index in 0..<before { keys.append(keys[index] + (node - coordinate) * stride) }
                }
                node = parents[dimension][node]
            }
        }
        for key in keys { counts[key] = max(counts[key], 0) + count }
    }

    /// Counts `count` at leaf (`area`, `period`) and in every node containing it.
    mutating func add(area: Int, period: Int, count: Int = 1) {
        add([area, period], count: count)
    }

    /// The count of a node (0 when none).
    func value(_ coordinates: [Int]) -> Int { value(key: key(coordinates)) }

    /// The count of node (`area`, `period`) (0 when none).
    func value(_ area: Int, _ period: Int) -> Int { value(key: key(area, period)) }

    /// The count of the node with key `key` (0 when none).
    func value(key: Int) -> Int { max(counts[key], 0) }

    /// Whether anything was counted in the node with key `key` (even 0).
    func isCounted(key: Int) -> Bool { counts[key] >= 0 }

    /// The hidden nodes (keys) under `threshold`.
    func hidden(threshold: Int) -> Set<Int> {
        let flags = hiddenFlags(threshold: threshold)
        return Set(flags.indices.lazy.filter { flags[$0] })
    }

    /// Per key, whether the node is hidden under `threshold` (false for nodes never counted).
    /// Nodes are visited in ascending key order, children in ascending order, so ties and the
    /// order of decisions never depend on anything but the node numbering. A pass re-checks
    /// only nodes with a child hidden since their last check (the others would decide as
    /// before, that is, nothing).
    func hiddenFlags(threshold: Int) -> [Bool] {
        let counts = counts, children = children, strides = strides, parents = parents
        let sizes = parents.map(\.count), dimensions = parents.count
        let nodes = counts.indices.filter { counts[$0] >= 0 }
        var hidden = [Bool](repeating: false, count: counts.count)
        var dirty = [Bool](repeating: true, count: counts.count)
        var stack: [Int] = []
        // Marks `key` hidden and its parents (in every hierarchy) for a new check.
        func mark(_ key: Int) {
            hidden[key] = true
            stack.append(key)
            for dimension in 0..<dimensions {
                let stride = strides[dimension], coordinate = key / stride % sizes[dimension], up = parents[dimension][coordinate]
                if up >= 0 { dirty[key + (up - coordinate) * stride] = true }
            }
        }
        // Hides `start` and everything nested in it (in any hierarchy).
        func hide(_ start: Int) {
            guard !hidden[start] else { return }
            mark(start)
            while let key = stack.popLast() {
                for dimension in 0..<dimensions {
                    let stride = strides[dimension], coordinate = key / stride % sizes[dimension]
                    for child in children[dimension][coordinate] {
                        let childKey = key + (child - coordinate) * stride
                        if counts[childKey] >= 0 && !hidden[childKey] { mark(childKey) }
                    }
                }
            }
        }
        for key in nodes where counts[key] < threshold { hide(key) }
        var changed = true
        while changed {
            changed = false
            for key in nodes where dirty[key] && !hidden[key] {
                dirty[key] = false
                for dimension in 0..<dimensions where !hidden[key] {
                    let stride = strides[dimension], coordinate = key / stride % sizes[dimension]
                    var hiddenCount = 0, mass = 0, smallest = -1
                    for child in children[dimension][coordinate] {
                        let childKey = key + (child - coordinate) * stride
                        guard counts[childKey] >= 0 else { continue }
                        if hidden[childKey] {
                            hiddenCount += 1
                            mass += counts[childKey]
                        } else if smallest < 0 || counts[childKey] < counts[smallest] {
                            smallest = childKey   // children ascend by key, so the first smallest wins a tie
                        }
                    }
                    guard hiddenCount > 0, hiddenCount < 2 || mass < threshold else { continue }
                    hide(smallest >= 0 ? smallest : key)
                    changed = true
                }
            }
        }
        return hidden
    }
}

// SuppressionLattice: primary and secondary suppression of one count published at several
// nested grains at once — areas (Bezirk ⊃ Stadtteil ⊃ Quartier) × periods (year ⊃ quarter ⊃
// month). Every query of the report reads its numbers from the same lattice, so the decisions
// agree across queries. The rules, applied until nothing changes:
//
// 1. A count under the threshold is hidden (primary suppression).
// 2. A hidden node hides everything nested in it (so a hidden node is never rebuilt from its
//    shown parts, and whatever is shown has only shown ancestors).
// 3. Every shown node whose children (in either hierarchy) include hidden ones has at least two
//    hidden children, and the hidden children together count at least the threshold; otherwise
//    the smallest shown child is hidden as well (or, with none left, the node itself).
//
// Consequence: a node minus any shown node nested in it is a sum of shown counts (each 0 or at
// least the threshold) and hidden remainders (each at least the threshold), so no difference of
// two shown numbers — nor a parent minus its shown children — lies between 1 and threshold − 1.

/// One count over the product of an area tree and a period tree.
struct SuppressionLattice {
    /// Parent of each area node (-1: a root).
    let areaParent: [Int]
    /// Parent of each period node (-1: a root).
    let periodParent: [Int]
    /// Counts of every node with any (nodes not listed are 0).
    private(set) var values: [Int: Int] = [:]

    init(areaParent: [Int], periodParent: [Int]) {
        self.areaParent = areaParent
        self.periodParent = periodParent
    }

    /// The key of node (`area`, `period`).
    func key(_ area: Int, _ period: Int) -> Int { area * periodParent.count + period }

    /// Counts `count` at leaf (`area`, `period`) and in every node containing it.
    mutating func add(area: Int, period: Int, count: Int = 1) {
        var a = area
        while a >= 0 {
            var p = period
            while p >= 0 {
                values[key(a, p), default: 0] += count
                p = periodParent[p]
            }
            a = areaParent[a]
        }
    }

    /// The count of a node (0 when none).
    func value(_ area: Int, _ period: Int) -> Int { values[key(area, period)] ?? 0 }

    /// The hidden nodes (keys) under `threshold`.
    func hidden(threshold: Int) -> Set<Int> {
        let periods = periodParent.count
        var byArea: [Int: [Int]] = [:], byPeriod: [Int: [Int]] = [:]
        for node in values.keys.sorted() {
            let (area, period) = (node / periods, node % periods)
            if areaParent[area] >= 0 { byArea[key(areaParent[area], period), default: []].append(node) }
            if periodParent[period] >= 0 { byPeriod[key(area, periodParent[period]), default: []].append(node) }
        }
        var hidden = Set<Int>()
        func hide(_ node: Int) {
            guard hidden.insert(node).inserted else { return }
            for child in (byArea[node] ?? []) + (byPeriod[node] ?? []) { hide(child) }
        }
        let order = values.keys.sorted()
        for node in order where values[node]! < threshold { hide(node) }
        var changed = true
        while changed {
            changed = false
            for node in order where !hidden.contains(node) {
                for children in [byArea[node] ?? [], byPeriod[node] ?? []] where !hidden.contains(node) {
                    let hiddenChildren = children.filter(hidden.contains)
                    guard !hiddenChildren.isEmpty else { continue }
                    let mass = hiddenChildren.reduce(0) { $0 + values[$1]! }
                    if hiddenChildren.count >= 2 && mass >= threshold { continue }
                    let shown = children.filter { !hidden.contains($0) }
                    if let smallest = shown.min(by: { (values[$0]!, $0) < (values[$1]!, $1) }) { hide(smallest) } else { hide(node) }
                    changed = true
                }
            }
        }
        return hidden
    }
}

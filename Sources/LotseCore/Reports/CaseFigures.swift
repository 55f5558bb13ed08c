// CaseFigures: needs recorded, met, unmet and still open, counted as cases — one need of one
// citizen, however many parallel offers, pool claims and re-referrals its referral group holds
// — per area (all ⊃ Stadt ⊃ Bezirk ⊃ Stadtteil ⊃ Quartier), period (year ⊃ quarter ⊃ month),
// need (all ⊃ category ⊃ need) and outcome (recorded ⊃ met, unmet, open), all decided by one
// `SuppressionLattice`, so that the report's totals per need and per area and the district
// profiles are exact where shown and no hidden count follows from totals, margins or nesting.
//
// A case opens with its group's first sent referral (its month decides the period) in that
// referral's area. It is met when any of its offers was accepted (accepted, in progress, on
// hold, completed), open while one still waits for an answer, and unmet when every offer ended
// without help. An offer cancelled because a sibling was accepted never makes a case unmet.
//
// Nodes are numbered in a fixed order (areas by code, needs by code), so that every
// computation breaks ties alike and all queries agree; the scan itself is in CaseFigures+Scan.
import Foundation
import SQLite

/// The case counts of one year, suppressed.
struct CaseFigures {
    /// What became of a case (coordinate in the outcome hierarchy).
    enum Outcome: Int, CaseIterable {
        case recorded = 0, met, unmet, open
    }

    /// The area levels of the lattice below its root ("all areas").
    static let areaLevels = ["stadt", "bezirk", "stadtteil", "quartier"]
    /// Offer statuses that mean the need was taken up.
    static let metStatuses: Set<String> = ["accepted", "in-progress", "on-hold", "completed"]
    /// Offer statuses still waiting for an answer.
    static let openStatuses: Set<String> = ["requested"]

    /// The year counted.
    let year: Int
    private let lattice: SuppressionLattice
    /// Per lattice key, whether the count is suppressed.
    private let hidden: [Bool]
    /// Area node of (depth in `areaLevels`, code); the root is node 0.
    private let areaNodes: [String: Int]
    /// Need node of a need or category code; all needs is node 0.
    private let needNodes: [String: Int]

    /// The counts of cases opened in `year` on `db`.
    init(_ db: Database, year: Int, threshold: Int = UnmetNeedsReport.suppressionThreshold) throws {
        self.year = year
        // Areas: roll every Sozialraum up to each level (a missing level repeats the node below).
        // Nodes are numbered in a fixed order (areas by code, needs by code, groups by id), so
        // that every computation breaks ties alike and all queries agree.
        var parent: [String: String] = [:], levels: [String: String] = [:], codes: [String: String] = [:]
        try db.prepare("SELECT id, parent_id, level, code FROM sozialraum ORDER BY code").forEach { row in
            if let up = row.optionalString(1) { parent[row.string(0)] = up }
            levels[row.string(0)] = row.string(2)
            codes[row.string(0)] = row.string(3)
        }
        var areaNodes: [String: Int] = [:], areaParent = [-1]
        var leafOf: [String: Int] = [:]
        func leaf(_ id: String?) -> Int {
            let id = id ?? ""
            if let known = leafOf[id] { return known }
            var node = 0
            for (depth, _) in Self.areaLevels.enumerated() {
                var area = id
                while let level = levels[area], let at = Self.areaLevels.firstIndex(of: level), at > depth, let up = parent[area] { area = up }
                let name = "\(depth)\u{1F}\(codes[area] ?? "-")"
                if let known = areaNodes[name] { node = known; continue }
                areaNodes[name] = areaParent.count
                areaParent.append(node)
                node = areaParent.count - 1
            }
            leafOf[id] = node
            return node
        }
        for (id, _) in codes.sorted(by: { $0.value < $1.value }) { _ = leaf(id) }
        // Needs: all → category (top level of the need taxonomy) → need.
        var termParent: [String: String] = [:], termCode: [String: String] = [:]
        try db.prepare("""
            SELECT t.id, t.parent_id, t.code FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf'
            """).forEach { row in
            if let up = row.optionalString(1) { termParent[row.string(0)] = up }
            termCode[row.string(0)] = row.optionalString(2) ?? row.string(0)
        }
        var categoryOf: [String: String] = [:]
        for (id, code) in termCode {
            var top = id, steps = 0
            while let up = termParent[top], steps < 16 { top = up; steps += 1 }
            categoryOf[code] = termCode[top] ?? code
        }
        var needNodes: [String: Int] = [:], needParent = [-1]
        func needNode(_ code: String) -> Int {
            if let known = needNodes[code] { return known }
            let category = categoryOf[code] ?? code
            var up = 0
            if category != code {
                if let known = needNodes[category] { up = known } else {
                    needNodes[category] = needParent.count
                    needParent.append(0)
                    up = needParent.count - 1
                }
            }
            needNodes[code] = needParent.count
            needParent.append(up)
            return needParent.count - 1
        }

        for code in termCode.values.sorted() { _ = needNode(code) }
        // The node chain of an unknown or missing area (created last, as by its first case).
        let noArea = leaf(nil)

        // Leaf counts (need, area, month, outcome) from the scan; needs unknown to the
        // taxonomy become nodes at the end, in the order their first case comes in group order.
        let knownAreas = leafOf, knownNeeds = needNodes
        let scan = try Scan(db, period: ReportPeriod.year(year), areaOf: { knownAreas[$0] ?? noArea }, needOf: { knownNeeds[$0] },
                            needCount: needParent.count, areaCount: areaParent.count)
        var unknownNode: [Int] = []
        for code in scan.unknownNeeds { unknownNode.append(needNode(code)) }
        var lattice = SuppressionLattice(parents: [areaParent, [-1, 0, 0, 0, 0] + (1...12).map { ($0 + 2) / 3 }, needParent,
                                                   [-1, 0, 0, 0]])
        scan.forEachLeaf { need, area, month, outcome, count in
            let node = need < Scan.unknownBase ? need : unknownNode[need - Scan.unknownBase]
            lattice.add([area, 4 + month, node, outcome], count: count)
        }
        self.lattice = lattice
        self.hidden = lattice.hiddenFlags(threshold: threshold)
        self.areaNodes = areaNodes
        self.needNodes = needNodes
    }

    /// The period node of `period` (0 the year, 1…4 quarters, 5…16 months).
    static func periodNode(_ period: ReportPeriod) -> Int {
        period.kind == .year ? 0 : period.kind == .quarter ? period.number : 4 + period.number
    }

    /// The area node of `code` at `level` (nil: all areas); nil when no case lies there.
    private func areaNode(_ code: String?, level: String?) -> Int? {
        guard let code, let level, let depth = Self.areaLevels.firstIndex(of: level) else { return 0 }
        return areaNodes["\(depth)\u{1F}\(code)"]
    }

    /// The published count: cases of `outcome` in area `code` at `level` (nil code: all areas),
    /// in `period` (of this year), for need or category `need` (nil: all needs). 0 when there
    /// are none, nil when suppressed.
    func count(area code: String? = nil, level: String? = nil, period: ReportPeriod, need: String? = nil, outcome: Outcome = .recorded) -> Int? {
        guard period.year == year, let area = areaNode(code, level: level) else { return 0 }
        let needNode: Int
        if let need { guard let known = needNodes[need] else { return 0 }; needNode = known } else { needNode = 0 }
        let key = lattice.key([area, Self.periodNode(period), needNode, outcome.rawValue])
        guard lattice.isCounted(key: key) else { return 0 }
        return hidden[key] ? nil : lattice.value(key: key)
    }

    /// The area codes at `level` with cases in the year.
    func areas(level: String) -> [String] {
        guard let depth = Self.areaLevels.firstIndex(of: level) else { return [] }
        let prefix = "\(depth)\u{1F}"
        return areaNodes.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.filter { $0 != "-" }.sorted()
    }

    /// The need codes (leaves and categories) with cases in the year.
    var needs: [String] { needNodes.keys.sorted() }
}

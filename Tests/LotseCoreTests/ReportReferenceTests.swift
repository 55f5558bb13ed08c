// The report's fast paths against the straightforward code they replaced, kept here as the
// reference: the dense suppression lattice decides exactly as the dictionary one on random
// trees and counts, and the case figures read from the covering index and the group index equal
// reading every group in group order — every count and every suppression decision, over a
// history with parallel offers, re-referrals, drafts, errors, missing and unknown areas, needs
// unknown to the taxonomy, equal timestamps and groups that span the turn of the year.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReportReferenceTests {
    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6]) func theDenseLatticeDecidesAsTheReference(seed: UInt64) {
        var random = ReportSuppressionTests.Random(state: seed)
        // Random trees (parents before or after their children), random leaves, some counts 0.
        func tree(_ size: Int) -> [Int] {
            var parents = [-1]
            for node in 1..<size { parents.append(random.next(node)) }
            return parents
        }
        let parents = (0..<(2 + random.next(3))).map { _ in tree(1 + random.next(7)) }
        var fast = SuppressionLattice(parents: parents), reference = ReferenceLattice(parents: parents)
        for _ in 0..<(5 + random.next(120)) {
            let leaf = parents.map { random.next($0.count) }
            let count = random.next(4) == 0 ? 0 : 1 + random.next(9)
            fast.add(leaf, count: count)
            reference.add(leaf, count: count)
        }
        let threshold = 3 + random.next(5)
        let hidden = fast.hidden(threshold: threshold), expected = reference.hidden(threshold: threshold)
        #expect(hidden == expected)
        #expect(!expected.isEmpty || reference.values.values.allSatisfy { $0 >= threshold })
        for key in 0..<fast.keyCount {
            #expect(fast.value(key: key) == (reference.values[key] ?? 0))
            #expect(fast.isCounted(key: key) == (reference.values[key] != nil))
            #expect(fast.key(fast.coordinates(key)) == key && fast.coordinates(key) == reference.coordinates(key))
        }
    }

    /// A history that exercises every path of the case scan.
    static func history(seed: UInt64) throws -> ReferralFixture {
        let network = try ReferralFixture()
        var random = ReportSuppressionTests.Random(state: seed)
        let areas: [String?] = try network.store.pool.read { try $0.query("SELECT id FROM sozialraum ORDER BY id") { $0.string(0) } }
            + [nil, "kein-sozialraum"]
        let needs = ["pflege.tagespflege", "beratung.sucht", "alltag.mittagstisch", "wohnen.wohngemeinschaft", "alt.nicht-mehr-da",
                     "zzz.unbekannt", "aaa.unbekannt", "pflege"]
        let statuses = ["requested", "accepted", "rejected", "in-progress", "on-hold", "cancelled", "failed", "completed", "draft", "entered-in-error"]
        func insert(_ db: Database) throws {
            var number = 0
            for index in 0..<700 {
                // Group ids in an order unlike the insertion order.
                let group = String(format: "%08x", UInt32(truncatingIfNeeded: (index &* 2_654_435_761) & 0xFFFF_FFFF))
                let offers = [1, 1, 1, 2, 3, 4][random.next(6)]
                let area = areas[random.next(areas.count)]
                let year = [2025, 2026, 2026, 2026, 2027][random.next(5)]
                let month = 1 + random.next(12), day = 1 + random.next(28)
                for offer in 0..<offers {
                    number += 1
                    let id = offer == 0 ? group : "\(group)-\(number)"
                    // Parallel offers share the time; a re-referral comes later, sometimes next year.
                    let later = random.next(3) == 0
                    let created = later ? String(format: "%04d-%02d-%02dT10:00:00Z", month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, day)
                        : String(format: "%04d-%02d-%02dT09:00:00Z", year, month, day)
                    let status = statuses[random.next(statuses.count)]
                    let reason = status == "cancelled" && random.next(2) == 0 ? "sibling-accepted" : status == "rejected" ? "capacity" : nil
                    let memberNeeds = (0..<(1 + random.next(2))).map { _ in needs[random.next(needs.count)] }.joined(separator: ",")
                    try db.execute("""
                        INSERT INTO referral(id, group_id, status, reason, requester_account_id, service_id, sozialraum_id, needs, created_at,
                            sent_at, responded_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, id, group, status, reason, network.counselor.id, network.serviceA,
                                   random.next(5) == 0 ? areas[random.next(areas.count)] : area, memberNeeds, created, created,
                                   random.next(2) == 0 ? nil : created, created)
                }
            }
        }
        // An area id no longer in the tree needs the foreign keys off while it is written.
        try network.store.pool.writeWithoutTransaction { db in
            try db.execute("PRAGMA foreign_keys = OFF")
            defer { try? db.execute("PRAGMA foreign_keys = ON") }
            try db.transaction { try insert(db) }
        }
        return network
    }

    @Test(arguments: [11 as UInt64, 12, 13]) func caseFiguresEqualTheGroupByGroupReference(seed: UInt64) throws {
        let network = try Self.history(seed: seed)
        try network.store.pool.read { db in
            let codes = try db.query("SELECT code, level FROM sozialraum ORDER BY code") { ($0.string(0), $0.string(1)) }
            var compared = 0, suppressed = 0
            for year in [2025, 2026, 2027] {
                for threshold in [3, 5] {
                    let fast = try CaseFigures(db, year: year, threshold: threshold)
                    let reference = try ReferenceCaseFigures(db, year: year, threshold: threshold)
                    #expect(fast.needs == reference.needs)
                    for level in CaseFigures.areaLevels { #expect(fast.areas(level: level) == reference.areas(level: level)) }
                    let periods = [ReportPeriod.year(year)] + (1...4).map { ReportPeriod.quarter($0, of: year) } + (1...12).map { ReportPeriod.month($0, of: year) }
                    let areas: [(String?, String?)] = [(nil, nil)] + codes.map { ($0.0, $0.1) } + CaseFigures.areaLevels.map { ("-", $0) }
                    for period in periods {
                        for (code, level) in areas {
                            for need in [nil] + reference.needs + ["nie.gesehen"] {
                                for outcome in CaseFigures.Outcome.allCases {
                                    let expected = reference.count(area: code, level: level, period: period, need: need,
                                                                   outcome: ReferenceCaseFigures.Outcome(rawValue: outcome.rawValue) ?? .recorded)
                                    #expect(fast.count(area: code, level: level, period: period, need: need, outcome: outcome) == expected,
                                            "\(year) \(period.parameter) \(code ?? "alle") \(need ?? "alle") \(outcome)")
                                    compared += 1
                                    if expected == nil { suppressed += 1 }
                                }
                            }
                        }
                    }
                }
            }
            #expect(compared > 10_000 && suppressed > 100, "the history exercises suppression")
            // The history holds the cases the scan treats apart.
            #expect(try db.scalarInt("SELECT count(*) FROM (SELECT group_id FROM referral GROUP BY group_id HAVING count(*) > 1)") ?? 0 > 50)
            #expect(try db.scalarInt("SELECT count(*) FROM referral WHERE sozialraum_id IS NULL AND status NOT IN ('draft', 'entered-in-error')") ?? 0 > 5)
        }
    }
}

/// The suppression lattice as it was before it became dense (dictionary of counts), verbatim.
struct ReferenceLattice {
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

/// The case figures as they were before the scan was split (every group read in group order), verbatim.
struct ReferenceCaseFigures {
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
    private var lattice: ReferenceLattice
    private let hidden: Set<Int>
    /// Area node of (depth in `areaLevels`, code); the root is node 0.
    private let areaNodes: [String: Int]
    /// Need node of a need or category code; all needs is node 0.
    private let needNodes: [String: Int]

    /// The counts of cases opened in `year` on `db`.
    init(_ db: Database, year: Int, threshold: Int = 5) throws {
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

        // The referral groups with an offer created in the year, streamed group by group (in
        // group order, so only one group is held at a time); leaf counts (area, month, need,
        // outcome) first, then one walk up per distinct leaf.
        struct Member { let created: String, area: String?, needs: [Substring], status: String, siblingAccepted: Bool }
        struct Leaf: Hashable { let area: Int, period: Int, need: Int, outcome: Int }
        var leaves: [Leaf: Int] = [:]
        let period = ReportPeriod.year(year)
        func count(_ members: [Member]) {
            guard let first = members.min(by: { $0.created < $1.created }), first.created >= period.from, first.created < period.until,
                  let month = Int(first.created.dropFirst(5).prefix(2)), (1...12).contains(month) else { return }
            let area = leaf(first.area)
            var needs: [Substring] = []
            for member in members { for need in member.needs where !needs.contains(need) { needs.append(need) } }
            for need in needs {
                let offers = members.filter { !$0.siblingAccepted && $0.needs.contains(need) }
                let outcome: Outcome = offers.isEmpty || offers.contains { CaseFigures.metStatuses.contains($0.status) } ? .met
                    : offers.contains { CaseFigures.openStatuses.contains($0.status) } ? .open : .unmet
                leaves[Leaf(area: area, period: 4 + month, need: needNode(String(need)), outcome: outcome.rawValue), default: 0] += 1
            }
        }
        var group = "", members: [Member] = []
        try db.prepare("""
            SELECT group_id, created_at, sozialraum_id, needs, status, reason FROM referral
            WHERE status NOT IN ('draft', 'entered-in-error')
              AND group_id IN (SELECT group_id FROM referral WHERE created_at >= ? AND created_at < ?)
            ORDER BY group_id
            """).forEach([period.from, period.until]) { row in
            let id = row.string(0)
            if id != group {
                count(members)
                members.removeAll(keepingCapacity: true)
                group = id
            }
            members.append(Member(created: row.string(1), area: row.optionalString(2), needs: row.string(3).split(separator: ","),
                                  status: row.string(4), siblingAccepted: row.optionalString(5) == "sibling-accepted"))
        }
        count(members)
        var lattice = ReferenceLattice(parents: [areaParent, [-1, 0, 0, 0, 0] + (1...12).map { ($0 + 2) / 3 }, needParent,
                                                   [-1, 0, 0, 0]])
        for (leaf, count) in leaves { lattice.add([leaf.area, leaf.period, leaf.need, leaf.outcome], count: count) }
        self.lattice = lattice
        self.hidden = lattice.hidden(threshold: threshold)
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
        guard let value = lattice.values[key] else { return 0 }
        return hidden.contains(key) ? nil : value
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

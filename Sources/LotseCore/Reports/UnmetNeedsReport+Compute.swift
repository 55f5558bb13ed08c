// UnmetNeedsReport+Compute: builds the report from the referral tables (grouped in SQL) and the
// search snapshot (which needs have a provider in or for an area, from its bitsets).
import Foundation
import SQLite

extension UnmetNeedsReport {
    /// Computes the report for referrals created in [`from`, `until`) (dates; nil: open),
    /// areas rolled up to `level` ("stadtteil" by default), using `index` for the directory.
    public static func compute(_ db: Database, index: SearchIndex, from: String? = nil, until: String? = nil,
                               level: String = "stadtteil") throws -> UnmetNeedsReport {
        // The Sozialraum tree, to roll areas up to the level.
        var parent: [String: String] = [:], levels: [String: String] = [:], codes: [String: String] = [:], names: [String: String] = [:]
        try db.prepare("SELECT id, parent_id, level, code, name FROM sozialraum").forEach { row in
            if let up = row.optionalString(1) { parent[row.string(0)] = up }
            levels[row.string(0)] = row.string(2)
            codes[row.string(0)] = row.string(3)
            names[row.string(3)] = row.string(4)
        }
        let order = ["stadt", "bezirk", "stadtteil", "quartier"]
        let wanted = order.firstIndex(of: level) ?? 2
        var rollup: [String: String] = [:]
        for id in levels.keys {
            var node = id
            while let depth = order.firstIndex(of: levels[node] ?? ""), depth > wanted, let up = parent[node] { node = up }
            rollup[id] = codes[node]
        }
        var needNames: [String: String] = [:]
        try db.prepare("""
            SELECT t.code, t.name FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf'
            """).forEach { needNames[$0.string(0)] = $0.string(1) }

        var period = "r.status NOT IN ('draft', 'entered-in-error')"
        var values: [SQLBindable?] = []
        if let from { period += " AND r.created_at >= ?"; values.append(from) }
        if let until { period += " AND r.created_at < ?"; values.append(until) }

        // One scan of the referral table: cells (area × need × status × reason) and reply times.
        // Areas, needs, statuses and reasons are interned as small integers packed into one key.
        var areaIndex: [String: Int] = [:], areaKeys: [String] = []
        func internArea(_ code: String) -> Int {
            if let known = areaIndex[code] { return known }
            areaKeys.append(code)
            areaIndex[code] = areaKeys.count - 1
            return areaKeys.count - 1
        }
        var rolledArea: [String: Int] = [:]
        var needIndex: [String: Int] = [:], needKeys: [String] = []
        var needLists: [String: [Int]] = [:]
        let statuses = ReferralStatus.allCases, reasons = [nil] + ReferralReason.allCases.map { Optional($0) }
        let statusIndex = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1.rawValue, $0) })
        let reasonIndex = Dictionary(uniqueKeysWithValues: ReferralReason.allCases.enumerated().map { ($1.rawValue, $0 + 1) })
        var counts: [UInt64: Int] = [:]
        var byService: [String: [Double]] = [:], byAreaIndex: [Int: [Double]] = [:]
        try db.prepare("""
            SELECT r.sozialraum_id, r.needs, r.status, r.reason, r.service_id,
                   CASE WHEN r.responded_at IS NOT NULL AND r.sent_at IS NOT NULL
                        THEN (julianday(r.responded_at) - julianday(r.sent_at)) * 24 END
            FROM referral r WHERE \(period)
            """).forEach(values) { row in
            let areaID = row.string(0)
            let area: Int
            if let known = rolledArea[areaID] { area = known } else {
                area = internArea(rollup[areaID] ?? "-")
                rolledArea[areaID] = area
            }
            let needText = row.string(1)
            let needs: [Int]
            if let known = needLists[needText] { needs = known } else {
                needs = needText.split(separator: ",").map { code in
                    let code = String(code)
                    if let known = needIndex[code] { return known }
                    needKeys.append(code)
                    needIndex[code] = needKeys.count - 1
                    return needKeys.count - 1
                }
                needLists[needText] = needs
            }
            let status = statusIndex[row.string(2)] ?? 0
            let reason = row.isNull(3) ? 0 : reasonIndex[row.string(3)] ?? 0
            for need in needs {
                counts[UInt64(area) << 40 | UInt64(need) << 16 | UInt64(status) << 8 | UInt64(reason), default: 0] += 1
            }
            if let hours = row.optionalDouble(5), let service = row.optionalString(4) {
                byService[service, default: []].append(max(0, hours))
                byAreaIndex[area, default: []].append(max(0, hours))
            }
        }
        // Keys: area << 40 | need << 16 | status << 8 | reason; a group is (area, need).
        func area(_ key: UInt64) -> Int { Int(key >> 40) }
        func need(_ key: UInt64) -> Int { Int(key >> 16 & 0xFF_FFFF) }
        var byGroup: [UInt64: [(key: UInt64, count: Int)]] = [:]
        var areaSums: [Int: Int] = [:], needSums: [Int: Int] = [:], demand: [String: Int] = [:]
        for (key, count) in counts {
            byGroup[key >> 16, default: []].append((key, count))
            areaSums[area(key), default: 0] += count
            needSums[need(key), default: 0] += count
        }
        let groupOrder = byGroup.keys.sorted {
            (areaKeys[area($0 << 16)], needKeys[need($0 << 16)]) < (areaKeys[area($1 << 16)], needKeys[need($1 << 16)])
        }
        var cells: [Cell] = []
        cells.reserveCapacity(counts.count)
        for group in groupOrder {
            let entries = byGroup[group]!.sorted { $0.key < $1.key }
            let areaCode = areaKeys[area(group << 16)], needCode = needKeys[need(group << 16)]
            demand[areaCode + "\u{1F}" + needCode] = entries.reduce(0) { $0 + $1.count }
            let areaName = names[areaCode] ?? "ohne Sozialraum", needName = needNames[needCode] ?? needCode
            for (entry, shown) in zip(entries, suppress(entries.map(\.count))) {
                cells.append(Cell(sozialraum: areaCode, sozialraumName: areaName, need: needCode, needName: needName,
                                  status: statuses[Int(entry.key >> 8 & 0xFF)], reason: reasons[Int(entry.key & 0xFF)], count: shown))
            }
        }
        func totals(_ sums: [Int: Int], keys: [String], label: (String) -> String) -> [Total] {
            let ordered = sums.keys.sorted { keys[$0] < keys[$1] }
            return zip(ordered, suppress(ordered.map { sums[$0]! })).map { Total(key: keys[$0], label: label(keys[$0]), count: $1) }
        }
        let areaTotals = totals(areaSums, keys: areaKeys) { names[$0] ?? "ohne Sozialraum" }
        let needTotals = totals(needSums, keys: needKeys) { needNames[$0] ?? $0 }
        let referralCount = try db.query("SELECT count(*) FROM referral r WHERE \(period)", values: values) { $0.int(0) }.first ?? 0

        // Gaps: area at the level × leaf need with no listed service in or for the area.
        var gaps: [Gap] = []
        let needs = index.leafNeeds
        for area in index.areas(level: level) {
            guard let here = index.inArea(area.code) else { continue }
            for need in needs {
                guard let offering = index.bits(taxonomy: .need, code: need.code), here.intersectionCount(offering) == 0 else { continue }
                let asked = demand[area.code + "\u{1F}" + need.code] ?? 0
                gaps.append(Gap(sozialraum: area.code, sozialraumName: area.name, need: need.code, needName: need.name,
                                referrals: asked == 0 ? 0 : asked < suppressionThreshold ? nil : asked))
            }
        }
        gaps.sort { left, right in
            let (x, y) = (left.referrals ?? 1, right.referrals ?? 1)
            return x != y ? x > y : (left.sozialraum, left.need) < (right.sozialraum, right.need)
        }

        // Response times.
        var byArea: [String: [Double]] = [:]
        for (area, hours) in byAreaIndex { byArea[areaKeys[area], default: []] += hours }
        func times(_ groups: [String: [Double]], label: (String) -> String) -> [ResponseTime] {
            groups.keys.sorted().map { key in
                let values = groups[key]!
                let shown = values.count >= suppressionThreshold
                return ResponseTime(key: key, label: label(key), answered: shown ? values.count : nil,
                                    medianHours: shown ? Statistics.percentile(values, 0.5) : nil,
                                    p90Hours: shown ? Statistics.percentile(values, 0.9) : nil)
            }
        }
        var serviceNames: [String: String] = [:]
        if byService.count <= 5_000 {
            for id in byService.keys { serviceNames[id] = try db.scalarString("SELECT name FROM service WHERE id = ?", id) }
        }
        return UnmetNeedsReport(
            from: from, until: until, level: level, cells: cells, areaTotals: areaTotals, needTotals: needTotals,
            referralTotal: referralCount < suppressionThreshold ? nil : referralCount, gaps: gaps,
            responseTimesByService: times(byService) { serviceNames[$0] ?? $0 },
            responseTimesByArea: times(byArea) { names[$0] ?? "ohne Sozialraum" })
    }
}

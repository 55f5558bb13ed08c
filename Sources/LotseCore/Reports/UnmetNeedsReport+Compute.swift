// UnmetNeedsReport+Compute: builds the report from the referral tables (grouped in SQL) and the
// search snapshot (which needs have a provider in or for an area, from its bitsets).
import Foundation
import SQLite

extension UnmetNeedsReport {
    /// The area levels every query shares (one lattice, so that the levels cannot be differenced).
    static let areaLevels = ["bezirk", "stadtteil", "quartier"]

    /// Computes the report for referrals created in `period`, areas rolled up to `level`
    /// ("bezirk", "stadtteil" or "quartier"; anything else is refused), using
    /// `index` for the directory. Suppression is decided on the whole year of the period at
    /// every level (`SuppressionLattice`), so that no other allowed query reveals a hidden count.
    public static func compute(_ db: Database, index: SearchIndex, period: ReportPeriod,
                               level requested: String = "stadtteil") throws -> UnmetNeedsReport {
        guard areaLevels.contains(requested) else {
            throw LotseError(.invalidInput, "»\(requested)« ist keine Ebene des Berichts. Möglich sind Bezirk, Stadtteil und Quartier.")
        }
        let level = requested
        // The Sozialraum tree, to roll areas up to each level.
        var parent: [String: String] = [:], levels: [String: String] = [:], codes: [String: String] = [:], names: [String: String] = [:]
        try db.prepare("SELECT id, parent_id, level, code, name FROM sozialraum").forEach { row in
            if let up = row.optionalString(1) { parent[row.string(0)] = up }
            levels[row.string(0)] = row.string(2)
            codes[row.string(0)] = row.string(3)
            names[row.string(3)] = row.string(4)
        }
        let order = ["stadt", "bezirk", "stadtteil", "quartier"]
        func rollup(_ id: String, to wanted: Int) -> String {
            guard levels[id] != nil else { return "-" }
            var node = id
            while let depth = order.firstIndex(of: levels[node] ?? ""), depth > wanted, let up = parent[node] { node = up }
            return codes[node] ?? "-"
        }
        var needNames: [String: String] = [:]
        try db.prepare("""
            SELECT t.code, t.name FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf'
            """).forEach { needNames[$0.string(0)] = $0.string(1) }

        // Area nodes: (level, code) for the three levels, each with its parent one level up.
        var areaIndex: [String: Int] = [:], areaParent: [Int] = [], areaCode: [Int] = [], areaLevel: [Int] = []
        var areaCodes: [String] = [], areaCodeIndex: [String: Int] = [:]
        func areaNode(_ depth: Int, _ code: String, parentNode: Int) -> Int {
            let name = "\(depth)\u{1F}\(code)"
            if let known = areaIndex[name] { return known }
            if areaCodeIndex[code] == nil { areaCodeIndex[code] = areaCodes.count; areaCodes.append(code) }
            areaIndex[name] = areaParent.count
            areaParent.append(parentNode)
            areaCode.append(areaCodeIndex[code]!)
            areaLevel.append(depth)
            return areaParent.count - 1
        }
        var leafArea: [String: Int] = [:]
        func leaf(_ id: String) -> Int {
            if let known = leafArea[id] { return known }
            var node = -1
            for (depth, name) in areaLevels.enumerated() { node = areaNode(depth, rollup(id, to: order.firstIndex(of: name)!), parentNode: node) }
            leafArea[id] = node
            return node
        }
        // Period nodes: 0 the year, 1…4 its quarters, 5…16 its months.
        let periodParent = [-1, 0, 0, 0, 0] + (1...12).map { ($0 + 2) / 3 }
        let periodNode = period.kind == .year ? 0 : period.kind == .quarter ? period.number : 4 + period.number
        let wantedDepth = areaLevels.firstIndex(of: level)!
        let year = ReportPeriod.year(period.year)

        // One scan of the year's referrals (the covering index `referral_report`); column values
        // are looked up by their bytes (`ByteKeyTable`), so a row builds no String once its area,
        // needs, status and service have been seen. Nodes and need numbers are still made in the
        // order of first appearance, as ties are broken by them.
        let statuses = ReferralStatus.allCases, reasons = [nil] + ReferralReason.allCases.map { Optional($0) }
        var statusTable = ByteKeyTable(), reasonTable = ByteKeyTable()
        for status in statuses { statusTable.insert(status.rawValue) }
        for reason in ReferralReason.allCases { reasonTable.insert(reason.rawValue) }
        var needIndex: [String: Int] = [:], needKeys: [String] = []
        var needTable = ByteKeyTable(), needLists: [[Int]] = []
        var areaTable = ByteKeyTable(), areaOfEntry: [Int] = []
        var serviceTable = ByteKeyTable(), serviceIDs: [String] = []
        var total = SuppressionLattice(areaParent: [-1], periodParent: periodParent)
        let inPeriod = Set(period.months)
        // Aggregated while scanning (memory grows with areas × months × cells, not referrals):
        // offers per (cell, area, month), referrals per month, answers per (area, month) and per
        // (service, month); reply hours are kept only for the period's answers.
        var cellCounts: [Int: Int] = [:]   // (cell << 24 | area << 4 | month) → offers
        var monthCounts = [Int](repeating: 0, count: 13)
        var answerCounts: [Int] = []       // area × 13 + month → answers
        var periodHours: [[Double]] = []   // leaf area → hours
        var serviceMonths: [[Int]] = []    // service → answers per month
        var serviceHours: [[Double]] = []  // service → hours in the period
        try db.prepare("""
            SELECT r.sozialraum_id, r.needs, r.status, r.reason, r.service_id, CAST(substr(r.created_at, 6, 2) AS INTEGER),
                   CASE WHEN r.responded_at IS NOT NULL AND r.sent_at IS NOT NULL
                        THEN (julianday(r.responded_at) - julianday(r.sent_at)) * 24 END
            FROM referral r WHERE r.status NOT IN ('draft', 'entered-in-error') AND r.created_at >= ? AND r.created_at < ?
            """).forEach([year.from, year.until]) { row in
            let month = row.int(5)
            guard (1...12).contains(month) else { return }
            let area: Int = row.withUTF8(0) { bytes in
                if let known = areaTable.find(bytes) { return areaOfEntry[known] }
                areaTable.insert(bytes)
                areaOfEntry.append(leaf(String(decoding: bytes, as: UTF8.self)))
                return areaOfEntry[areaOfEntry.count - 1]
            }
            let needs: [Int] = row.withUTF8(1) { bytes in
                if let known = needTable.find(bytes) { return needLists[known] }
                needTable.insert(bytes)
                needLists.append(String(decoding: bytes, as: UTF8.self).split(separator: ",").map { code in
                    let code = String(code)
                    if let known = needIndex[code] { return known }
                    needKeys.append(code)
                    needIndex[code] = needKeys.count - 1
                    return needKeys.count - 1
                })
                return needLists[needLists.count - 1]
            }
            let status = row.withUTF8(2) { statusTable.find($0) } ?? 0
            let reason = row.isNull(3) ? 0 : row.withUTF8(3) { reasonTable.find($0).map { $0 + 1 } } ?? 0
            for need in needs { cellCounts[(need << 16 | status << 8 | reason) << 24 | area << 4 | month, default: 0] += 1 }
            monthCounts[month] += 1
            if let hours = row.optionalDouble(6).map({ max(0, $0) }) {
                if answerCounts.count < (area + 1) * 13 { answerCounts += [Int](repeating: 0, count: (area + 1) * 13 - answerCounts.count) }
                answerCounts[area * 13 + month] += 1
                if inPeriod.contains(month) {
                    if periodHours.count <= area { periodHours += [[Double]](repeating: [], count: area + 1 - periodHours.count) }
                    periodHours[area].append(hours)
                }
                if !row.isNull(4) {
                    let service: Int = row.withUTF8(4) { bytes in
                        if let known = serviceTable.find(bytes) { return known }
                        serviceIDs.append(String(decoding: bytes, as: UTF8.self))
                        serviceMonths.append([Int](repeating: 0, count: 13))
                        serviceHours.append([])
                        return serviceTable.insert(bytes)
                    }
                    serviceMonths[service][month] += 1
                    if inPeriod.contains(month) { serviceHours[service].append(hours) }
                }
            }
        }
        for month in 1...12 where monthCounts[month] > 0 { total.add(area: 0, period: 4 + month, count: monthCounts[month]) }
        let threshold = suppressionThreshold
        let wantedAreas = areaParent.indices.filter { areaLevel[$0] == wantedDepth }

        // Offer cells of the period at the level, as each cell's lattice decides (one cell's
        // lattice at a time, its leaves in key order).
        var cells: [Cell] = []
        let emptyCell = SuppressionLattice(areaParent: areaParent, periodParent: periodParent)
        let leaves = cellCounts.keys.sorted()
        var start = 0
        while start < leaves.count {
            let cell = leaves[start] >> 24
            var end = start, lattice = emptyCell
            while end < leaves.count && leaves[end] >> 24 == cell {
                lattice.add(area: leaves[end] >> 4 & 0xFFFFF, period: 4 + leaves[end] & 0xF, count: cellCounts[leaves[end]] ?? 0)
                end += 1
            }
            start = end
            let hidden = lattice.hiddenFlags(threshold: threshold)
            let needCode = needKeys[cell >> 16], status = statuses[cell >> 8 & 0xFF], reason = reasons[cell & 0xFF]
            for area in wantedAreas {
                let count = lattice.value(area, periodNode)
                guard count > 0 else { continue }
                let shown = !hidden[lattice.key(area, periodNode)]
                let code = areaCodes[areaCode[area]]
                cells.append(Cell(sozialraum: code, sozialraumName: names[code] ?? "ohne Sozialraum", need: needCode,
                                  needName: needNames[needCode] ?? needCode, status: status, reason: reason, count: shown ? count : nil))
            }
        }
        let statusOrder = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1, $0) })
        cells.sort { ($0.sozialraum, $0.need, statusOrder[$0.status] ?? 0, $0.reason?.rawValue ?? "")
            < ($1.sozialraum, $1.need, statusOrder[$1.status] ?? 0, $1.reason?.rawValue ?? "") }
        let totalHidden = total.hiddenFlags(threshold: threshold)
        let referralCount = total.value(0, periodNode)
        let referralTotal = referralCount == 0 ? 0 : totalHidden[total.key(0, periodNode)] ? nil : referralCount

        // Cases: exact totals per need and per area, from one lattice with the margins.
        let cases = try CaseFigures(db, year: period.year, threshold: threshold)
        func counts(key: String, label: String, area: String?, need: String?) -> CaseCounts {
            func count(_ outcome: CaseFigures.Outcome) -> Int? {
                cases.count(area: area, level: area == nil ? nil : level, period: period, need: need, outcome: outcome)
            }
            return CaseCounts(key: key, label: label, recorded: count(.recorded), met: count(.met), unmet: count(.unmet), open: count(.open))
        }
        let caseTotal = counts(key: "", label: "alle", area: nil, need: nil)
        let areaTotals = cases.areas(level: level).map { counts(key: $0, label: names[$0] ?? "ohne Sozialraum", area: $0, need: nil) }
            .filter { $0.recorded != 0 }
        let needTotals = cases.needs.filter { needIndex[$0] != nil }
            .map { counts(key: $0, label: needNames[$0] ?? $0, area: nil, need: $0) }.filter { $0.recorded != 0 }

        // Gaps: area at the level × leaf need with no listed service in or for the area.
        var gaps: [Gap] = []
        for area in index.areas(level: level) {
            guard let here = index.inArea(area.code) else { continue }
            for need in index.leafNeeds {
                guard let offering = index.bits(taxonomy: .need, code: need.code), here.intersectionCount(offering) == 0 else { continue }
                gaps.append(Gap(sozialraum: area.code, sozialraumName: area.name, need: need.code, needName: need.name,
                                cases: cases.count(area: area.code, level: level, period: period, need: need.code)))
            }
        }
        gaps.sort { left, right in
            let (x, y) = (left.cases ?? 1, right.cases ?? 1)
            return x != y ? x > y : (left.sozialraum, left.need) < (right.sozialraum, right.need)
        }

        // Response times: the number of answers is suppressed like the cells; median and 90th
        // percentile only where it is shown.
        var answerLattice = SuppressionLattice(areaParent: areaParent, periodParent: periodParent)
        for (index, count) in answerCounts.enumerated() where count > 0 { answerLattice.add(area: index / 13, period: 4 + index % 13, count: count) }
        let answersHidden = answerLattice.hiddenFlags(threshold: threshold)
        var hoursByArea: [Int: [Double]] = [:]
        for (leaf, hours) in periodHours.enumerated() where !hours.isEmpty {
            var node = leaf
            while node >= 0 && areaLevel[node] > wantedDepth { node = areaParent[node] }
            if node >= 0 { hoursByArea[node, default: []] += hours }
        }
        var byArea: [ResponseTime] = []
        for area in wantedAreas where answerLattice.value(area, periodNode) > 0 {
            let code = areaCodes[areaCode[area]]
            let shown = !answersHidden[answerLattice.key(area, periodNode)]
            let hours = hoursByArea[area] ?? []
            byArea.append(ResponseTime(key: code, label: names[code] ?? "ohne Sozialraum", answered: shown ? hours.count : nil,
                                       medianHours: shown ? Statistics.percentile(hours, 0.5) : nil,
                                       p90Hours: shown ? Statistics.percentile(hours, 0.9) : nil))
        }
        byArea.sort { $0.key < $1.key }
        var byService: [ResponseTime] = []
        let emptyService = SuppressionLattice(areaParent: [-1], periodParent: periodParent)
        for (index, hours) in serviceHours.enumerated() where !hours.isEmpty {
            var lattice = emptyService
            for (month, count) in serviceMonths[index].enumerated() where count > 0 { lattice.add(area: 0, period: 4 + month, count: count) }
            let shown = !lattice.hiddenFlags(threshold: threshold)[lattice.key(0, periodNode)]
            byService.append(ResponseTime(key: serviceIDs[index], label: serviceIDs[index], answered: shown ? hours.count : nil,
                                          medianHours: shown ? Statistics.percentile(hours, 0.5) : nil,
                                          p90Hours: shown ? Statistics.percentile(hours, 0.9) : nil))
        }
        if byService.count <= 5_000 {
            byService = try byService.map { time in
                ResponseTime(key: time.key, label: try db.scalarString("SELECT name FROM service WHERE id = ?", time.key) ?? time.key,
                             answered: time.answered, medianHours: time.medianHours, p90Hours: time.p90Hours)
            }
        }
        byService.sort { $0.key < $1.key }
        return UnmetNeedsReport(
            period: period, level: level, cells: cells, areaTotals: areaTotals, needTotals: needTotals, caseTotal: caseTotal,
            referralTotal: referralTotal, gaps: gaps, responseTimesByService: byService, responseTimesByArea: byArea)
    }
}

// The report's periods and its secondary suppression: whole months, quarters and years only,
// and, over a generated history, no difference of two allowed queries that nest (month in
// quarter in year, Quartier in Stadtteil in Bezirk) nor any parent minus its shown parts reveals
// a count between 1 and 4.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReportSuppressionTests {
    @Test func periodsAreWholeMonthsQuartersAndYears() throws {
        #expect(ReportPeriod(parameter: "2026-11")?.label == "November 2026")
        #expect(ReportPeriod(parameter: "2026-Q3")?.label == "3. Quartal 2026")
        #expect(ReportPeriod(parameter: "2026")?.label == "2026")
        #expect(ReportPeriod(parameter: "2026-Q4")?.until == "2027-01-01" && ReportPeriod(parameter: "2026-02")?.from == "2026-02-01")
        for bad in ["2026-11-01", "2026-13", "2026-Q5", "26", "2026-W45", "", "2026-1", "letzte Woche"] {
            #expect(ReportPeriod(parameter: bad) == nil, "»\(bad)« accepted")
        }
        let fixture = try Fixture()
        let reporting = UnmetNeedsReporting(store: fixture.store, now: Fixture.now)
        #expect(throws: LotseError.self) { try reporting.period("2026-11-01") }
        #expect(try reporting.period(nil) == .year(2026))
    }

    /// A deterministic generator.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3]) func noDifferenceOfTwoAllowedQueriesRevealsASmallCount(seed: UInt64) throws {
        let network = try ReferralFixture()
        var random = Random(state: seed)
        let areas = try network.store.pool.read { try $0.query("SELECT id FROM sozialraum ORDER BY id") { $0.string(0) } }
        let needs = ["pflege.tagespflege", "beratung.sucht", "alltag.mittagstisch"]
        let statuses = ["rejected", "completed", "cancelled"]
        try network.store.pool.write { db in
            for number in 0..<900 {
                let id = "g\(number)"
                let status = statuses[random.next(statuses.count)]
                let month = 1 + random.next(12), day = 1 + random.next(28)
                let created = String(format: "2026-%02d-%02dT10:00:00Z", month, day)
                try db.execute("""
                    INSERT INTO referral(id, group_id, status, reason, requester_account_id, service_id, sozialraum_id, needs, created_at,
                        sent_at, responded_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, id, id, status, status == "completed" ? nil : "capacity", network.counselor.id, network.serviceA,
                               areas[random.next(min(areas.count, 6 + random.next(areas.count)))], needs[random.next(needs.count)],
                               created, created, random.next(3) == 0 ? nil : created, created)
            }
        }
        let index = try network.store.pool.read { try SearchIndex.build($0, now: Fixture.now) }
        let parents = try network.store.pool.read { db in
            Dictionary(try db.query("SELECT c.code, p.code FROM sozialraum c JOIN sozialraum p ON p.id = c.parent_id") { ($0.string(0), $0.string(1)) },
                       uniquingKeysWith: { first, _ in first })
        }
        let periods = ReportPeriod.choices(years: 2026...2026)
        let levels = UnmetNeedsReport.areaLevels
        // shown[(level, period)][cell key] = count; hidden cells recorded too.
        var shown: [String: Int] = [:], hidden: Set<String> = [], totals: [ReportPeriod: Int?] = [:]
        var checked = 0
        // Published case figures: "area|period|need|outcome" (area or need "" for all; outcome
        // 0 recorded, 1 met, 2 unmet, 3 open) → count, -1 when suppressed.
        var cases: [String: Int] = [:]
        func publish(_ area: String, _ period: ReportPeriod, _ need: String, _ counts: [Int?]) {
            for (outcome, count) in counts.enumerated() where count != 0 {
                let key = [area, period.parameter, need, String(outcome)].joined(separator: "|")
                if let known = cases[key] { #expect(known == (count ?? -1), "\(key) published as \(known) and \(count ?? -1)") }
                cases[key] = count ?? -1
            }
        }
        func publish(_ area: String, _ period: ReportPeriod, _ need: String, _ total: UnmetNeedsReport.CaseCounts) {
            publish(area, period, need, [total.recorded, total.met, total.unmet, total.open])
        }
        let areaLevels = try network.store.pool.read { db in
            Dictionary(try db.query("SELECT code, level FROM sozialraum") { ($0.string(0), $0.string(1)) }, uniquingKeysWith: { first, _ in first })
        }
        let reporting = UnmetNeedsReporting(store: network.store, now: Fixture.now)
        let codes = try network.store.pool.read { try $0.query("SELECT code FROM sozialraum") { $0.string(0) } }
        for period in periods {
            // District profiles of every area, from the same lattice.
            for code in codes {
                let demand = try reporting.demand(sozialraum: code, period: period)
                for row in [demand.total] + demand.rows { publish(code, period, row.need, [row.recorded, row.met, row.unmet]) }
            }
        }
        for period in periods {
            for level in levels {
                let report = try network.store.pool.read { try UnmetNeedsReport.compute($0, index: index, period: period, level: level) }
                totals[period] = report.referralTotal
                for cell in report.cells {
                    let key = [level, period.parameter, cell.sozialraum, cell.need, cell.status.rawValue, cell.reason?.rawValue ?? ""].joined(separator: "|")
                    if let count = cell.count {
                        #expect(count >= 5)
                        shown[key] = count
                    } else { hidden.insert(key) }
                }
                // Case figures: totals per area (all needs), per need (all areas), all, and the gaps.
                // (An area above the level stands for the cases recorded on it directly: skipped.)
                for total in report.areaTotals where areaLevels[total.key] == level { publish(total.key, period, "", total) }
                for total in report.needTotals { publish("", period, total.key, total) }
                publish("", period, "", report.caseTotal)
                for gap in report.gaps { publish(gap.sozialraum, period, gap.need, [gap.cases]) }
            }
        }
        #expect(!hidden.isEmpty && shown.count > 20, "the history exercises suppression")
        func small(_ difference: Int) -> Bool { (1...4).contains(difference) }
        // The nesting of queries: a period in its quarter and year, an area in its parent area.
        func containers(_ period: ReportPeriod) -> [ReportPeriod] {
            switch period.kind {
            case .year: []
            case .quarter: [.year(period.year)]
            case .month: [.quarter((period.number + 2) / 3, of: period.year), .year(period.year)]
            }
        }
        func rollup(_ code: String, to depth: Int) -> String {
            var node = code
            while levelOf(node) > depth, let up = parents[node] { node = up }
            return node
        }
        func parentAreas(_ code: String, _ level: Int) -> [(Int, String)] {
            (0..<level).reversed().map { ($0, rollup(code, to: $0)) }
        }
        func levelOf(_ code: String) -> Int { ["stadt": -1, "bezirk": 0, "stadtteil": 1, "quartier": 2][areaLevels[code] ?? ""] ?? 3 }
        // Every pair of shown counts where one query nests in the other.
        var childrenSums: [String: (shown: Int, hidden: Int)] = [:]
        for (key, count) in shown.merging(hidden.map { ($0, -1) }, uniquingKeysWith: { first, _ in first }) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let level = levels.firstIndex(of: parts[0])!, period = ReportPeriod(parameter: parts[1])!, rest = parts[3...].joined(separator: "|")
            var outer: [String] = containers(period).map { [parts[0], $0.parameter, parts[2], rest].joined(separator: "|") }
            for (depth, code) in parentAreas(parts[2], level) {
                outer += ([period] + containers(period)).map { [levels[depth], $0.parameter, code, rest].joined(separator: "|") }
            }
            for container in outer {
                if count >= 0, let big = shown[container] {
                    #expect(!small(big - count), "\(container) − \(key) = \(big - count)")
                    checked += 1
                }
            }
            // Direct parents (one step in one hierarchy) collect their shown and hidden children.
            var direct: [String] = []
            if let up = containers(period).first { direct.append([parts[0], up.parameter, parts[2], rest].joined(separator: "|")) }
            if let (depth, code) = parentAreas(parts[2], level).first { direct.append([levels[depth], parts[1], code, rest].joined(separator: "|") + "#a") }
            for parent in direct {
                var entry = childrenSums[parent] ?? (0, 0)
                if count >= 0 { entry.shown += count } else { entry.hidden += 1 }
                childrenSums[parent] = entry
            }
        }
        for (parent, sums) in childrenSums {
            let key = parent.hasSuffix("#a") ? String(parent.dropLast(2)) : parent
            guard let total = shown[key] else { continue }
            #expect(!small(total - sums.shown), "\(parent): \(total) minus shown parts \(sums.shown)")
            #expect(sums.hidden != 1, "\(parent): exactly one hidden part")
            checked += 1
        }
        #expect(checked > 100)
        // Case figures: no shown figure minus a shown figure nested in it (in area, period, need
        // and outcome at once) is between 1 and 4, and no shown recorded count minus its shown
        // outcomes either.
        #expect(cases.values.contains(-1) && cases.values.filter { $0 >= 5 }.count > 50, "the history exercises suppression")
        func areaChain(_ code: String) -> [String] {
            guard !code.isEmpty else { return [""] }
            var chain = [code], node = code
            while let up = parents[node] { chain.append(up); node = up }
            return chain + [""]
        }
        func needChain(_ code: String) -> [String] {
            guard !code.isEmpty else { return [""] }
            let category = String(code.split(separator: ".").first!)
            return (category == code ? [code] : [code, category]) + [""]
        }
        var caseChecks = 0
        for (key, count) in cases where count >= 5 {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let period = ReportPeriod(parameter: parts[1])!
            for area in areaChain(parts[0]) {
                for outer in [period] + containers(period) {
                    for need in needChain(parts[2]) {
                        for outcome in Set([parts[3], "0"]) {
                            let container = [area, outer.parameter, need, outcome].joined(separator: "|")
                            guard container != key, let big = cases[container], big >= 0 else { continue }
                            #expect(!small(big - count), "\(container) − \(key) = \(big - count)")
                            caseChecks += 1
                        }
                    }
                }
            }
            if parts[3] == "0" {
                let outcomes = (1...3).map { cases[[parts[0], parts[1], parts[2], String($0)].joined(separator: "|")] ?? 0 }
                if outcomes.contains(-1) {
                    #expect(!small(count - outcomes.filter { $0 > 0 }.reduce(0, +)), "\(key): \(count) minus shown outcomes")
                    #expect(outcomes.filter { $0 == -1 }.count != 1, "\(key): exactly one hidden outcome")
                }
            }
        }
        #expect(caseChecks > 500)
        // The referral total per period: a quarter minus its shown months, a year minus its quarters.
        for period in periods where period.kind != .month {
            guard let total = totals[period] ?? nil else { continue }
            let parts = periods.filter { containers($0).first == period }
            let shownParts = parts.compactMap { totals[$0] ?? nil }.reduce(0, +)
            #expect(!small(total - shownParts), "\(period.label): \(total) − \(shownParts)")
        }
    }
}

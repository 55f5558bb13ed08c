// ReferralBenchmark: `lotse-bench referrals [ANZAHL]` — on a generated directory (default
// 100,000 services) times building the routing index and creating suggestions for a fixed list
// of needs × areas (p50/p99), then generates ANZAHL referrals (default 1,000,000) and times the
// unmet-needs report with its peak memory. Run it from a release build.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore

/// The referral benchmark.
struct ReferralBenchmark {
    /// Directory sizes to measure, in services.
    let sizes: [Int]
    /// Referrals to generate for the report.
    let referrals: Int
    /// The generator's seed.
    let seed: UInt64
    /// Rounds over the fixed request list.
    let rounds: Int
    /// Folder for the generated databases; nil: temporary, removed afterwards.
    let directory: String?
    /// Where the table goes.
    let console: Console

    /// Generates the data, measures and prints the table.
    func measure() throws {
        for size in sizes {
            let folder = directory ?? NSTemporaryDirectory()
            let path = try BenchDatabase.prepare(services: size, seed: seed, directory: folder, console: console)
            defer { if directory == nil { BenchDatabase.remove(path) } }
            let store = try Store.open(path: path, create: false)
            console.out("== \(size) Angebote (Startwert \(seed))")
            try suggestions(store)
            try report(store)
            try store.close()
        }
    }

    private func suggestions(_ store: Store) throws {
        var index: SearchIndex?
        var routing: RoutingIndex?
        let searchBuild = try seconds { index = try store.pool.read { try SearchIndex.build($0) } }
        let routingBuild = try seconds { routing = try store.pool.read { try RoutingIndex.build($0, index: index!) } }
        guard let routing else { return }
        let rules = try store.pool.read { try RoutingRules(db: $0).all() }
        let router = ReferralRouter(routing: routing, rules: rules)
        let (needs, areas) = try store.pool.read { db -> ([String], [String]) in
            let needs = try db.query("""
                SELECT t.code FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf' ORDER BY t.code
                """) { $0.string(0) }
            let areas = try db.query("SELECT code FROM sozialraum WHERE level IN ('stadtteil', 'quartier') ORDER BY code") { $0.string(0) }
            return (needs, areas)
        }
        // A fixed list: every 4th need (categories and sub-terms) × every 12th area, with
        // and without language and accessibility wishes.
        var requests: [SuggestionRequest] = []
        for (n, need) in needs.enumerated() where n % 4 == 0 {
            for (a, area) in areas.enumerated() where a % 12 == 0 {
                var request = SuggestionRequest(needs: [need], sozialraum: area)
                if (n + a) % 3 == 0 { request.language = "tr"; request.accessibility = ["aufzug"] }
                if (n + a) % 5 == 0 { request.targetGroups = ["senioren"] }
                requests.append(request)
            }
        }
        var times: [Double] = []
        var candidates = 0
        for _ in 0..<rounds {
            for request in requests {
                var result: RoutingSuggestions?
                times.append(try seconds { result = try router.suggest(request) })
                candidates += result?.suggestions.count ?? 0
            }
        }
        console.out(String(format: "Suchindex %.2f s · Routing-Index (Lage, Prüfdatum, Antwortverhalten) %.2f s", searchBuild, routingBuild))
        console.out("Vorschläge: \(requests.count) feste Anfragen (\(needs.count / 4 + 1) Bedarfe × \(areas.count / 12 + 1) Sozialräume) × \(rounds) Runden, je 10 Vorschläge: "
                    + summary(times))
    }

    private func report(_ store: Store) throws {
        let existing = try store.pool.read { try $0.scalarInt("SELECT count(*) FROM referral") ?? 0 }
        if existing != referrals {
            guard existing == 0 else {
                throw LotseError(.conflict, "Die Datenbank im Ordner enthält schon \(existing) Vermittlungen (Vermittlungen werden nie gelöscht). Einen anderen --dir wählen.")
            }
            let generation = try seconds {
                _ = try store.pool.write { db in try SyntheticReferrals(count: referrals, seed: seed, timeline: false).generate(into: db) }
            }
            console.out(String(format: "%d Vermittlungen erzeugt in %.1f s", referrals, generation))
        }
        let index = try store.pool.read { try SearchIndex.build($0) }
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)   // resets VmHWM
        let before = ProcessMemory.resident
        var report: UnmetNeedsReport?
        let period = try UnmetNeedsReporting(store: store).period(nil)
        var times: [Double] = []
        for _ in 0..<3 {
            times.append(try seconds { report = try store.pool.read { try UnmetNeedsReport.compute($0, index: index, period: period) } })
        }
        let peak = ProcessMemory.peakResident
        let csv = report?.csv() ?? ""
        console.out(String(format: "Bedarfsbericht über %d Vermittlungen: %.2f s (bester von 3: %.2f s), Spitze Arbeitsspeicher %.0f MB (vorher %.0f MB); "
                           + "%d Zellen, %d Versorgungslücken, CSV %d kB",
                           referrals, times[0], times.min() ?? 0, Double(peak) / 1e6, Double(before) / 1e6,
                           report?.cells.count ?? 0, report?.gaps.count ?? 0, csv.utf8.count / 1000))
    }

    private func seconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        func at(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))] * 1000 }
        return String(format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms", at(0.5), at(0.99), at(1))
    }
}

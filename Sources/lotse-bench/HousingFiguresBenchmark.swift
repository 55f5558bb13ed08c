// HousingFiguresBenchmark: `lotse-bench housing` — the coordinators' housing planning figures
// (HousingFigures) over a year of generated offers and proposals (SyntheticHousing): the time
// to compute the whole year with its suppression, median of several rounds.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore
import SQLite

/// The planning-figures benchmark.
struct HousingFiguresBenchmark {
    /// Proposals to generate.
    let proposals: Int
    /// Housing companies to generate.
    let companies: Int
    /// The generator's seed.
    let seed: UInt64
    /// Rounds of the computation.
    let rounds: Int
    /// Where the table goes.
    let console: Console

    /// Generates the data, measures and prints the table.
    func run() throws {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("lotse-bench-housing-\(proposals)-\(seed).db")
        BenchDatabase.remove(path)
        defer { BenchDatabase.remove(path) }
        let store = try Store.open(path: path)
        let year = 2026
        let generated = DispatchTime.now().uptimeNanoseconds
        try store.pool.write { db in
            try db.execute("INSERT INTO sozialraum(id, code, parent_id, name, level) VALUES ('bench', 'bench', NULL, 'Benchmark', 'stadt')")
            _ = try SyntheticHousing(proposals: proposals, companies: companies, year: year, seed: seed).generate(into: db)
        }
        let generateSeconds = Double(DispatchTime.now().uptimeNanoseconds - generated) / 1e9
        var times: [Double] = []
        var figures: HousingFigures?
        for _ in 0..<rounds {
            let started = DispatchTime.now().uptimeNanoseconds
            figures = try store.pool.read { db in try HousingFigures.compute(db, year: year) }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        times.sort()
        console.out("Planungszahlen Wohnungen: \(proposals) Vorschläge, \(companies) Wohnungsunternehmen, Jahr \(year)")
        console.out(String(format: "  erzeugen: %.2f s", generateSeconds))
        console.out(String(format: "  berechnen mit Unterdrückung: Median %.1f ms, langsamster %.1f ms (%d Durchläufe)",
                           times[times.count / 2], times.last ?? 0, rounds))
        console.out("  Vermietungen im Jahr (alle Unternehmen): \(figures?.all.year.count(.lettings).map(String.init) ?? "unterdrückt")")
        try store.close()
    }
}

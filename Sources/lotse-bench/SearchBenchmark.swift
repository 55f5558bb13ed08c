// SearchBenchmark: `lotse-bench search` — generation, search text and index build times, query
// latency distributions and throughput over a fixed mixed list of German queries, the time of a
// single provider write (capacity update) with its search text refresh, and memory. Run it from
// a release build.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore
import SQLite

/// The search benchmark.
struct SearchBenchmark {
    /// Directory sizes to measure, in services.
    let sizes: [Int]
    /// The generator's seed.
    let seed: UInt64
    /// Rounds over the fixed request list.
    let rounds: Int
    /// Folder for the generated databases; nil: temporary, removed afterwards.
    let directory: String?
    /// Where the table goes.
    let console: Console

    /// The fixed query list: keyword only, keyword + filter, filter only.
    static let queries: [(kind: String, query: SearchQuery)] = {
        func query(_ text: String, _ change: (inout SearchQuery) -> Void = { _ in }) -> SearchQuery {
            var query = SearchQuery(text: text)
            change(&query)
            return query
        }
        let keywords = ["beratung", "Pflege", "Schuldnerberatung", "mittagstisch", "Senioren", "Straße", "wohnen barrierefrei",
                        "tagespflege", "ü", "sc", "Sucht", "Nachbarschaftshilfe", "beratung für familien", "Übergang",
                        "treff gruna", "begleitung", "hilfe im haushalt", "kita", "migration", "ehrenamt"]
        var list = keywords.map { ("keyword", query($0)) }
        list += [
            ("keyword+filter", query("beratung") { $0.sozialraum = "dresden" }),
            ("keyword+filter", query("pflege") { $0.near = "dresden-gruna" }),
            ("keyword+filter", query("beratung") { $0.needs = ["beratung"]; $0.sozialraum = "berlin" }),
            ("keyword+filter", query("treff") { $0.capacity = [.available] }),
            ("keyword+filter", query("senioren") { $0.accessibility = ["aufzug"] }),
            ("keyword+filter", query("hilfe") { $0.languages = ["tr"] }),
            ("keyword+filter", query("wohnen") { $0.organizationKinds = [.housingCooperative, .housingCompany] }),
            ("keyword+filter", query("beratung") { $0.sozialraum = "bremen"; $0.near = "bremen-findorff" }),
            ("keyword+filter", query("mittagstisch") { $0.openAt = Date() }),
            ("keyword+filter", query("schuldner") { $0.legalBases = ["kostenfrei"] }),
            ("keyword+filter", query("begleitung") { $0.targetGroups = ["senioren"]; $0.near = "berlin-neukoelln" }),
            ("keyword+filter", query("s") { $0.sozialraum = "dresden-johannstadt-nord" }),
            ("filter", query("") { $0.needs = ["pflege"] }),
            ("filter", query("") { $0.sozialraum = "berlin-neukoelln" }),
            ("filter", query("") { $0.near = "dresden-johannstadt-nord" }),
        ]
        return list
    }()

    /// Generates the data, measures and prints the table.
    func run() throws {
        console.out("Suche: \(Self.queries.count) feste Anfragen (\(Self.queries.filter { $0.kind == "keyword" }.count) nur Text, "
                    + "\(Self.queries.filter { $0.kind == "keyword+filter" }.count) Text+Filter, \(Self.queries.filter { $0.kind == "filter" }.count) nur Filter), Seite mit 20 Treffern, in-process.")
        for size in sizes { try measure(size) }
        console.out(String(format: "Spitzenwert Arbeitsspeicher (VmHWM) des Prozesses: %.0f MB", Double(ProcessMemory.peakResident) / 1e6))
    }

    private func measure(_ size: Int) throws {
        let folder = directory ?? NSTemporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("lotse-bench-\(size)-\(seed).db")
        BenchDatabase.remove(path)
        defer { if directory == nil { BenchDatabase.remove(path) } }
        let store = try Store.open(path: path)
        try store.pool.write { try SeedLoader.loadVocabulary(into: $0) }
        var generation = 0.0, fullText = 0.0
        try store.pool.write { db in
            generation = try seconds { _ = try SyntheticDirectory(services: size, seed: seed).generate(into: db, refreshSearch: false) }
            fullText = try seconds { try SearchDocuments.refresh(db) }
        }
        let rssBefore = ProcessMemory.resident
        var index: SearchIndex?
        let indexBuild = try seconds { index = try store.pool.read { try SearchIndex.build($0) } }
        let rssAfter = ProcessMemory.resident
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        console.out("\n== \(size) Angebote (Startwert \(seed)), Datenbank \(fileSize / 1_000_000) MB")
        console.out(String(format: "Erzeugen: %.2f s · Suchtexte: %.2f s · Suchindex im Speicher: %.3f s (+%.0f MB RSS)",
                           generation, fullText, indexBuild, Double(rssAfter - rssBefore) / 1e6))
        guard let index else { return }
        try measureSnapshot(index, store: store, path: path)
        var cold: [String: [Double]] = [:], warm: [String: [Double]] = [:]
        for (kind, query) in Self.queries {
            index.clearCache()
            cold[kind, default: []].append(try seconds { _ = try index.search(query) })
        }
        var random = SeededRandom(seed: 5)
        let warmStart = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for (kind, query) in Self.queries.shuffled(using: &random) {
                warm[kind, default: []].append(try seconds { _ = try index.search(query) })
            }
        }
        let warmSeconds = Double(DispatchTime.now().uptimeNanoseconds - warmStart) / 1e9
        let facetQuery = Self.queries[20].query
        var facets: [Double] = []
        for _ in 0..<rounds { facets.append(try seconds { _ = try index.search(facetQuery, facets: true) }) }
        for kind in ["keyword", "keyword+filter", "filter"] {
            console.out("  \(kind.padding(toLength: 15, withPad: " ", startingAt: 0))"
                        + " Index kalt \(summary(cold[kind] ?? []))  warm \(summary(warm[kind] ?? []))")
        }
        let allWarm = warm.values.flatMap { $0 }, allCold = cold.values.flatMap { $0 }
        console.out("  alle            Index kalt \(summary(allCold))  warm \(summary(allWarm))")
        console.out(String(format: "  Durchsatz warm (ein Thread): %.0f Anfragen/s", Double(allWarm.count) / max(warmSeconds, 1e-9)))
        console.out("  mit Facetten (Text+Filter, 9 Gruppen) \(summary(facets))")
        try measureWrites(store)
        try store.close()
    }

    /// The index snapshot of `lotse serve`: written after a build, read at the next start.
    private func measureSnapshot(_ index: SearchIndex, store: Store, path: String) throws {
        let snapshot = path + ".suchindex"
        defer { try? FileManager.default.removeItem(atPath: snapshot) }
        let written = try seconds { try index.writeSnapshot(to: snapshot, databasePath: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: snapshot)[.size] as? NSNumber)?.intValue ?? 0
        var loaded: SearchIndex?
        let read = try seconds {
            loaded = try store.pool.read { try SearchIndex.loadSnapshot(from: snapshot, for: $0, now: Date()) }
        }
        var first = 0.0
        if let loaded { first = try seconds { _ = try loaded.search(Self.queries[0].query) } }
        console.out(String(format: "Snapshot des Index: %.0f MB, schreiben %.0f ms, lesen und prüfen %.0f ms%@, erste Suche darauf %.2f ms",
                           Double(size) / 1e6, written * 1000, read * 1000, loaded == nil ? " (abgelehnt!)" : "", first * 1000))
    }

    /// A single provider write: the capacity of one service, with history and search text
    /// refresh, in its own transaction.
    private func measureWrites(_ store: Store) throws {
        let ids = try store.pool.read { db in
            try db.query("SELECT id FROM service ORDER BY rowid LIMIT 50") { $0.string(0) }
        }
        var times: [Double] = [], prepare: [Double] = []
        for (index, id) in ids.enumerated() {
            times.append(try seconds {
                try store.pool.write { db in
                    var made: DirectoryWriter?
                    prepare.append(try seconds { made = try DirectoryWriter(db: db, actor: "lotse-bench") })
                    guard let writer = made else { return }
                    try Verification.updateCapacity(serviceID: id, status: index % 2 == 0 ? .available : .waitlist,
                                                    note: nil, writer: writer)
                    try writer.finish()
                }
            })
        }
        console.out("  Schreiben (Kapazität eines Angebots, \(times.count)×) \(summary(times)), davon DirectoryWriter anlegen \(summary(prepare))")
    }

    private func seconds(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    private func summary(_ values: [Double]) -> String {
        String(format: "p50 %.2f ms p99 %.2f ms", percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000)
    }
}

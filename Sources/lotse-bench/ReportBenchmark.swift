// ReportBenchmark: `lotse-bench report [ANZAHL]` — the coordinators' planning report over many
// generated referrals (default 1,000,000) on a small generated directory (default 10,000
// services). Times what `/koordination/bericht` computes (`UnmetNeedsReporting.report`: offer
// cells, case figures, gaps, reply times) for the current year, a quarter and a month, and the
// demand of one district profile, each with the peak resident memory the computation added.
import Dispatch
import Foundation
import Glibc
import LotseCommandLine
import LotseCore

/// The planning-report benchmark.
struct ReportBenchmark {
    /// `lotse-bench report`, registered in `BenchCommands.table`.
    static let command = CommandSpec(
        name: "report", abstract: "Planungsbericht über viele Vermittlungen: Zeit und Arbeitsspeicher", usage: "lotse-bench report [ANZAHL] [Optionen]",
        options: [OptionSpec(name: "services", value: "N", help: "Angebote im erzeugten Verzeichnis (Standard 10000)"),
                  OptionSpec(name: "runs", value: "R", help: "Läufe je Messung (Standard 3)"),
                  OptionSpec(name: "dump", value: "DATEI",
                             help: "schreibt zusätzlich jeden Bericht (Jahr, Quartale, Monate × Ebenen) und Profile einer Auswahl von Sozialräumen in DATEI (zum Vergleich zweier Builds)"),
                  BenchCommands.Option.seed, BenchCommands.Option.dir],
        discussion: """
            Erzeugt ANZAHL Vermittlungen (Standard 1.000.000) auf einem erzeugten Verzeichnis und misst den
            Bedarfsbericht der Koordination (Fälle, Angebotszellen, Versorgungslücken, Antwortzeiten) für das
            laufende Jahr, ein Quartal und einen Monat sowie ein Sozialraum-Profil: Zeit und Spitzenwert des
            Arbeitsspeichers.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...1)
            let count = arguments.positional.first.map { Int($0) } ?? 1_000_000
            guard let count, count > 0 else { throw UsageError(message: "ANZAHL muss eine positive Zahl sein.") }
            try ReportBenchmark(services: try arguments.int("services", default: 10_000, in: 1...2_000_000), referrals: count,
                                runs: try arguments.int("runs", default: 3, in: 1...100), seed: try BenchCommands.seed(arguments), directory: arguments.value("dir"),
                                dump: arguments.value("dump"), console: console).run()
            return .success
        })

    /// Services in the generated directory.
    let services: Int
    /// Referrals to generate.
    let referrals: Int
    /// Runs per measurement.
    let runs: Int
    /// The generator's seed.
    let seed: UInt64
    /// Folder for the generated database; nil: temporary, removed afterwards.
    let directory: String?
    /// File for the full dump of every report and some profiles; nil: none.
    let dump: String?
    /// Where the table goes.
    let console: Console

    /// One measured computation.
    struct Measurement {
        let label: String
        let seconds: [Double]
        /// Processor seconds (user + system) of the runs, for a loaded machine.
        let cpuSeconds: [Double]
        let peakBytes: Int
        let baseBytes: Int
    }

    /// Generates the data (or reuses it in --dir), measures and prints the table.
    func run() throws {
        let folder = directory ?? NSTemporaryDirectory()
        let source = try BenchDatabase.prepare(services: services, seed: seed, directory: folder, console: console)
        let path = (folder as NSString).appendingPathComponent("lotse-bench-report-\(services)-\(referrals)-\(seed).db")
        let store = try prepare(path, from: source)
        defer { if directory == nil { BenchDatabase.remove(path) } }
        let reporting = UnmetNeedsReporting(store: store)
        let year = try reporting.period(nil)
        let index = try store.pool.read { try SearchIndex.build($0) }
        let inYear = try store.pool.read { db in
            try db.scalarInt("SELECT count(*) FROM referral WHERE created_at >= ? AND created_at < ?", year.from, year.until) ?? 0
        }
        let month = BerlinTime(Date()).month
        let quarter = ReportPeriod.quarter((month + 2) / 3, of: year.year)
        let lastMonth = ReportPeriod.month(month == 1 ? 1 : month - 1, of: year.year)
        let district = try store.pool.read { db in
            try db.scalarString("SELECT code FROM sozialraum WHERE level = 'stadtteil' ORDER BY code LIMIT 1")
        } ?? ""
        console.out("Bedarfsbericht: \(referrals) erzeugte Vermittlungen (\(inYear) im Jahr \(year.year)) auf \(services) Angeboten, Startwert \(seed)")
        for (label, period, level) in [("Jahr \(year.year), Stadtteile (Standard der Seite)", year, "stadtteil"),
                                       ("\(quarter.label), Bezirke", quarter, "bezirk"),
                                       ("\(lastMonth.label), Quartiere", lastMonth, "quartier")] {
            _ = try measure(label) {
                let report = try reporting.report(index: index, period: period, level: level)
                _ = report.csv()
            }
        }
        _ = try measure("Sozialraum-Profil \(district), Jahr \(year.year)") {
            _ = try reporting.demand(sozialraum: district, period: year)
        }
        if let dump { try write(dump, reporting: reporting, index: index, year: year.year) }
        try store.close()
    }

    /// Opens the report database, generating the referrals into a copy of the directory when
    /// it does not hold exactly `referrals` of them yet.
    private func prepare(_ path: String, from source: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path), let store = try? Store.open(path: path, create: false),
           (try? store.pool.read { try $0.scalarInt("SELECT count(*) FROM referral") }) == referrals {
            return store
        }
        BenchDatabase.remove(path)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        let store = try Store.open(path: path, create: false)
        let started = DispatchTime.now().uptimeNanoseconds
        try store.pool.writeWithoutTransaction { db in
            try db.execute("BEGIN IMMEDIATE")
            _ = try SyntheticReferrals(count: referrals, seed: seed, timeline: false).generate(into: db, batchDone: {
                try db.execute("COMMIT")
                try db.execute("BEGIN IMMEDIATE")
            })
            try db.execute("COMMIT")
        }
        console.out(String(format: "%d Vermittlungen erzeugt in %.1f s", referrals, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
        return store
    }

    /// Writes every report of `year` (the year, its quarters and months at every level) and
    /// the profiles of every tenth Sozialraum (the year and its first quarter) to `path`, so
    /// that two builds can be compared on the same data.
    private func write(_ path: String, reporting: UnmetNeedsReporting, index: SearchIndex, year: Int) throws {
        var text = ""
        let periods = [ReportPeriod.year(year)] + (1...4).map { ReportPeriod.quarter($0, of: year) } + (1...12).map { ReportPeriod.month($0, of: year) }
        for period in periods {
            for level in ["bezirk", "stadtteil", "quartier"] {
                text += "== Bericht \(period.parameter) \(level)\n"
                Swift.dump(try reporting.report(index: index, period: period, level: level), to: &text)
            }
        }
        let codes = try reporting.store.pool.read { try $0.query("SELECT code FROM sozialraum ORDER BY code") { $0.string(0) } }
        for (position, code) in codes.enumerated() where position % 10 == 0 {
            for period in [ReportPeriod.year(year), .quarter(1, of: year)] {
                text += "== Profil \(code) \(period.parameter)\n"
                Swift.dump(try reporting.demand(sozialraum: code, period: period), to: &text)
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        console.out("Berichte geschrieben: \(path)")
    }

    /// Runs `body` `runs` times; the peak is the high-water mark over the runs, reset before.
    private func measure(_ label: String, _ body: () throws -> Void) throws -> Measurement {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)   // resets VmHWM to VmRSS
        let base = ProcessMemory.resident
        var seconds: [Double] = [], cpu: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.cpuSeconds()
            try body()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(Self.cpuSeconds() - cpuStart)
        }
        let measurement = Measurement(label: label, seconds: seconds, cpuSeconds: cpu, peakBytes: ProcessMemory.peakResident, baseBytes: base)
        let sorted = seconds.sorted()
        console.out(String(format: "  %@: erster Lauf %.2f s, bester von %d %.2f s (Rechenzeit %.2f s); Spitze Arbeitsspeicher %.0f MB (davor %.0f MB, +%.0f MB)",
                           label, seconds[0], sorted.count, sorted[0], cpu.min() ?? 0, Double(measurement.peakBytes) / 1e6, Double(base) / 1e6,
                           Double(max(0, measurement.peakBytes - base)) / 1e6))
        return measurement
    }

    /// User and system time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

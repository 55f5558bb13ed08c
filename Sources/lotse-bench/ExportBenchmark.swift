// ExportBenchmark: `lotse-bench export` generates a directory (default 100,000 services) and
// measures, each as a separate `lotse` process (wall time, and the process's own peak RSS that
// it reports from /proc/self/status VmHWM), the export of every format and the import of the HSDS CSV
// package and of the HSDS JSON lines into an empty database. Run it from a release build.
import Dispatch
import Foundation
import LotseCommandLine
import LotseCore

/// The export and import benchmark.
struct ExportBenchmark {
    /// Services to generate.
    let services: Int
    /// The generator's seed.
    let seed: UInt64
    /// The `lotse` binary run for every step.
    let binary: String
    /// Folder for the files (kept); nil: a temporary folder, removed afterwards.
    let directory: String?
    /// Where the table goes.
    let console: Console
    /// Only the import of the CSV package (reusing a package left in `directory`).
    var csvImportOnly = false

    /// Time targets in seconds per step (docs/checks.md, "Benchmark targets"); JSON lines must
    /// import at least as fast as the CSV package. The vCard target is for 100,000 organizations
    /// and is scaled to the generated number (about one organization per three services).
    static let targets: [String: Double] = ["export vcard": 3, "import hsds-csv": 20]
    /// The number of organizations the vCard target is stated for.
    static let vcardTargetOrganizations = 100_000.0
    /// Peak memory allowed for any export or streamed import (bytes).
    static let memoryCeiling = 150_000_000

    /// Generates, measures every step and prints the table.
    func run() throws {
        let folder = directory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("lotse-bench-export-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        setenv(PeakMemoryReport.variable, (folder as NSString).appendingPathComponent("peak-memory"), 1)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let db = path("quelle.db")
        var organizations = 0
        if csvImportOnly && FileManager.default.fileExists(atPath: path("paket/datapackage.json")) {
            console.out("CSV-Paket \(path("paket")) wird wiederverwendet.")
        } else {
            organizations = try generate(db)
        }
        console.out("Jeder Schritt läuft als eigener Prozess; Speicher = dessen Spitzenwert (VmHWM/ru_maxrss).\n")
        try measure(db, in: folder, organizations: organizations)
    }

    /// Generates the directory into a new database at `db`; returns its number of organizations.
    private func generate(_ db: String) throws -> Int {
        BenchDatabase.remove(db)
        let started = DispatchTime.now().uptimeNanoseconds
        var organizations = 0
        let store = try Store.open(path: db)
        try store.pool.write { db in
            try SeedLoader.loadVocabulary(into: db)
            organizations = try SyntheticDirectory(services: services, seed: seed).generate(into: db, refreshSearch: false).organizations
            // Exports do not use the search text; the imports below build it for their copy.
            try db.execute("DELETE FROM search_dirty")
        }
        try store.close()
        console.out(String(format: "%d Angebote in %d Organisationen erzeugt (Startwert %d) in %.1f s; Datenbank %d MB.", services, organizations, seed,
                           Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, fileSize(db) / 1_000_000))
        return organizations
    }

    /// Measures the steps (see the type; with `csvImportOnly` the CSV import only, after the CSV
    /// export when the folder holds no package yet) on the database `db` in `folder`.
    private func measure(_ db: String, in folder: String, organizations: Int) throws {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let vcardTarget = Self.targets["export vcard"]! * Double(organizations) / Self.vcardTargetOrganizations
        console.out("schritt                 zeit       spitze RSS   größe")
        var failures: [String] = []
        var csvImport: Double?
        func report(_ label: String, _ run: ChildRun, size: Int) {
            var line = label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%7.2f s   %7.1f MB   %8.1f MB", run.seconds, Double(run.peakResident) / 1e6, Double(size) / 1e6)
            if run.status != 0 { line += "  FEHLER (Exit \(run.status))"; failures.append(label) }
            if label == "export vcard" {
                // The target is per 100,000 organizations: scaled to the generated number.
                line += String(format: "  (%.0f Organisationen/s; Ziel %.0f/s ", Double(organizations) / run.seconds,
                               Self.vcardTargetOrganizations / Self.targets[label]!)
                    + (run.seconds > vcardTarget ? "verfehlt)" : "erreicht)")
                if run.seconds > vcardTarget { failures.append(label) }
            } else if let target = Self.targets[label], run.seconds > target {
                line += "  (Ziel < \(Int(target)) s verfehlt)"
                failures.append(label)
            }
            if label == "import hsds-ndjson", let csv = csvImport, run.seconds > csv {
                line += "  (langsamer als der CSV-Import)"
                failures.append(label)
            }
            if label == "import hsds-csv" { csvImport = run.seconds }
            if run.peakResident > Self.memoryCeiling { line += "  (Ziel < 150 MB verfehlt)"; failures.append(label) }
            console.out(line)
        }
        let packageReady = csvImportOnly && FileManager.default.fileExists(atPath: path("paket/datapackage.json"))
        for format in ExportFormat.allCases where !csvImportOnly || (format == .hsdsCSV && !packageReady) {
            let out = path("export-" + format.fileName("verzeichnis"))
            let run = try ChildProcess.run(binary, ["export", format.rawValue, "--db", db, "--out", format == .hsdsCSV ? path("paket") : out])
            report("export \(format.rawValue)", run, size: format == .hsdsCSV ? folderSize(path("paket")) : fileSize(out))
        }
        let imports = [("hsds-csv", path("paket")), ("hsds-ndjson", path("export-" + ExportFormat.hsdsNDJSON.fileName("verzeichnis")))]
        for (format, input) in imports where !csvImportOnly || format == "hsds-csv" {
            let target = path("ziel-\(format).db")
            BenchDatabase.remove(target)
            _ = try ChildProcess.run(binary, ["init", "--empty", "--db", target])
            let run = try ChildProcess.run(binary, ["import", format, input, "--db", target], showErrors: false)
            report("import \(format)", run, size: format == "hsds-csv" ? folderSize(input) : fileSize(input))
        }
        console.out(failures.isEmpty ? "\nAlle Ziele erreicht." : "\nVerfehlt: \(failures.joined(separator: ", "))")
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private func folderSize(_ path: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).reduce(0) { $0 + fileSize((path as NSString).appendingPathComponent($1)) }
    }
}

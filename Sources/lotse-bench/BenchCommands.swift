// BenchCommands: the command table of `lotse-bench` — the benchmarks, one command each (search,
// http, export, referrals, digest, housing), all on deterministic generated data. Run them from a release
// build; `http` and `export` start the `lotse` binary found beside `lotse-bench`.
import Foundation
import LotseCommandLine
import LotseCore

/// The command table of `lotse-bench`.
enum BenchCommands {
    /// Options shared by several benchmarks.
    enum Option {
        /// `--sizes N,N`.
        static let sizes = OptionSpec(name: "sizes", value: "N,N", help: "Verzeichnisgrößen in Angeboten", repeatable: true)
        /// `--services N`.
        static let services = OptionSpec(name: "services", value: "N", help: "Angebote im erzeugten Verzeichnis (Standard 100000)")
        /// `--seed S`.
        static let seed = OptionSpec(name: "seed", value: "S", help: "Startwert des Generators (Standard 1)")
        /// `--rounds R`.
        static let rounds = OptionSpec(name: "rounds", value: "R", help: "Durchläufe der Abfrageliste (Standard 20)")
        /// `--dir ORDNER`.
        static let dir = OptionSpec(name: "dir", value: "ORDNER",
                                    help: "Ordner für die erzeugten Datenbanken (Standard: temporär, danach gelöscht; vorhandene werden wiederverwendet)")
    }

    /// The benchmarks, in the order `lotse-bench help` lists them.
    static let table = CommandTable(
        program: "lotse-bench", title: "lotse-bench – Leistungsmessungen für Lotse auf erzeugten Daten (Release-Build verwenden)",
        commands: [
            CommandSpec(
                name: "search", abstract: "Suchindex: Aufbau und Antwortzeiten", usage: "lotse-bench search [Optionen]",
                options: [Option.sizes, Option.seed, Option.rounds, Option.dir],
                discussion: """
                    Erzeugt je Größe (Standard 10000,100000) ein synthetisches Verzeichnis, misst die Zeit für die
                    Suchtexte und den Suchindex im Speicher, dann die Antwortzeiten (p50/p99) und den Durchsatz
                    einer festen Liste deutscher Suchanfragen mit und ohne Filter, kalt (ohne Wort-Cache) und warm,
                    und die Zeit eines einzelnen Schreibvorgangs (Kapazität eines Angebots).
                    """,
                run: { arguments, console in
                    try arguments.expectPositional(0...0)
                    try SearchBenchmark(sizes: try sizes(arguments, default: [10_000, 100_000]), seed: try seed(arguments),
                                        rounds: try arguments.int("rounds", default: 20, in: 1...10_000),
                                        directory: arguments.value("dir"), console: console).run()
                    return .success
                }),
            CommandSpec(
                name: "http", abstract: "Webdienst unter Last (braucht wrk)", usage: "lotse-bench http [Optionen]",
                options: [Option.sizes, Option.seed,
                          OptionSpec(name: "connections", value: "C", help: "gleichzeitige Verbindungen von wrk (Standard 64)"),
                          OptionSpec(name: "seconds", value: "T", help: "Dauer je Messung in Sekunden (Standard 10)"), Option.dir],
                discussion: """
                    Startet `lotse serve` (das Programm lotse neben lotse-bench) auf dem erzeugten Verzeichnis
                    (Standardgrößen 10000,100000), misst die Zeit bis zur ersten Antwort und zur ersten Suche und
                    lässt wrk (apt-get install wrk) auf API-Suche, HTML-Trefferseite und API-Detail los; gemeldet
                    werden Anfragen/s, p50/p99 und der Arbeitsspeicher des Servers.
                    """,
                run: { arguments, console in
                    try arguments.expectPositional(0...0)
                    try HTTPBenchmark(sizes: try sizes(arguments, default: [10_000, 100_000]), seed: try seed(arguments),
                                      connections: try arguments.int("connections", default: 64, in: 1...10_000),
                                      seconds: try arguments.int("seconds", default: 10, in: 1...600),
                                      serverBinary: try LotseBinary.path(), directory: arguments.value("dir"), console: console).run()
                    return .success
                }),
            CommandSpec(
                name: "export", abstract: "Exporte und Importe mit Zeit und Arbeitsspeicher", usage: "lotse-bench export [Optionen]",
                options: [Option.services, Option.seed, Option.dir,
                          OptionSpec(name: "csv-import-only", value: nil,
                                     help: "nur den Import des CSV-Pakets messen (ein Paket aus --dir wird wiederverwendet)")],
                discussion: """
                    Misst jeden Export und die Importe des HSDS-CSV-Pakets und der HSDS-JSON-Zeilen in eine leere
                    Datenbank, jeweils als eigener Prozess des Programms lotse neben lotse-bench, mit Zeit und
                    Spitzenwert des Arbeitsspeichers (den lotse über LOTSE_PEAK_MEMORY_FILE meldet).
                    Mit --csv-import-only nur den CSV-Import (und, wenn im Ordner noch kein Paket liegt,
                    das Erzeugen und den CSV-Export dafür).
                    """,
                run: { arguments, console in
                    try arguments.expectPositional(0...0)
                    try ExportBenchmark(services: try arguments.int("services", default: 100_000, in: 1...2_000_000), seed: try seed(arguments),
                                        binary: try LotseBinary.path(), directory: arguments.value("dir"), console: console,
                                        csvImportOnly: arguments.flag("csv-import-only")).run()
                    return .success
                }),
            CommandSpec(
                name: "referrals", abstract: "Vermittlungsvorschläge und Bedarfsbericht", usage: "lotse-bench referrals [ANZAHL] [Optionen]",
                options: [Option.sizes, Option.seed, Option.rounds, Option.dir],
                discussion: """
                    Vorschläge für Vermittlungen (p50/p99 über Bedarfe × Sozialräume) auf einem erzeugten
                    Verzeichnis (Standardgröße 100000), dann der Bedarfsbericht über ANZAHL erzeugte Vermittlungen
                    (Standard 1.000.000) mit Zeit und Arbeitsspeicher.
                    """,
                run: { arguments, console in
                    try arguments.expectPositional(0...1)
                    let count = arguments.positional.first.map { Int($0) } ?? 1_000_000
                    guard let count, count > 0 else { throw UsageError(message: "ANZAHL muss eine positive Zahl sein.") }
                    try ReferralBenchmark(sizes: try sizes(arguments, default: [100_000]), referrals: count, seed: try seed(arguments),
                                          rounds: try arguments.int("rounds", default: 20, in: 1...10_000),
                                          directory: arguments.value("dir"), console: console).measure()
                    return .success
                }),
            CommandSpec(
                name: "digest", abstract: "Wochenübersichten bauen und übergeben", usage: "lotse-bench digest [Optionen]",
                options: [Option.services, Option.seed, OptionSpec(name: "recipients", value: "N", help: "Empfänger:innen (Standard 10000)"), Option.dir],
                discussion: "Baut die Wochenübersichten für --recipients Empfänger:innen und übergibt sie an /bin/true.",
                run: { arguments, console in
                    try arguments.expectPositional(0...0)
                    try DigestBenchmark(services: try arguments.int("services", default: 100_000, in: 1...2_000_000),
                                        recipients: try arguments.int("recipients", default: 10_000, in: 1...1_000_000),
                                        seed: try seed(arguments), directory: arguments.value("dir"), console: console).run()
                    return .success
                }),
            CommandSpec(
                name: "housing", abstract: "Planungszahlen der Wohnungswirtschaft berechnen", usage: "lotse-bench housing [Optionen]",
                options: [OptionSpec(name: "proposals", value: "N", help: "Vorschläge im Jahr (Standard 50000)"),
                          OptionSpec(name: "companies", value: "N", help: "Wohnungsunternehmen (Standard 40)"), Option.seed,
                          OptionSpec(name: "rounds", value: "R", help: "Durchläufe der Berechnung (Standard 5)")],
                discussion: "Erzeugt ein Jahr Wohnungsangebote und Vorschläge und misst die Planungszahlen mit Unterdrückung.",
                run: { arguments, console in
                    try arguments.expectPositional(0...0)
                    try HousingFiguresBenchmark(proposals: try arguments.int("proposals", default: 50_000, in: 1...5_000_000),
                                                companies: try arguments.int("companies", default: 40, in: 1...10_000),
                                                seed: try seed(arguments), rounds: try arguments.int("rounds", default: 5, in: 1...1_000),
                                                console: console).run()
                    return .success
                }),
            ReportBenchmark.command,
            NotifyBenchmark.command,
        ])

    /// `--sizes`, or `value` when not given.
    static func sizes(_ arguments: Arguments, default value: [Int]) throws -> [Int] {
        let sizes = try arguments.values("sizes").map { text -> Int in
            guard let size = Int(text), size > 0 else { throw UsageError(message: "--sizes erwartet Zahlen, nicht »\(text)«.") }
            return size
        }
        return sizes.isEmpty ? value : sizes
    }

    /// `--seed`, default 1.
    static func seed(_ arguments: Arguments) throws -> UInt64 {
        UInt64(try arguments.int("seed", default: 1, in: 0...Int.max))
    }
}

/// The `lotse` binary the benchmarks start: the one in the folder of this `lotse-bench`.
enum LotseBinary {
    /// Its path; a German error (exit 66) when it is missing.
    static func path() throws -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let folder = (own as NSString).deletingLastPathComponent
        let binary = (folder as NSString).appendingPathComponent("lotse")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw LotseError(.notFound, "Das Programm lotse fehlt neben lotse-bench (erwartet: \(binary)). "
                             + "Beide zusammen bauen, z. B. mit `swift build -c release`.")
        }
        return binary
    }
}

// BenchCommand: `lotse bench KIND` — the benchmarks, one subcommand each (search, http, export,
// referrals, digest), all on deterministic generated data. Run them from a release build.
import Foundation
import LotseCore

/// `lotse bench`.
enum BenchCommand {
    /// The subcommands: name and runner.
    static let kinds: [(name: String, run: @Sendable (Arguments, Console) throws -> Void)] = [
        ("search", { arguments, console in
            try SearchBenchmark(sizes: try sizes(arguments, default: [10_000, 100_000]), seed: try seed(arguments),
                                rounds: try arguments.int("rounds", default: 20, in: 1...10_000),
                                directory: arguments.value("dir"), console: console).run()
        }),
        ("http", { arguments, console in
            try HTTPBenchmark(sizes: try sizes(arguments, default: [10_000, 100_000]), seed: try seed(arguments),
                              connections: try arguments.int("connections", default: 64, in: 1...10_000),
                              seconds: try arguments.int("seconds", default: 10, in: 1...600),
                              directory: arguments.value("dir"), console: console).run()
        }),
        ("export", { arguments, console in
            try ExportBenchmark(services: try arguments.int("services", default: 100_000, in: 1...2_000_000), seed: try seed(arguments),
                                directory: arguments.value("dir"), console: console).run()
        }),
        ("referrals", { arguments, console in _ = try ReferralBenchmark.run(arguments, console) }),
        ("digest", { arguments, console in
            try DigestBenchmark(services: try arguments.int("services", default: 100_000, in: 1...2_000_000),
                                recipients: try arguments.int("recipients", default: 10_000, in: 1...1_000_000),
                                seed: try seed(arguments), directory: arguments.value("dir"), console: console).run()
        }),
    ]

    static let spec = CommandSpec(
        name: "bench", abstract: "Leistung messen (Release-Build verwenden)",
        usage: "lotse bench search|http|export|referrals|digest [ANZAHL] [Optionen]",
        options: [
            OptionSpec(name: "sizes", value: "N,N", help: "search, http: Verzeichnisgrößen in Angeboten (Standard 10000,100000)", repeatable: true),
            OptionSpec(name: "services", value: "N", help: "export, digest: Angebote im erzeugten Verzeichnis (Standard 100000)"),
            OptionSpec(name: "seed", value: "S", help: "Startwert des Generators (Standard 1)"),
            OptionSpec(name: "rounds", value: "R", help: "search: Durchläufe der Abfrageliste im Speicherindex (Standard 20)"),
            OptionSpec(name: "connections", value: "C", help: "http: gleichzeitige Verbindungen von wrk (Standard 64)"),
            OptionSpec(name: "seconds", value: "T", help: "http: Dauer je Messung in Sekunden (Standard 10)"),
            OptionSpec(name: "recipients", value: "N", help: "digest: Empfänger:innen (Standard 10000)"),
            OptionSpec(name: "dir", value: "ORDNER", help: "Ordner für die erzeugten Datenbanken (Standard: temporär, danach gelöscht; vorhandene werden wiederverwendet)"),
        ],
        discussion: """
            search: erzeugt je Größe ein synthetisches Verzeichnis, misst die Zeit für den FTS5-Index und den
            Suchindex im Speicher, dann die Antwortzeiten (p50/p99) einer festen Liste deutscher Suchanfragen mit und
            ohne Filter: kalt (ohne Wort-Cache), warm, und mit der SQL/FTS5-Suche zum Vergleich.
            http: startet `lotse serve` auf dem erzeugten Verzeichnis, misst die Zeit bis zur ersten Antwort und zur
            ersten Suche und lässt wrk (apt-get install wrk) auf API-Suche, HTML-Trefferseite und API-Detail los;
            gemeldet werden Anfragen/s, p50/p99 und der Arbeitsspeicher des Servers.
            export: misst jeden Export und die Importe des HSDS-CSV-Pakets und der HSDS-JSON-Zeilen in eine leere
            Datenbank, jeweils als eigener Prozess mit Zeit und Spitzenwert des Arbeitsspeichers.
            referrals: Vorschläge für Vermittlungen (p50/p99 über Bedarfe × Sozialräume), dann der Bedarfsbericht
            über ANZAHL erzeugte Vermittlungen (Standard 1.000.000) mit Zeit und Arbeitsspeicher.
            digest: baut die Wochenübersichten für --recipients Empfänger:innen und übergibt sie an /bin/true.
            """,
        run: { arguments, console in
            guard let name = arguments.positional.first, let kind = kinds.first(where: { $0.name == name }) else {
                throw UsageError(message: "Bekannt sind: \(kinds.map { "lotse bench \($0.name)" }.joined(separator: ", ")).")
            }
            try kind.run(arguments, console)
            return 0
        })

    static func sizes(_ arguments: Arguments, default value: [Int]) throws -> [Int] {
        let sizes = try arguments.values("sizes").map { text -> Int in
            guard let size = Int(text), size > 0 else { throw UsageError(message: "--sizes erwartet Zahlen, nicht »\(text)«.") }
            return size
        }
        return sizes.isEmpty ? value : sizes
    }

    static func seed(_ arguments: Arguments) throws -> UInt64 {
        UInt64(try arguments.int("seed", default: 1, in: 0...Int.max))
    }
}

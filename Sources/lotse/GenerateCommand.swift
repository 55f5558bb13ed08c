// GenerateCommand: `lotse generate --services N --seed S` fills a database with a
// deterministic synthetic directory (on top of the seed vocabularies) for benchmarks.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse generate`.
enum GenerateCommand {
    static let spec = CommandSpec(
        name: "generate", abstract: "synthetisches Verzeichnis erzeugen (für Lasttests)",
        usage: "lotse generate --services N [--seed S] [--db PFAD]",
        options: [
            OptionSpec(name: "services", value: "N", help: "Anzahl Angebote (1 bis 2.000.000)"),
            OptionSpec(name: "seed", value: "S", help: "Zufallszahl-Startwert (Standard 1); gleicher Wert, gleiche Daten"),
        ],
        discussion: """
            Erzeugt Organisationen, Standorte und Angebote mit realistischen deutschen Namen und Texten
            (alles fiktiv). Braucht die Vokabulare (Bedarfe, Zielgruppen, Sozialräume); fehlen sie, werden
            sie aus Seeds/ geladen. Läuft in einer Transaktion: bricht er ab, bleibt die Datenbank unverändert.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            guard arguments.value("services") != nil else { throw UsageError(message: "--services N fehlt.") }
            let count = try arguments.int("services", default: 0, in: 1...2_000_000)
            let seed = try arguments.int("seed", default: 1, in: 0...Int.max)
            let store = try Store.open(path: console.databasePath(arguments), create: true)
            let hasVocabulary = try store.pool.read { try $0.scalarInt("SELECT count(*) FROM taxonomy_term") ?? 0 } > 0
            if !hasVocabulary {
                try store.pool.write { try SeedLoader.loadVocabulary(into: $0) }
            }
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            let started = Date()
            let summary = try store.pool.write { db in
                try SyntheticDirectory(services: count, seed: UInt64(seed)).generate(into: db) { done, total in
                    bar.update("Angebote", done: done, total: total)
                }
            }
            bar.finish()
            console.out(String(format: "%d Organisationen, %d Standorte, %d Angebote erzeugt in %.1f s (Startwert %d).",
                               summary.organizations, summary.locations, summary.services, Date().timeIntervalSince(started), seed))
            return .success
        })
}

// GenerateReferralsCommand: `lotse generate-referrals --count N --seed S` adds a deterministic
// synthetic referral history on top of a (generated) directory, for load tests and reports.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse generate-referrals`.
enum GenerateReferralsCommand {
    static let spec = CommandSpec(
        name: "generate-referrals", abstract: "synthetische Vermittlungen erzeugen (für Lasttests)",
        usage: "lotse generate-referrals --count N [--seed S] [--without-timeline] [--db PFAD]",
        options: [
            OptionSpec(name: "count", value: "N", help: "Anzahl Vermittlungen (1 bis 5.000.000)"),
            OptionSpec(name: "seed", value: "S", help: "Zufallszahl-Startwert (Standard 1); gleicher Wert, gleiche Daten"),
            OptionSpec(name: "without-timeline", value: nil, help: "keine Verlaufseinträge schreiben (schneller)"),
        ],
        discussion: """
            Braucht ein Verzeichnis mit Angeboten (z. B. aus `lotse generate`). Erzeugt Vermittlungen des
            letzten Jahres mit realistischer Verteilung von Status, Gründen und Antwortzeiten; legt drei
            synthetische Beratungskonten an, wenn es noch keine gibt. Alles fiktiv; läuft in einer Transaktion.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            guard arguments.value("count") != nil else { throw UsageError(message: "--count N fehlt.") }
            let count = try arguments.int("count", default: 0, in: 1...5_000_000)
            let seed = try arguments.int("seed", default: 1, in: 0...Int.max)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            let started = Date()
            try store.pool.write { db in
                try SyntheticReferrals(count: count, seed: UInt64(seed), timeline: !arguments.flag("without-timeline"))
                    .generate(into: db) { done, total in bar.update("Vermittlungen", done: done, total: total) }
            }
            bar.finish()
            console.out(String(format: "%d Vermittlungen erzeugt in %.1f s (Startwert %d).", count, Date().timeIntervalSince(started), seed))
            try store.close()
            return .success
        })
}

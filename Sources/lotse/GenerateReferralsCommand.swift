// GenerateReferralsCommand: `lotse generate-referrals --count N --seed S` adds a deterministic
// synthetic referral history on top of a (generated) directory, for load tests and reports,
// committed in short batches so that a running server keeps writing.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse generate-referrals`.
enum GenerateReferralsCommand {
    /// How long one batch holds the write lock at most (about; checked every 1,000 referrals).
    static let batchSeconds = 0.5
    /// The pause after each batch: longer than SQLite's longest busy-handler sleep (100 ms), so
    /// that a waiting writer of another process gets its turn.
    static let pauseSeconds = 0.15

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
            synthetische Beratungskonten an, wenn es noch keine gibt. Alles fiktiv. Speichert in Portionen von etwa
            einer halben Sekunde, damit ein laufender Webdienst dazwischen schreiben kann; ein Abbruch behält die
            fertigen Portionen.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            guard arguments.value("count") != nil else { throw UsageError(message: "--count N fehlt.") }
            let count = try arguments.int("count", default: 0, in: 1...5_000_000)
            let seed = try arguments.int("seed", default: 1, in: 0...Int.max)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let bar = ProgressBar(enabled: console.stderrIsTerminal)
            let started = Date()
            // Committed in batches of about half a second, with a pause after each, so that a
            // running server's writes get the lock in between instead of timing out.
            try store.pool.writeWithoutTransaction { db in
                try db.executeScript("BEGIN IMMEDIATE")
                var batchStarted = Date()
                do {
                    try SyntheticReferrals(count: count, seed: UInt64(seed), timeline: !arguments.flag("without-timeline"))
                        .generate(into: db, progress: { done, total in bar.update("Vermittlungen", done: done, total: total) }, batchDone: {
                            guard Date().timeIntervalSince(batchStarted) >= batchSeconds else { return }
                            try db.executeScript("COMMIT")
                            Thread.sleep(forTimeInterval: pauseSeconds)
                            try db.executeScript("BEGIN IMMEDIATE")
                            batchStarted = Date()
                        })
                    try db.executeScript("COMMIT")
                } catch {
                    if db.isInTransaction { try? db.executeScript("ROLLBACK") }
                    throw error
                }
            }
            bar.finish()
            console.out(String(format: "%d Vermittlungen erzeugt in %.1f s (Startwert %d).", count, Date().timeIntervalSince(started), seed))
            try store.close()
            return .success
        })
}

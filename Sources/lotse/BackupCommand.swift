// BackupCommand: `lotse backup --out DATEI` writes a consistent copy of the database (also while
// `lotse serve` runs and answers) with mode 0600; a progress bar on a terminal for large files.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse backup`.
enum BackupCommand {
    static let spec = CommandSpec(
        name: "backup", abstract: "die Datenbank im laufenden Betrieb sichern",
        usage: "lotse backup --out DATEI [--force] [--db PFAD]",
        options: [
            OptionSpec(name: "out", value: "DATEI", help: "Sicherungsdatei (wird mit Rechten 0600 angelegt)"),
            OptionSpec(name: "force", value: nil, help: "eine vorhandene Sicherungsdatei überschreiben"),
        ],
        discussion: """
            Kopiert die Datenbank mit der Online-Backup-Schnittstelle von SQLite als einen stimmigen Stand,
            auch während »lotse serve« läuft (Suchen und Schreiben gehen weiter). Die Datei entsteht erst
            unter einem versteckten Namen und wird fertig umbenannt. Die Schlüsseldatei lotse.keys im
            Zustandsverzeichnis ist nicht in der Sicherung und muss gesondert gesichert werden.
            Zurückspielen mit »lotse restore DATEI«.
            """,
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            guard let out = arguments.value("out"), !out.isEmpty else {
                throw UsageError(message: "Bitte mit --out DATEI angeben, wohin gesichert wird.")
            }
            let path = console.databasePath(arguments)
            let large = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0 > 16 << 20
            let bar = ProgressBar(enabled: console.stderrIsTerminal && large)
            let report = try DatabaseBackup.run(databasePath: path, to: out, overwrite: arguments.flag("force")) { done, total in
                bar.update("Sichern", done: done, total: total)
            }
            bar.finish()
            console.out(String(format: "Gesichert: %@ (%.1f MB, %d Seiten, %.1f s).", report.path,
                               Double(report.bytes) / 1_000_000, report.pages, report.seconds))
            console.out("Hinweis: Die Schlüsseldatei lotse.keys im Zustandsverzeichnis ist nicht enthalten – bitte gesondert sichern.")
            return .success
        })
}

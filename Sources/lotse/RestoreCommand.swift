// RestoreCommand: `lotse restore DATEI` checks a backup (SQLite header, application id,
// integrity_check, migration level, audit chain) and only then replaces the database, keeping
// the old file aside; refuses while `lotse serve` holds the database. `--check` only checks.
import Foundation
import LotseCommandLine
import LotseCore

/// `lotse restore`.
enum RestoreCommand {
    static let spec = CommandSpec(
        name: "restore", abstract: "eine Sicherung prüfen und zurückspielen",
        usage: "lotse restore DATEI [--check] [--db PFAD]",
        options: [
            OptionSpec(name: "check", value: nil, help: "nur prüfen, nichts ersetzen"),
        ],
        discussion: """
            Prüft die Sicherung an einer privaten Kopie: SQLite-Kopf, Lotse-application_id, integrity_check,
            keine Migrationen einer neueren Lotse-Version, intakte Prüfkette des Zugriffsprotokolls. Ältere
            Sicherungen werden dabei auf den aktuellen Stand migriert. Erst dann wird die Datenbank ersetzt;
            die bisherige bleibt als DATENBANK.before-restore-ZEIT (mit ihrem WAL) liegen. Verweigert, solange
            ein »lotse serve« die Datenbank hält (Sperrdatei DATENBANK.lock): den Dienst vorher beenden.
            Die Schlüsseldatei lotse.keys im Zustandsverzeichnis wird nicht zurückgespielt; sie muss gesondert
            gesichert und zurückgelegt werden.
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            let file = arguments.positional[0]
            if arguments.flag("check") {
                // The installation's key file when there is one, else the one beside the backup.
                let installation = KeyRing.stateDirectory(forDatabase: console.databasePath(arguments), environment: console.environment)
                let hasKeys = FileManager.default.fileExists(atPath: (installation as NSString).appendingPathComponent(KeyRing.fileName))
                let check = try DatabaseRestore.check(file: file, stateDirectory: hasKeys ? installation : nil)
                console.out("Sicherung in Ordnung: \(describe(check)). Nichts wurde verändert.")
                return .success
            }
            let path = console.databasePath(arguments)
            let report = try DatabaseRestore.run(file: file, databasePath: path)
            console.out("Sicherung geprüft: \(describe(report.check)).")
            if let aside = report.keptAside { console.out("Bisherige Datenbank liegt jetzt unter \(aside).") }
            console.out(String(format: "Wiederhergestellt: %@ (%.1f s).", path, report.seconds))
            console.out("Hinweis: Die Schlüsseldatei lotse.keys im Zustandsverzeichnis gehört zur Sicherung und wird gesondert zurückgelegt.")
            return .success
        })

    static func describe(_ check: DatabaseRestore.Check) -> String {
        var text = String(format: "%.1f MB, %d Migrationen, Zugriffsprotokoll intakt (%d Zeilen)",
                          Double(check.bytes) / 1_000_000, check.migrations, check.auditRows)
        if !check.applied.isEmpty { text += ", nachgezogen: " + check.applied.joined(separator: ", ") }
        return text
    }
}

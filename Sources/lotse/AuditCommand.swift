// AuditCommand: `lotse audit verify` — checks the MAC chain of the audit log against the key
// file and the checkpoints and names the first broken row (exit 65), or confirms it intact
// (exit 0); `lotse audit checkpoint` witnesses the chain's head outside the database.
import LotseCommandLine
import LotseCore

/// `lotse audit`.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "audit", abstract: "Zugriffsprotokoll prüfen oder einen Kontrollpunkt setzen",
        usage: "lotse audit verify|checkpoint [--db PFAD]",
        discussion: """
            verify prüft die Kette des Zugriffsprotokolls: Jede Zeile trägt die Prüfsumme (HMAC-SHA256
            mit dem Protokollschlüssel der Schlüsseldatei) ihrer Vorgängerin und ihre eigene über ihren
            Inhalt. Eine geänderte, gelöschte, eingefügte oder vertauschte Zeile, eine ohne Schlüssel neu
            berechnete Kette, ein gelöschter Anfang mit gefälschtem Anker sowie – gegen die Kontrollpunkte –
            gelöschte neueste Zeilen oder eine geleerte Tabelle werden gemeldet, mit der ersten
            betroffenen Laufnummer (Exit-Status \(ExitCode.dataError.rawValue)).
            checkpoint hängt Laufnummer, Prüfsumme und Zeit der neuesten Zeile an die Datei
            DATENBANK.audit-checkpoints im Zustandsverzeichnis ($LOTSE_STATE_DIR, sonst neben der
            Datenbank) und ans Systemprotokoll an; »lotse serve« tut das täglich.
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            defer { try? store.close() }
            switch arguments.positional[0] {
            case "verify":
                let result = try store.pool.read { try AuditLog(db: $0).verify() }
                if result.isIntact {
                    console.out(result.description)
                    return .success
                }
                console.err(result.description)
                return .dataError
            case "checkpoint":
                if let checkpoint = try AuditWitness.checkpoint(store: store) {
                    console.out("Kontrollpunkt gesetzt: Laufnummer \(checkpoint.seq), \(checkpoint.hash).")
                } else {
                    console.out("Das Zugriffsprotokoll ist leer; kein Kontrollpunkt nötig.")
                }
                return .success
            default:
                throw UsageError(message: "Bekannt sind: lotse audit verify, lotse audit checkpoint")
            }
        })
}

// AuditCommand: `lotse audit verify` — checks the hash chain of the audit log and names the
// first broken row (exit 65), or confirms it intact (exit 0).
import LotseCommandLine
import LotseCore

/// `lotse audit`.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "audit", abstract: "Zugriffsprotokoll prüfen", usage: "lotse audit verify [--db PFAD]",
        discussion: """
            Prüft die Hash-Kette des Zugriffsprotokolls: Jede Zeile trägt den Hash ihrer Vorgängerin und
            ihren eigenen Hash über ihren Inhalt. Eine geänderte, gelöschte, eingefügte oder vertauschte
            Zeile bricht die Kette; gemeldet wird die erste betroffene Laufnummer (Exit-Status \(ExitCode.dataError.rawValue)).
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...1)
            guard arguments.positional[0] == "verify" else { throw UsageError(message: "Bekannt ist: lotse audit verify") }
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            let result = try store.pool.read { try AuditLog(db: $0).verify() }
            switch result {
            case .intact(let rows):
                console.out("Zugriffsprotokoll intakt: \(rows) Zeilen geprüft.")
                return .success
            case .broken(let seq, let problem):
                console.err("Zugriffsprotokoll verletzt ab Laufnummer \(seq): \(problem).")
                return .dataError
            }
        })
}

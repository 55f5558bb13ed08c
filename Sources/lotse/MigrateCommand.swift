// MigrateCommand: `lotse migrate` applies pending schema migrations and says which.
import LotseCommandLine
import LotseCore

/// `lotse migrate`.
enum MigrateCommand {
    static let spec = CommandSpec(
        name: "migrate", abstract: "ausstehende Schema-Migrationen anwenden", usage: "lotse migrate [--db PFAD]",
        discussion: "Jede Migration läuft in einer eigenen Transaktion; ein zweiter Aufruf ändert nichts.",
        run: { arguments, console in
            try arguments.expectPositional(0...0)
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            if store.appliedOnOpen.isEmpty {
                console.out("Schema ist aktuell (\(Schema.migrations.count) Migrationen).")
            } else {
                console.out("Angewendet: \(store.appliedOnOpen.joined(separator: ", "))")
            }
            return .success
        })
}

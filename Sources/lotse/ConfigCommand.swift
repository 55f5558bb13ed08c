// ConfigCommand: `lotse config list|get|set KEY VALUE` — the instance settings of
// `SettingsRegistry` without SQL; every value validated with a German error, every change in
// the audit log.
import LotseCommandLine
import LotseCore

/// `lotse config`.
enum ConfigCommand {
    static let spec = CommandSpec(
        name: "config", abstract: "Einstellungen anzeigen und ändern (Fristen, Aufbewahrung, Wochenübersicht, Absender)",
        usage: "lotse config list | get SCHLÜSSEL | set SCHLÜSSEL WERT [--db PFAD]",
        options: [],
        discussion: """
            »list« zeigt jede Einstellung mit Wert, Bereich und Bedeutung, »get« nur den Wert, »set« prüft
            den Wert (Typ und Bereich) und speichert ihn; jede Änderung wird im Prüfprotokoll vermerkt
            (Rolle »cli«). Dieselben Werte ändern Administrator:innen auf /admin/einstellungen. Ein
            laufendes »lotse serve« liest Fristen, Aufbewahrung und Versandzeit bei jedem Lauf neu.
            Schlüssel: \(SettingsRegistry.all.map(\.key).joined(separator: ", ")).
            """,
        run: { arguments, console in
            try arguments.expectPositional(1...3)
            let action = arguments.positional[0]
            let store = try Store.open(path: console.databasePath(arguments), create: false)
            defer { try? store.close() }
            let editor = SettingsEditor(store: store)
            switch (action, arguments.positional.count) {
            case ("list", 1):
                for entry in try editor.entries() {
                    let definition = entry.definition
                    let shown = entry.value.isEmpty ? "(leer)" : entry.value
                    console.out("\(definition.key) = \(shown)\(entry.isDefault ? " (Voreinstellung)" : "")")
                    console.out("    \(definition.label): \(definition.help) Erlaubt: \(definition.allowedValues).")
                }
            case ("get", 2):
                console.out(try editor.entry(arguments.positional[1]).value)
            case ("set", 3):
                let key = arguments.positional[1]
                if let change = try editor.set(key, to: arguments.positional[2], by: .commandLine) {
                    console.out("\(key): \(change.old.isEmpty ? "(leer)" : change.old) → \(change.new.isEmpty ? "(leer)" : change.new)")
                } else {
                    console.out("\(key): unverändert (\(try editor.entry(key).value))")
                }
            default:
                throw UsageError(message: "Aufruf: lotse config list | get SCHLÜSSEL | set SCHLÜSSEL WERT")
            }
            return .success
        })
}

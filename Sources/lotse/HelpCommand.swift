// HelpCommand: `lotse help [CMD]`, generated from the command table.

/// `lotse help`.
enum HelpCommand {
    static let spec = CommandSpec(
        name: "help", abstract: "Hilfe zu allen oder einem Befehl zeigen", usage: "lotse help [BEFEHL]",
        run: { arguments, console in
            guard let name = arguments.positional.first else {
                console.out(overview)
                return 0
            }
            try arguments.expectPositional(0...1)
            guard let command = Commands.command(named: name) else {
                throw UsageError(message: "Unbekannter Befehl »\(name)«. `lotse help` zeigt alle Befehle.")
            }
            console.out(command.help)
            return 0
        })

    /// The command list.
    static var overview: String {
        let width = Commands.all.map(\.name.count).max() ?? 0
        var text = "Lotse – Verzeichnis und Vermittlung für soziale Netzwerke im Quartier\n\nAufruf: lotse BEFEHL [Optionen]\n\nBefehle:\n"
        for command in Commands.all {
            text += "  \(command.name)\(String(repeating: " ", count: width - command.name.count + 2))\(command.abstract)\n"
        }
        text += "\n`lotse help BEFEHL` oder `lotse BEFEHL --help` zeigt Optionen und Einzelheiten."
        return text
    }
}

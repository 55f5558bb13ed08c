// CommandTable: a program's commands and global options, the generated help (`PROGRAM help
// [CMD]`, with the exit-status table) and the dispatch that maps errors to ExitCode.
import Foundation
import LotseCore

/// The commands of one executable (`lotse`, `lotse-bench`) and their dispatcher.
public struct CommandTable: Sendable {
    /// The program name used in messages and help ("lotse").
    public let program: String
    /// The first line of the overview.
    public let title: String
    /// Options every command accepts (`--help` is added).
    public let globalOptions: [OptionSpec]
    /// Every command, in the order the overview lists them; `help` comes first.
    public let commands: [CommandSpec]

    /// A table; a `help` command is put in front of `commands`.
    public init(program: String, title: String, globalOptions: [OptionSpec] = [], commands: [CommandSpec]) {
        self.program = program
        self.title = title
        self.globalOptions = globalOptions + [OptionSpec(name: "help", value: nil, help: "diese Hilfe zeigen")]
        let options = self.globalOptions
        let help = CommandSpec(
            name: "help", abstract: Self.helpAbstract, usage: "\(program) help [BEFEHL]",
            run: { arguments, console in
                guard let name = arguments.positional.first else {
                    console.out(Self.overview(program: program, title: title, commands: commands))
                    return .success
                }
                try arguments.expectPositional(0...1)
                guard let command = commands.first(where: { $0.name == name }) else {
                    throw UsageError(message: "Unbekannter Befehl »\(name)«. `\(program) help` zeigt alle Befehle.")
                }
                console.out(command.help(program: program, globalOptions: options))
                return .success
            })
        self.commands = [help] + commands
    }

    private static let helpAbstract = "Hilfe zu allen oder einem Befehl zeigen"

    /// The command with this name.
    public func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }

    /// The command list and the exit statuses.
    public var overview: String { Self.overview(program: program, title: title, commands: Array(commands.dropFirst())) }

    /// The overview for `commands` (without `help`, which is listed first).
    private static func overview(program: String, title: String, commands: [CommandSpec]) -> String {
        let rows = [("help", helpAbstract)] + commands.map { ($0.name, $0.abstract) }
        let width = rows.map(\.0.count).max() ?? 0
        var text = "\(title)\n\nAufruf: \(program) BEFEHL [Optionen]\n\nBefehle:\n"
        for (name, abstract) in rows {
            text += "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(abstract)\n"
        }
        text += "\n`\(program) help BEFEHL` oder `\(program) BEFEHL --help` zeigt Optionen und Einzelheiten.\n\n"
        return text + ExitCode.helpTable
    }

    /// Runs the program with `arguments` (without the program name) and returns the exit status.
    public func main(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> ExitCode {
        let console = Console(environment: environment)
        guard let name = arguments.first else {
            console.err(overview)
            return .usage
        }
        if name == "--help" || name == "-h" {
            console.out(overview)
            return .success
        }
        if name == "--version" {
            console.out("\(program) \(Lotse.version)")
            return .success
        }
        guard let command = command(named: name) else {
            console.err("Unbekannter Befehl »\(name)«. `\(program) help` zeigt alle Befehle.")
            return .usage
        }
        do {
            let parsed = try Arguments(Array(arguments.dropFirst()), command: command, program: program, globalOptions: globalOptions)
            if parsed.flag("help") {
                console.out(command.help(program: program, globalOptions: globalOptions))
                return .success
            }
            return try command.run(parsed, console)
        } catch let error as UsageError {
            console.err("\(program) \(name): \(error.message)")
            return .usage
        } catch let error as LotseError {
            console.err("\(program) \(name): \(error.message)")
            return ExitCode(error.kind)
        } catch let error where StorageTrouble(error) != nil {
            console.err("\(program) \(name): \(StorageTrouble(error)!.message)")
            return .temporaryFailure
        } catch let error as ImportRolledBack {
            console.err(error.report.summary)
            return error.report.dryRun && error.report.problemCount == 0 ? .success : .dataError
        } catch {
            console.err("\(program) \(name): interner Fehler: \(error)")
            return .internalError
        }
    }
}

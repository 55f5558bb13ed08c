// Commands: the one command table of `lotse`, the global options, and the dispatch that maps
// errors to exit codes (sysexits: 64 usage, 65 bad data, 66 not found, 70 internal, 73 cannot
// create, 77 not allowed).
import Foundation
import LotseCore
import SQLite

/// The command table and dispatcher.
enum Commands {
    /// Options every command accepts.
    static let globalOptions = [
        OptionSpec(name: "db", value: "PFAD", help: "Datenbankdatei (sonst $LOTSE_DB, sonst ./lotse.db)"),
        OptionSpec(name: "help", value: nil, help: "diese Hilfe zeigen"),
    ]

    /// Every command, in the order `lotse help` lists them.
    static let all: [CommandSpec] = [
        HelpCommand.spec, InitCommand.spec, MigrateCommand.spec, SearchCommand.spec, StatsCommand.spec,
        ServeCommand.spec, HTTPCommand.spec, UserCommand.spec, DigestCommand.spec, JobsCommand.spec, AuditCommand.spec,
        RetentionCommand.spec, ExportCommand.spec, ImportCommand.spec, GenerateCommand.spec,
        GenerateReferralsCommand.spec, BenchCommand.spec,
    ]

    /// The command with this name.
    static func command(named name: String) -> CommandSpec? { all.first { $0.name == name } }

    /// Runs `lotse` with `arguments` (without the program name) and returns the exit status.
    static func main(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        let console = Console(environment: environment)
        guard let name = arguments.first else {
            console.err(HelpCommand.overview)
            return 64
        }
        if name == "--help" || name == "-h" {
            console.out(HelpCommand.overview)
            return 0
        }
        if name == "--version" {
            console.out("lotse \(Lotse.version)")
            return 0
        }
        guard let command = command(named: name) else {
            console.err("Unbekannter Befehl »\(name)«. `lotse help` zeigt alle Befehle.")
            return 64
        }
        do {
            let parsed = try Arguments(Array(arguments.dropFirst()), command: command)
            if parsed.flag("help") {
                console.out(command.help)
                return 0
            }
            return try command.run(parsed, console)
        } catch let error as UsageError {
            console.err("lotse \(name): \(error.message)")
            return 64
        } catch let error as LotseError {
            console.err("lotse \(name): \(error.message)")
            return exitCode(error.kind)
        } catch let error as ImportRolledBack {
            console.err(error.report.summary)
            return error.report.dryRun && error.report.problemCount == 0 ? 0 : 65
        } catch {
            console.err("lotse \(name): interner Fehler: \(error)")
            return 70
        }
    }

    /// The exit status for a kind of user-facing error.
    static func exitCode(_ kind: LotseError.Kind) -> Int32 {
        switch kind {
        case .invalidInput, .unusableData: 65
        case .conflict: 73
        case .notFound: 66
        case .forbidden: 77
        }
    }
}


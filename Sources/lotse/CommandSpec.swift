// CommandSpec: one command of the table — name, one-line abstract, usage, options, help text
// and the function that runs it.
import Foundation
import LotseCore

/// A `lotse` command. Its `abstract`, `usage`, `options` and `discussion` are the help text.
struct CommandSpec: Sendable {
    /// The command word.
    let name: String
    /// One German line for the command list.
    let abstract: String
    /// Usage line, e.g. "lotse search TEXT [Optionen]".
    let usage: String
    /// The options it accepts (besides the global ones).
    var options: [OptionSpec] = []
    /// Longer German explanation.
    var discussion: String = ""
    /// Runs the command; returns the exit status.
    let run: @Sendable (Arguments, Console) throws -> Int32

    /// The full help text.
    var help: String {
        var text = "lotse \(name) – \(abstract)\n\nAufruf: \(usage)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        let all = options + Commands.globalOptions
        if !all.isEmpty {
            text += "\nOptionen:\n"
            let width = all.map { optionLabel($0).count }.max() ?? 0
            for option in all {
                let label = optionLabel(option)
                text += "  \(label)\(String(repeating: " ", count: width - label.count + 2))\(option.help)\n"
            }
        }
        return text
    }

    private func optionLabel(_ option: OptionSpec) -> String {
        "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
    }
}

/// Where a command writes: results to stdout, messages to stderr.
struct Console: Sendable {
    /// The process environment.
    let environment: [String: String]

    /// Writes a line to standard output.
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes a line to standard error.
    func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal (progress bars are drawn only then).
    var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// The database path: `--db`, else `LOTSE_DB`, else `lotse.db` in the working directory.
    func databasePath(_ arguments: Arguments) -> String {
        arguments.value("db") ?? environment["LOTSE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "lotse.db"
    }
}

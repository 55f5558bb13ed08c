// CommandSpec: one command of a program's table — name, one-line abstract, usage, options,
// help text and the function that runs it — and the Console it writes to.
import Foundation

/// A command of `lotse` or `lotse-bench`. Its `abstract`, `usage`, `options` and `discussion`
/// are the help text.
public struct CommandSpec: Sendable {
    /// The command word.
    public let name: String
    /// One German line for the command list.
    public let abstract: String
    /// Usage line, e.g. "lotse search TEXT [Optionen]".
    public let usage: String
    /// The options it accepts (besides the global ones).
    public var options: [OptionSpec] = []
    /// Longer German explanation.
    public var discussion: String = ""
    /// Runs the command; returns the exit status.
    public let run: @Sendable (Arguments, Console) throws -> ExitCode

    /// A command; `run` is called with the parsed arguments.
    public init(name: String, abstract: String, usage: String, options: [OptionSpec] = [], discussion: String = "",
                run: @escaping @Sendable (Arguments, Console) throws -> ExitCode) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.options = options
        self.discussion = discussion
        self.run = run
    }

    /// The full help text of the command of `program`, listing also the `globalOptions`.
    public func help(program: String, globalOptions: [OptionSpec]) -> String {
        var text = "\(program) \(name) – \(abstract)\n\nAufruf: \(usage)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        let all = options + globalOptions
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
public struct Console: Sendable {
    /// The process environment.
    public let environment: [String: String]

    /// A console for a process with `environment`.
    public init(environment: [String: String]) { self.environment = environment }

    /// Writes a line to standard output.
    public func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes a line to standard error.
    public func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal (progress bars are drawn only then).
    public var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// The database path: `--db`, else `LOTSE_DB`, else `lotse.db` in the working directory.
    public func databasePath(_ arguments: Arguments) -> String {
        arguments.value("db") ?? environment["LOTSE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "lotse.db"
    }
}

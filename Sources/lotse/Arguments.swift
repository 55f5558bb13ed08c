// Arguments: parses `lotse CMD …` against a command's declared options (`--name value`,
// `--name=value`, flags, repeated options) and reports usage errors as exit 64.
import LotseCore

/// One declared option of a command.
struct OptionSpec: Sendable {
    /// Name without dashes, e.g. "db".
    let name: String
    /// Placeholder for the value ("PATH"); nil for a flag.
    let value: String?
    /// One-line German help.
    let help: String
    /// True when the option may be given more than once (values accumulate; commas split).
    var repeatable = false
}

/// A usage mistake: wrong option, missing value, wrong number of arguments (exit 64).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Parsed command-line arguments.
struct Arguments: Sendable {
    /// The command being parsed.
    let command: String
    /// Positional arguments in order.
    private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` for `command`; `--` ends option parsing.
    init(_ arguments: [String], command: CommandSpec) throws {
        self.command = command.name
        let specs = Dictionary(uniqueKeysWithValues: (command.options + Commands.globalOptions).map { ($0.name, $0) })
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                if argument == "--" && !optionsEnded { optionsEnded = true; continue }
                if argument.hasPrefix("-") && argument.count > 1 && !optionsEnded && Double(argument) == nil {
                    throw UsageError(message: "Unbekannte Option \(argument) für lotse \(command.name). Siehe `lotse help \(command.name)`.")
                }
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = specs[name] else {
                throw UsageError(message: "Unbekannte Option --\(name) für lotse \(command.name). Siehe `lotse help \(command.name)`.")
            }
            if spec.value == nil {
                guard inlineValue == nil else { throw UsageError(message: "Option --\(name) nimmt keinen Wert.") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError(message: "Option --\(name) braucht einen Wert (\(spec.value!)).") }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil && !spec.repeatable {
                throw UsageError(message: "Option --\(name) darf nur einmal angegeben werden.")
            }
            let parts = spec.repeatable ? value.split(separator: ",").map { String($0).trimmed } : [value]
            values[name, default: []] += parts.filter { !$0.isEmpty }
        }
    }

    /// The value of a single-valued option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// All values of a repeatable option.
    func values(_ name: String) -> [String] { values[name] ?? [] }

    /// True when the flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The option as an integer within `range`, or `defaultValue` when absent.
    func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(message: "--\(name) erwartet eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound), nicht »\(text)«.")
        }
        return number
    }

    /// Fails unless the number of positional arguments is within `range`.
    func expectPositional(_ range: ClosedRange<Int>) throws {
        guard range.contains(positional.count) else {
            let usage = Commands.command(named: command)?.usage ?? "lotse \(command)"
            throw UsageError(message: "Falsche Anzahl Argumente. Aufruf: \(usage)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmed: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}

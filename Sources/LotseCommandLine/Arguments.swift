// Arguments: parses `PROGRAM CMD …` against a command's declared options (`--name value`,
// `--name=value`, flags, repeated options) and reports usage errors (ExitCode.usage).

/// One declared option of a command.
public struct OptionSpec: Sendable {
    /// Name without dashes, e.g. "db".
    public let name: String
    /// Placeholder for the value ("PATH"); nil for a flag.
    public let value: String?
    /// One-line German help.
    public let help: String
    /// True when the option may be given more than once (values accumulate; commas split).
    public var repeatable = false

    /// An option; `value` nil makes it a flag.
    public init(name: String, value: String?, help: String, repeatable: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
    }
}

/// A usage mistake: wrong option, missing value, wrong number of arguments (ExitCode.usage).
public struct UsageError: Error, CustomStringConvertible {
    /// German text.
    public let message: String
    /// The message.
    public var description: String { message }

    /// A usage error with a German message.
    public init(message: String) { self.message = message }
}

/// Parsed command-line arguments.
public struct Arguments: Sendable {
    /// The command being parsed.
    public let command: String
    /// Positional arguments in order.
    public private(set) var positional: [String] = []
    private let usage: String
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` for `command` of `program` (for messages) with the program's
    /// `globalOptions`; `--` ends option parsing.
    public init(_ arguments: [String], command: CommandSpec, program: String = "lotse", globalOptions: [OptionSpec] = []) throws {
        self.command = command.name
        usage = command.usage
        let specs = Dictionary(uniqueKeysWithValues: (command.options + globalOptions).map { ($0.name, $0) })
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                if argument == "--" && !optionsEnded { optionsEnded = true; continue }
                if argument.hasPrefix("-") && argument.count > 1 && !optionsEnded && Double(argument) == nil {
                    throw UsageError(message: "Unbekannte Option \(argument) für \(program) \(command.name). Siehe `\(program) help \(command.name)`.")
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
                throw UsageError(message: "Unbekannte Option --\(name) für \(program) \(command.name). Siehe `\(program) help \(command.name)`.")
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
    public func value(_ name: String) -> String? { values[name]?.last }

    /// All values of a repeatable option.
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// True when the flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The option as an integer within `range`, or `defaultValue` when absent.
    public func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(message: "--\(name) erwartet eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound), nicht »\(text)«.")
        }
        return number
    }

    /// Fails unless the number of positional arguments is within `range`.
    public func expectPositional(_ range: ClosedRange<Int>) throws {
        guard range.contains(positional.count) else {
            throw UsageError(message: "Falsche Anzahl Argumente. Aufruf: \(usage)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmed: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}

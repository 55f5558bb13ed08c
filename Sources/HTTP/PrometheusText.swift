// PrometheusText: writes metrics in the Prometheus text exposition format 0.0.4 — `# HELP` and
// `# TYPE` lines per family, then samples with escaped label values.

/// A Prometheus text document being written.
public struct PrometheusText: Sendable {
    /// The media type of the format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The text so far.
    public private(set) var text = ""

    /// An empty document.
    public init() {}

    /// Starts a metric family.
    public mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(help.replacingBackslashes(newlines: true, quotes: false))\n# TYPE \(name) \(type)\n"
    }

    /// One sample; labels are written sorted by name.
    public mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value.replacingBackslashes(newlines: true, quotes: true))\"" }
                .joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    /// A number as the format writes it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension String {
    /// Escapes `\` and, as asked, line feeds and double quotes (label values and help text).
    fileprivate func replacingBackslashes(newlines: Bool, quotes: Bool) -> String {
        var result = ""
        for character in self {
            switch character {
            case "\\": result += "\\\\"
            case "\n" where newlines: result += "\\n"
            case "\"" where quotes: result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }
}

// SVGBarChart: a small horizontal bar chart as an SVG string for server-rendered pages — with
// <title> and <desc> for screen readers, text labels (long ones shortened, in full as the
// bar's title) and values beside every bar, suppressed values written out as "<5", no
// JavaScript and no external resources.
import Foundation

/// A horizontal bar chart.
public struct SVGBarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// The German label.
        public let label: String
        /// nil when suppressed (drawn as "<5" without a bar).
        public let value: Int?
        /// A short prefix for the value, e.g. "mindestens".
        public let note: String?

        /// Creates a bar.
        public init(label: String, value: Int?, note: String? = nil) {
            self.label = label
            self.value = value
            self.note = note
        }
    }

    /// The title.
    public let title: String
    /// The description.
    public let description: String
    /// The bars.
    public let bars: [Bar]
    /// Total width in pixels.
    public var width = 640
    /// Height of one bar row.
    public var rowHeight = 24
    /// Prefix of the ids of `<title>` and `<desc>` (`chart` → `chart-title`, `chart-desc`);
    /// give each chart inlined in one page its own, so that the ids stay unique.
    public var idPrefix = "chart"

    /// Creates a chart.
    public init(title: String, description: String, bars: [Bar]) {
        self.title = title
        self.description = description
        self.bars = bars
    }

    /// The SVG document (UTF-8 text, escaped).
    public func render() -> String {
        let labelWidth = 220, valueWidth = 110
        let plot = max(40, width - labelWidth - valueWidth)
        let maximum = max(1, bars.compactMap(\.value).max() ?? 1)
        let height = 40 + bars.count * rowHeight + 10
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(idPrefix)-title \(idPrefix)-desc" \
            width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="13">
            <title id="\(idPrefix)-title">\(Self.escape(title))</title>
            <desc id="\(idPrefix)-desc">\(Self.escape(description))</desc>
            <text x="0" y="20" font-weight="bold">\(Self.escape(title))</text>

            """
        for (row, bar) in bars.enumerated() {
            let y = 40 + row * rowHeight
            let length = bar.value.map { Int((Double($0) / Double(maximum) * Double(plot)).rounded()) } ?? 0
            let valueText = bar.value.map { (bar.note.map { "\($0) " } ?? "") + String($0) } ?? "<5"
            // Labels longer than the label column are shortened; the full label is the group's title.
            let shown = Self.shortened(bar.label)
            svg += "<g>" + (shown == bar.label ? "" : "<title>\(Self.escape(bar.label))</title>")
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + rowHeight / 2 + 4)\" text-anchor=\"end\">\(Self.escape(shown))</text>"
            if length > 0 {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"#2b6cb0\"/>"
            }
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + rowHeight / 2 + 4)\">\(Self.escape(valueText))</text></g>\n"
        }
        return svg + "</svg>\n"
    }

    /// Characters of a label that fit the label column (about 7 px per character at 13 px).
    static let labelLimit = 30

    /// `label`, or its first characters and "…" when it is longer than `labelLimit`.
    static func shortened(_ label: String) -> String {
        label.count <= labelLimit ? label : String(label.prefix(labelLimit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// XML-escapes text for element content and attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

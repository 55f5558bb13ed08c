// EscapingMode: how `{{x}}` output is escaped, chosen per template from its file extension.
// The HTML escaper works on UTF-8 and copies unescaped runs in bulk.

/// How a template escapes `{{name}}` interpolations; `{{{name}}}` and `{{& name}}` never escape.
public enum EscapingMode: Sendable, Equatable {
    /// HTML/XML: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`.
    /// Safe in element content and in quoted attribute values.
    case html
    /// No escaping, for plain-text output such as text e-mails.
    case none

    /// The file extensions (lower case, without dot) that templates are loaded from.
    public static let templateFileExtensions: Set<String> = ["html", "htm", "svg", "xml", "txt"]

    /// The mode for a template file extension (without dot, any case): `txt` → `.none`;
    /// `html`, `htm`, `svg`, `xml` → `.html`; anything else → nil (not a template file).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "html", "htm", "svg", "xml": self = .html
        case "txt": self = .none
        default: return nil
        }
    }

    /// `text` escaped in this mode.
    public func escape(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` as UTF-8, escaped in this mode, to `output`: unescaped runs are copied in
    /// bulk, so a value without any of the five characters is one copy.
    func append(_ text: String, to output: inout [UInt8]) {
        guard self == .html else {
            output.append(contentsOf: text.utf8)
            return
        }
        var text = text
        text.makeContiguousUTF8()   // a no-op for native strings; bridged ones are copied once
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var runStart = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}

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
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        append(text, to: &output)
        return output
    }

    /// Appends `text` as UTF-8, escaped in this mode, to `output`.
    func append(_ text: String, to output: inout [UInt8]) {
        let utf8 = text.utf8
        guard self == .html else {
            output.append(contentsOf: utf8)
            return
        }
        let done: Void? = utf8.withContiguousStorageIfAvailable { bytes in
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
        if done == nil { output.append(contentsOf: escape(text).utf8) }
    }

    /// Appends `text`, escaped in this mode, to `output`.
    func append(_ text: String, to output: inout String) {
        guard self == .html else {
            output.append(text)
            return
        }
        // Most values hold none of the five characters: one scan of the bytes, one append.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { byte in
                byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            }
        }
        if plain == true {
            output.append(text)
            return
        }
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let entity: String
            switch utf8[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default:
                utf8.formIndex(after: &index)
                continue
            }
            // Runs end and start next to ASCII bytes, so each slice is whole scalars.
            output.append(contentsOf: Substring(utf8[runStart..<index]))
            output.append(entity)
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart == utf8.startIndex {
            output.append(text)
        } else {
            output.append(contentsOf: Substring(utf8[runStart..<utf8.endIndex]))
        }
    }
}

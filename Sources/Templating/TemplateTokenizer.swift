// TemplateTokenizer: the first parsing stage; splits source bytes into text, newline and tag
// tokens and records each tag's line and column. No regular expressions.

/// The kind of a `{{…}}` tag, decided by its first character.
enum TagKind: Sendable, Equatable {
    /// `{{name}}`
    case escapedVariable
    /// `{{{name}}}` or `{{& name}}`
    case rawVariable
    /// `{{#name}}`
    case sectionOpen
    /// `{{^name}}`
    case invertedOpen
    /// `{{/name}}`
    case sectionClose
    /// `{{! text }}`
    case comment
    /// `{{> name}}`
    case partial

    /// Whether a tag of this kind alone on a line removes that line (Mustache spec).
    var canStandAlone: Bool {
        switch self {
        case .sectionOpen, .invertedOpen, .sectionClose, .comment, .partial: true
        case .escapedVariable, .rawVariable: false
        }
    }
}

/// A tag as written: its kind, its trimmed name and where its `{{` is.
struct TemplateTag: Sendable {
    /// The tag's kind.
    let kind: TagKind
    /// The content between sigil and closing braces, without surrounding whitespace.
    let name: String
    /// The position of the opening `{{`.
    let location: SourceLocation
}

/// One token of template source.
enum TemplateToken: Sendable {
    /// Text without line breaks.
    case text(String)
    /// A line break, `"\n"` or `"\r\n"`.
    case newline(String)
    /// A tag.
    case tag(TemplateTag)
}

/// Splits one template's source into tokens.
struct TemplateTokenizer {
    /// The template file, for errors.
    let file: String
    private let bytes: [UInt8]

    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// A tokenizer for `source`, reporting errors against `file`.
    init(source: String, file: String) {
        self.file = file
        self.bytes = Array(source.utf8)
    }

    /// The tokens of the whole source; throws on an unclosed tag, an empty tag name or `{{=`.
    func tokenize() throws -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var index = 0
        var textStart = 0
        var line = 1
        // Columns are counted incrementally so long single-line sources stay linear.
        var countedUpTo = 0
        var charactersBefore = 0

        func flushText(upTo end: Int) {
            if end > textStart { tokens.append(.text(string(textStart..<end))) }
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.lineFeed {
                let crlf = index > textStart && bytes[index - 1] == Self.carriageReturn
                flushText(upTo: crlf ? index - 1 : index)
                tokens.append(.newline(crlf ? "\r\n" : "\n"))
                index += 1
                line += 1
                countedUpTo = index
                charactersBefore = 0
                textStart = index
            } else if byte == Self.openBrace, index + 1 < bytes.count, bytes[index + 1] == Self.openBrace {
                flushText(upTo: index)
                charactersBefore += characterCount(countedUpTo..<index)
                countedUpTo = index
                let location = SourceLocation(line: line, column: charactersBefore + 1)
                let (tag, end) = try readTag(at: index, location: location)
                tokens.append(.tag(tag))
                for position in index..<end where bytes[position] == Self.lineFeed {
                    line += 1
                    countedUpTo = position + 1
                    charactersBefore = 0
                }
                index = end
                textStart = end
            } else {
                index += 1
            }
        }
        flushText(upTo: bytes.count)
        return tokens
    }

    /// Reads the tag whose `{{` is at `start`; returns it and the offset just past it.
    private func readTag(at start: Int, location: SourceLocation) throws -> (TemplateTag, Int) {
        var contentStart = start + 2
        var closer: [UInt8] = [Self.closeBrace, Self.closeBrace]
        let kind: TagKind
        switch contentStart < bytes.count ? bytes[contentStart] : 0 {
        case UInt8(ascii: "{"):
            kind = .rawVariable
            closer.append(Self.closeBrace)
        case UInt8(ascii: "&"): kind = .rawVariable
        case UInt8(ascii: "#"): kind = .sectionOpen
        case UInt8(ascii: "^"): kind = .invertedOpen
        case UInt8(ascii: "/"): kind = .sectionClose
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "="):
            throw TemplateError(.setDelimiterUnsupported, template: file, at: location)
        default:
            kind = .escapedVariable
            contentStart -= 1
        }
        contentStart += 1
        guard let closeAt = find(closer, from: contentStart) else {
            throw TemplateError(.unclosedTag, template: file, at: location)
        }
        let name = trimmed(contentStart..<closeAt)
        if name.isEmpty && kind != .comment {
            throw TemplateError(.emptyTagName, template: file, at: location)
        }
        return (TemplateTag(kind: kind, name: name, location: location), closeAt + closer.count)
    }

    /// The first offset at or after `start` where `needle` occurs.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The text of `range` without leading and trailing whitespace.
    private func trimmed(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return string(lower..<upper)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == Self.lineFeed
            || byte == Self.carriageReturn
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func characterCount(_ range: Range<Int>) -> Int {
        string(range).count
    }
}

// TemplateError: every failure of the engine — parsing, linking partials, loading, rendering —
// naming the template file and, where there is one, the line and column of the offending tag.

/// A template could not be parsed, linked, loaded or rendered.
///
/// `description` reads like a compiler diagnostic: `pages/service.html:3:7: unclosed section 'items'`.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// `{{` without a matching `}}` (or `{{{` without `}}}`).
        case unclosedTag
        /// A tag with nothing but whitespace inside, e.g. `{{ }}` or `{{#}}`.
        case emptyTagName
        /// A name that is not a valid key path, e.g. `{{a b}}`, `{{a..b}}`, `{{a.}}`.
        case invalidTagName(String)
        /// An `@` name other than `@index`, `@number`, `@first`, `@last`.
        case unknownHelper(String)
        /// `{{=<% %>=}}`: changing delimiters is not supported.
        case setDelimiterUnsupported
        /// `{{#name}}` or `{{^name}}` never closed; located at the opening tag.
        case unclosedSection(String)
        /// `{{/name}}` with no open section.
        case unopenedSection(String)
        /// `{{/found}}` while the innermost open section is `expected`.
        case mismatchedSection(expected: String, found: String)
        /// `{{> name}}` that no partial answers to (or a partial used without a library).
        case unknownPartial(String)
        /// `{{> name}}` that several partial files answer to.
        case ambiguousPartial(String, candidates: [String])
        /// A template name that the library does not hold.
        case unknownTemplate(String)
        /// A template name shared by several files (e.g. `digest.html` and `digest.txt`).
        case ambiguousTemplate(String, candidates: [String])
        /// Partials nested deeper than the limit (usually unbounded recursion).
        case partialDepthExceeded(limit: Int)
        /// A template file or directory that could not be read, with the cause.
        case unreadable(String)
    }

    /// What went wrong.
    public let reason: Reason
    /// The template file (relative path with extension) or, for library look-ups, the name asked for.
    public let template: String
    /// The 1-based line of the offending tag, when the error has a position.
    public let line: Int?
    /// The 1-based column (in characters) of the offending tag's `{{`, when the error has a position.
    public let column: Int?

    /// An error in `template`, optionally at `line`/`column`.
    public init(_ reason: Reason, template: String, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.template = template
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, or `file: message` without a position.
    public var description: String {
        var prefix = template
        if let line {
            prefix += ":\(line)"
            if let column { prefix += ":\(column)" }
        }
        return "\(prefix): \(message)"
    }

    /// The message without location.
    public var message: String {
        switch reason {
        case .unclosedTag: "unclosed tag: '{{' without '}}'"
        case .emptyTagName: "empty tag name"
        case .invalidTagName(let name): "invalid tag name '\(name)'"
        case .unknownHelper(let name): "unknown helper '\(name)' (known: @index, @number, @first, @last)"
        case .setDelimiterUnsupported: "set-delimiter tags '{{=…=}}' are not supported"
        case .unclosedSection(let name): "unclosed section '\(name)'"
        case .unopenedSection(let name): "'{{/\(name)}}' closes no open section"
        case .mismatchedSection(let expected, let found):
            "section '\(expected)' closed by '{{/\(found)}}'"
        case .unknownPartial(let name): "unknown partial '\(name)'"
        case .ambiguousPartial(let name, let candidates):
            "ambiguous partial '\(name)': \(candidates.joined(separator: ", "))"
        case .unknownTemplate(let name): "unknown template '\(name)'"
        case .ambiguousTemplate(let name, let candidates):
            "ambiguous template '\(name)': \(candidates.joined(separator: ", "))"
        case .partialDepthExceeded(let limit): "partials nested deeper than \(limit)"
        case .unreadable(let cause): "unreadable: \(cause)"
        }
    }
}

extension TemplateError {
    /// An error at a tag's position.
    init(_ reason: Reason, template: String, at location: SourceLocation) {
        self.init(reason, template: template, line: location.line, column: location.column)
    }
}

// TemplateNode: the compiled form of a template, a tree built once by TemplateParser and
// walked by TemplateRenderer on every render.

/// A position in template source: 1-based line, and 1-based column counted in characters.
struct SourceLocation: Sendable, Equatable {
    /// The line, starting at 1.
    let line: Int
    /// The column of the first character, starting at 1.
    let column: Int
}

/// One node of a compiled template.
enum TemplateNode: Sendable {
    /// Literal text.
    case text(TextNode)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(VariablePath, escaped: Bool)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(SectionNode)
    /// `{{> name}}`.
    case partial(PartialReference)
}

/// Literal text, with the UTF-8 offsets where source lines start (used only to indent
/// standalone partials; offset `text.utf8.count` marks a line starting after the text).
struct TextNode: Sendable {
    /// The text, emitted verbatim.
    let text: String
    /// UTF-8 offsets into `text` at which a source line begins, ascending.
    let lineStarts: [Int]
}

/// A normal or inverted section and the nodes it encloses.
struct SectionNode: Sendable {
    /// The value the section tests.
    let path: VariablePath
    /// `{{^…}}`: render only when the value is falsy.
    let inverted: Bool
    /// The enclosed nodes.
    let children: [TemplateNode]
}

/// A `{{> name}}` tag.
struct PartialReference: Sendable {
    /// The name as written until a library links it; then the partial's file key.
    var name: String
    /// The whitespace before a standalone tag, prepended to every line of the partial.
    let indent: String
    /// Whether the tag stood alone on its line (only then is the partial indented).
    let standalone: Bool
    /// Where the tag is, for errors.
    let location: SourceLocation
}

/// What a tag name refers to.
enum VariablePath: Sendable, Equatable {
    /// `.`: the top of the context stack.
    case implicit
    /// `@index`, `@number`, `@first`, `@last`: the innermost list position.
    case helper(ListHelper)
    /// `a.b.c`: the first key looked up through the stack, the rest inside that value.
    case keys([String])

    /// The path for a tag name, or nil when the name is not valid.
    init?(name: String) {
        if name == "." {
            self = .implicit
            return
        }
        if name.hasPrefix("@") {
            guard let helper = ListHelper(rawValue: name) else { return nil }
            self = .helper(helper)
            return
        }
        let keys = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard keys.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("@") }) else { return nil }
        self = .keys(keys)
    }
}

/// The list-position names available inside a section over a list.
enum ListHelper: String, Sendable, CaseIterable {
    /// 0-based position.
    case index = "@index"
    /// 1-based position.
    case number = "@number"
    /// `true` for the first element.
    case first = "@first"
    /// `true` for the last element.
    case last = "@last"

    /// The helper's value for element `index` of a list of `count` elements.
    func value(index: Int, count: Int) -> TemplateValue {
        switch self {
        case .index: .int(index)
        case .number: .int(index + 1)
        case .first: .bool(index == 0)
        case .last: .bool(index == count - 1)
        }
    }
}

extension TemplateNode {
    /// This node with every partial reference passed through `transform` (recursively).
    func mappingPartials(
        _ transform: (PartialReference) throws -> PartialReference
    ) rethrows -> TemplateNode {
        switch self {
        case .text, .variable:
            return self
        case .partial(let reference):
            return .partial(try transform(reference))
        case .section(let section):
            let children = try section.children.map { try $0.mappingPartials(transform) }
            return .section(SectionNode(path: section.path, inverted: section.inverted, children: children))
        }
    }

    /// The partial references in this node and below, in source order.
    var partialReferences: [PartialReference] {
        switch self {
        case .text, .variable: []
        case .partial(let reference): [reference]
        case .section(let section): section.children.flatMap(\.partialReferences)
        }
    }
}

// Template: one compiled template, parsed once and rendered many times. Immutable and Sendable,
// so any number of threads may render the same value at once.

/// A compiled Mustache-style template.
///
/// Outside a `TemplateLibrary` a template cannot use partials: rendering one throws
/// `TemplateError.Reason.unknownPartial`.
public struct Template: Sendable {
    /// The template's name, e.g. `pages/service` (see `TemplateLibrary` for naming).
    public let name: String
    /// The file the template came from, e.g. `pages/service.html`; used in errors.
    public let file: String
    /// How `{{x}}` is escaped when a render starts with this template.
    public let escaping: EscapingMode
    /// The compiled nodes.
    let nodes: [TemplateNode]
    /// The source length in UTF-8 bytes, to size the output buffer.
    let sourceSize: Int

    /// Compiles `source`. Throws a `TemplateError` naming `file` (default: `name`), line and
    /// column for unclosed tags or sections, mismatched sections, empty or invalid names and `{{=`.
    public init(source: String, name: String, file: String? = nil, escaping: EscapingMode = .html) throws {
        let file = file ?? name
        self.name = name
        self.file = file
        self.escaping = escaping
        self.nodes = try TemplateParser(file: file).parse(source)
        self.sourceSize = source.utf8.count
    }

    private init(name: String, file: String, escaping: EscapingMode, nodes: [TemplateNode], sourceSize: Int) {
        self.name = name
        self.file = file
        self.escaping = escaping
        self.nodes = nodes
        self.sourceSize = sourceSize
    }

    /// The partial names used by `{{> name}}` tags, as written, in source order without repeats.
    public var partialNames: [String] {
        var seen = Set<String>()
        return partialReferences.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Every partial reference, in source order.
    var partialReferences: [PartialReference] {
        nodes.flatMap(\.partialReferences)
    }

    /// This template with each partial reference renamed by `link` (used by the library to
    /// point references at the partial's file key once, at load time).
    func linkingPartials(_ link: (PartialReference) throws -> String) rethrows -> Template {
        let linked = try nodes.map { node in
            try node.mappingPartials { reference in
                var reference = reference
                reference.name = try link(reference)
                return reference
            }
        }
        return Template(name: name, file: file, escaping: escaping, nodes: linked, sourceSize: sourceSize)
    }

    /// Renders with `context` as the only frame of the context stack.
    public func render(_ context: TemplateValue) throws -> String {
        try render(frames: [context], partials: nil)
    }

    /// Renders with `frames` as the context stack (bottom first) and `partials` by file key.
    /// `extra` bytes are reserved beyond the template's own estimate (a layout's page body).
    func render(frames: [TemplateValue], partials: [String: Template]?, extra: Int = 0) throws -> String {
        var renderer = TemplateRenderer(
            escaping: escaping, partials: partials, frames: frames, capacity: max(256, sourceSize * 2) + extra)
        try renderer.render(nodes, file: file, indent: "")
        return renderer.output
    }
}

// TemplateLibrary: every template of a directory (or of an in-memory map), compiled and linked
// once at start; renders by name and wraps pages in a layout. Immutable and Sendable.

/// An immutable set of compiled templates whose partial references were checked at load time.
///
/// **Naming.** A template's *file key* is its path relative to the root, with `/` separators and
/// its extension: `pages/service.html`. Its *name* is the file key without the extension:
/// `layout`, `pages/service`, `mail/digest_provider`. `render` and `template(named:)` accept
/// both; a name shared by two files (`digest.html`, `digest.txt`) must be asked for by file key.
///
/// **Partials** are templates whose file name starts with `_` (`_card.html`). `{{> card}}` and
/// `{{> _card}}` both look, in order, for `_card` in the including template's directory, at the
/// root, then anywhere in the library if only one `_card` exists. `{{> lists/card}}` looks only
/// for `lists/_card`. A reference nothing answers to is a load error, as is an ambiguous one.
/// A partial is rendered with the escaping mode of the template the render started with.
public struct TemplateLibrary: Sendable {
    /// Templates by file key, partial references already pointing at file keys.
    private let templatesByFile: [String: Template]
    /// File keys by name.
    private let filesByName: [String: [String]]

    /// A library from in-memory sources keyed by file key, for tests and embedded templates.
    /// A key with a template extension (`mail/digest.txt`) gets that extension's escaping mode;
    /// any other key is taken as the name itself and uses `defaultEscaping`.
    public init(templates sources: [String: String], defaultEscaping: EscapingMode = .html) throws {
        try self.init(sources: sources.map { file, text in (file: file, text: text) }, defaultEscaping: defaultEscaping)
    }

    /// Compiles and links `sources`, which come as (file key, source text) pairs.
    init(sources: [(file: String, text: String)], defaultEscaping: EscapingMode) throws {
        var templates: [String: Template] = [:]
        var filesByName: [String: [String]] = [:]
        for source in sources.sorted(by: { $0.file < $1.file }) {
            let (name, escaping) = Self.nameAndEscaping(ofFile: source.file, default: defaultEscaping)
            templates[source.file] = try Template(
                source: source.text, name: name, file: source.file, escaping: escaping)
            if name != source.file { filesByName[name, default: []].append(source.file) }
        }
        let unlinked = templates
        // Sorted, so that with several broken templates the same error is reported every run.
        for (file, template) in unlinked.sorted(by: { $0.key < $1.key }) {
            templates[file] = try template.linkingPartials { reference in
                try Self.resolvePartial(reference, from: template, templates: unlinked, filesByName: filesByName)
            }
        }
        self.templatesByFile = templates
        self.filesByName = filesByName
    }

    /// Every template name (without extension), sorted.
    public var names: [String] {
        Set(templatesByFile.values.map(\.name)).sorted()
    }

    /// Every file key (with extension), sorted.
    public var files: [String] {
        templatesByFile.keys.sorted()
    }

    /// The template with file key or name `name`; throws `unknownTemplate` or `ambiguousTemplate`.
    public func template(named name: String) throws -> Template {
        switch Self.lookUp(name, templates: templatesByFile, filesByName: filesByName) {
        case .found(let file):
            return templatesByFile[file]!  // lookUp only returns held keys
        case .ambiguous(let files):
            throw TemplateError(.ambiguousTemplate(name, candidates: files), template: name)
        case .missing:
            throw TemplateError(.unknownTemplate(name), template: name)
        }
    }

    /// Renders template `name` (file key or name) with `context` as the context stack's root.
    public func render(_ name: String, _ context: TemplateValue) throws -> String {
        try template(named: name).render(frames: [context], partials: templatesByFile)
    }

    /// Renders `page`, then renders `layout` with the same context and `body` set to the
    /// rendered page. The layout must insert it raw, `{{{body}}}`, since it is already escaped.
    /// `body` shadows a `body` key of the context.
    public func render(page: String, layout: String = "layout", context: TemplateValue) throws -> String {
        let layoutTemplate = try template(named: layout)
        let body = try render(page, context)
        return try layoutTemplate.render(frames: [context, ["body": .string(body)]], partials: templatesByFile, extra: body.utf8.count)
    }
}

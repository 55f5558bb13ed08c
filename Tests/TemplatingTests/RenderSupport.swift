// RenderSupport: one-call rendering of a template source with in-memory partials, shared by tests.

import Testing
@testable import Templating

/// Renders `source` as template `test` of an in-memory library holding `partials` (keys are
/// file keys such as `_card`), with `escaping` for keys without a template extension.
func renderTemplate(
    _ source: String, _ context: TemplateValue = [:], partials: [String: String] = [:],
    escaping: EscapingMode = .html
) throws -> String {
    var sources = partials
    sources["test"] = source
    return try TemplateLibrary(templates: sources, defaultEscaping: escaping).render("test", context)
}

/// One case of the official Mustache spec, rewritten in Swift. Partial keys carry this
/// library's `_` prefix (`_partial` where the spec says `partial`).
struct SpecCase: Sendable, CustomTestStringConvertible {
    /// The spec's test name.
    let name: String
    /// The template source.
    let template: String
    /// The context.
    let data: TemplateValue
    /// Partial sources by file key.
    var partials: [String: String] = [:]
    /// The expected output.
    let expected: String

    /// The spec's name, shown in test results.
    var testDescription: String { name }

    /// Renders the case as an HTML template.
    func render() throws -> String {
        try renderTemplate(template, data, partials: partials)
    }
}


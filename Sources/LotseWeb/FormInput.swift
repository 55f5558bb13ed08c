// FormInput: reads a submitted form — trimmed text fields, checkbox groups — and carries field
// errors back to the page that shows them next to the fields, keeping what was typed.
import HTTP
import LotseCore
import Templating

/// A submitted form.
public struct FormInput {
    /// The decoded form.
    public let form: FormData

    /// A decoded form (PageRequest decodes the body once: `try request.input`).
    public init(form: FormData) {
        self.form = form
    }

    /// A trimmed text field ("" when absent).
    public func text(_ name: String) -> String {
        (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A trimmed text field, nil when empty.
    public func optional(_ name: String) -> String? {
        let value = text(name)
        return value.isEmpty ? nil : value
    }

    /// All values of a checkbox group or multi-select.
    public func values(_ name: String) -> [String] { form.values(name) }

    /// Every field except the CSRF token, for re-displaying a form.
    public var typed: [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        for (name, value) in form.fields where name != "csrf" { values[name] = .string(value) }
        return values
    }
}

/// Field errors of a form in the shape the templates use: `errors.<field>` for the message
/// beside a field, `errorList` for the summary at the top (with anchors to the fields).
public struct FormErrors {
    private(set) var messages: [(field: String, message: String)] = []

    /// No errors yet.
    public init() {}

    /// Errors from a rejected write.
    public init(_ rejected: DirectoryWriter.Rejected) {
        for problem in rejected.problems { add(problem.field, problem.message) }
    }

    /// Adds an error for a field ("" for the form as a whole).
    public mutating func add(_ field: String, _ message: String) { messages.append((field, message)) }

    /// True when there are none.
    public var isEmpty: Bool { messages.isEmpty }

    /// The template values: `errors` (object) and `errorList` (array).
    public var context: [String: TemplateValue] {
        var byField: [String: TemplateValue] = [:]
        for (field, message) in messages where byField[field] == nil { byField[field] = .string(message) }
        return ["errors": .object(byField),
                "errorList": .array(messages.map { ["field": .string($0.field), "message": .string($0.message)] }),
                "hasErrors": .bool(!messages.isEmpty)]
    }
}

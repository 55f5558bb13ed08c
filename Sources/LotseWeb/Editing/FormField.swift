// FormField: the template context of one form field (Templates/_field.html) or checkbox group
// (Templates/_choices.html) — label, hint, error, the value as typed, `aria-describedby` — so
// that every editing form is labelled, described and marked invalid the same way.
import LotseCore
import Templating

/// One field of an editing form.
struct FormField {
    /// How the field is entered.
    enum Kind {
        case text, email, url, tel, number, date, password, textarea, select, radios
    }

    /// One choice of a select or radio group.
    struct Option {
        /// The submitted value.
        var value: String
        /// The German label.
        var label: String
    }

    /// The form field name (usually the column name); the input's id is `feld-<name>`.
    var name: String
    /// The German label (legend for radio groups).
    var label: String
    /// How it is entered.
    var kind: Kind = .text
    /// A hint below the label.
    var hint: String?
    /// Marked "(freiwillig)" when true.
    var optional = true
    /// `autocomplete` token, if any.
    var autocomplete: String?
    /// Choices of selects and radio groups.
    var options: [Option] = []
    /// Rows of a textarea.
    var rows = 4
    /// The input's id (`feld-<id>`) and error key when the form's field name is not unique on
    /// the page (two forms with an `email` field); nil: the name.
    var id: String?
    /// The browser refuses to submit the form without it.
    var required = false
    /// The shortest value the browser accepts, if any.
    var minLength: Int?
    /// `inputmode` for text fields that are no `email` input (e.g. a login name), if any.
    var inputMode: String?
    /// False for addresses and names where spell checking only distracts.
    var spellcheck = true

    /// The field's context with `value` (as typed or stored) and its error, if any.
    func context(_ value: String, errors: FormErrors) -> TemplateValue {
        let fieldID = id ?? name
        let error = errors.message(for: fieldID)
        let describedBy = [hint.map { _ in "hinweis-\(fieldID)" }, error.map { _ in "fehler-\(fieldID)" }].compactMap { $0 }
        let type: String
        switch kind {
        case .email: type = "email"
        case .url: type = "url"
        case .tel: type = "tel"
        case .number: type = "text"
        case .date: type = "date"
        case .password: type = "password"
        default: type = "text"
        }
        return .object([
            "name": .string(name), "fieldID": .string(fieldID), "label": .string(label), "hint": TemplateValue(hint), "error": TemplateValue(error),
            "optional": .bool(optional), "value": .string(kind == .password ? "" : value), "type": .string(type),
            "inputmode": kind == .number ? .string("decimal") : TemplateValue(inputMode),
            "required": .bool(required), "minlength": minLength.map { .int($0) } ?? .null, "noSpellcheck": .bool(!spellcheck),
            "autocomplete": TemplateValue(autocomplete), "rows": .int(rows),
            "describedBy": describedBy.isEmpty ? .null : .string(describedBy.joined(separator: " ")),
            "isTextarea": .bool(kind == .textarea), "isSelect": .bool(kind == .select), "isRadios": .bool(kind == .radios),
            "isInput": .bool(![.textarea, .select, .radios].contains(kind)),
            "options": .array(options.enumerated().map { index, option in
                .object(["value": .string(option.value), "label": .string(option.label), "selected": .bool(option.value == value),
                         "id": .string(index == 0 ? "feld-\(fieldID)" : "feld-\(fieldID)-\(index)")])
            }),
        ])
    }
}

/// A group of checkboxes (a vocabulary picker), optionally in sub-groups with their own legend.
struct ChoiceGroup {
    /// One checkbox.
    struct Choice {
        var value: String
        var label: String
    }

    /// A sub-group (heading nil: no sub-fieldset).
    struct Section {
        var heading: String?
        var choices: [Choice]
    }

    /// The field name of every checkbox.
    var name: String
    /// The legend.
    var legend: String
    /// A hint below the legend.
    var hint: String?
    /// The sub-groups.
    var sections: [Section]

    /// The group's context with the `checked` values and its error, if any.
    func context(checked: Set<String>, errors: FormErrors) -> TemplateValue {
        let fieldID = name
        let error = errors.message(for: fieldID)
        let describedBy = [hint.map { _ in "hinweis-\(fieldID)" }, error.map { _ in "fehler-\(fieldID)" }].compactMap { $0 }
        var index = 0
        let groups = sections.map { section -> TemplateValue in
            .object(["heading": TemplateValue(section.heading), "choices": .array(section.choices.map { choice in
                index += 1
                return .object(["value": .string(choice.value), "label": .string(choice.label), "checked": .bool(checked.contains(choice.value)),
                                "id": .string("feld-\(name)-\(index)")])
            })])
        }
        return .object([
            "name": .string(name), "legend": .string(legend), "hint": TemplateValue(hint), "error": TemplateValue(error),
            "describedBy": describedBy.isEmpty ? .null : .string(describedBy.joined(separator: " ")),
            "groups": .array(groups.filter { $0["choices"].isTruthy }),
        ])
    }
}

extension FormErrors {
    /// The first message for `field`, if any.
    func message(for field: String) -> String? {
        messages.first { $0.field == field }?.message
    }

    /// Adds the problems for fields that have no message yet.
    mutating func addMissing(_ problems: [DirectoryWriter.FieldProblem], rename: [String: String] = [:]) {
        for problem in problems {
            let field = rename[problem.field] ?? problem.field
            if message(for: field) == nil { add(field, problem.message) }
        }
    }

    /// Adds every problem of a rejected write, renaming fields through `rename` (column →
    /// form field) where the form names them differently.
    mutating func add(_ rejected: DirectoryWriter.Rejected, rename: [String: String] = [:]) {
        for problem in rejected.problems { add(rename[problem.field] ?? problem.field, problem.message) }
    }
}

// FormPage: renders an editing form through the one form template (Templates/formular.html):
// heading, notices, error summary, sections of fields and checkbox groups, submit button.
// A form with errors answers 400 and says so in the title.
import HTTP
import LotseCore
import Templating

/// A form page under construction.
struct FormPage {
    /// The page heading (and title).
    var heading: String
    /// Where the form posts to.
    var action: String
    /// The submit button's label.
    var submitLabel: String
    /// The link above the heading.
    var back: (url: String, label: String)?
    /// A paragraph below the heading.
    var intro: String?
    /// A status notice.
    var notice: String?
    /// Sections of fields, in order.
    var sections: [TemplateValue] = []
    /// Hidden fields.
    var hidden: [(String, String)] = []
    /// Label of a second button that submits `aktion=loeschen`.
    var deleteLabel: String?
    /// The pending change shown above the form, if any (a diff context).
    var pending: TemplateValue = .null
    /// The coordinator's comment on a returned change, if any.
    var returnedComment: String?
    /// Small separate forms below the main one (one button each, e.g. "ausmustern").
    var extraForms: [TemplateValue] = []

    /// Adds a one-button form below the main form.
    mutating func extraForm(action: String, label: String, text: String? = nil, fields: [(String, String)] = []) {
        extraForms.append(.object(["action": .string(action), "label": .string(label), "text": TemplateValue(text),
                                   "fields": .array(fields.map { .object(["name": .string($0.0), "value": .string($0.1)]) })]))
    }

    /// Creates a form page.
    init(heading: String, action: String, submitLabel: String, back: (url: String, label: String)? = nil) {
        self.heading = heading
        self.action = action
        self.submitLabel = submitLabel
        self.back = back
    }

    /// Adds a section of fields and groups (`items` from `field` / `choices`).
    mutating func section(_ heading: String?, text: String? = nil, _ items: [TemplateValue]) {
        sections.append(.object(["heading": TemplateValue(heading), "text": TemplateValue(text), "items": .array(items)]))
    }

    /// An item for `section`: one field.
    static func field(_ field: FormField, _ value: String, _ errors: FormErrors) -> TemplateValue {
        .object(["field": field.context(value, errors: errors), "choices": .null])
    }

    /// An item for `section`: one checkbox group.
    static func choices(_ group: ChoiceGroup, _ checked: Set<String>, _ errors: FormErrors) -> TemplateValue {
        .object(["field": .null, "choices": group.context(checked: checked, errors: errors)])
    }

    /// Renders the page; 400 when `errors` is not empty.
    func render(_ request: PageRequest, errors: FormErrors, extra: [String: TemplateValue] = [:]) throws -> Response {
        var page: [String: TemplateValue] = [
            "heading": .string(heading), "action": .string(action), "submitLabel": .string(submitLabel),
            "back": back.map { .object(["url": .string($0.url), "label": .string($0.label)]) } ?? .null,
            "cancel": back.map { .object(["url": .string($0.url)]) } ?? .null,
            "intro": TemplateValue(intro), "notice": TemplateValue(notice), "sections": .array(sections),
            "hiddenFields": .array(hidden.map { .object(["name": .string($0.0), "value": .string($0.1)]) }),
            "deleteLabel": TemplateValue(deleteLabel), "pending": pending,
            "returned": returnedComment.map { .object(["comment": .string($0)]) } ?? .null, "extraForms": .array(extraForms),
        ]
        for (key, value) in errors.context { page[key] = value }
        for (key, value) in extra { page[key] = value }
        return try request.context.site.page("formular", title: (errors.isEmpty ? "" : "Fehler: ") + heading, context: page, request: request,
                                     status: errors.isEmpty ? 200 : 400)
    }
}

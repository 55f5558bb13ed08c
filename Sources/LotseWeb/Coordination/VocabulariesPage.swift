// VocabulariesPage: `/koordination/vokabulare` — the need taxonomy (category → need) and the
// target groups: add, rename, move (another category), retire and reactivate terms. Retired
// terms keep their references but are no longer offered in the pickers. Written through
// DirectoryWriter, so every change is in the history.
import HTTP
import LotseCore
import Templating

/// The vocabulary tools.
enum VocabulariesPage {
    /// The vocabularies edited here.
    static let editable: [(code: TaxonomyCode, heading: String)] = [(.need, "Bedarfe"), (.targetGroup, "Zielgruppen")]

    /// `GET /koordination/vokabulare`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    /// Both vocabularies with their add forms (`typed` values, `errors`).
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let editor = VocabularyEditor(store: request.context.store)
        let vocabularies = try editable.map { vocabulary -> TemplateValue in
            let terms = try editor.terms(vocabulary.code)
            let key = vocabulary.code.rawValue
            func node(_ term: VocabularyEditor.Term) -> [String: TemplateValue] {
                ["name": .string(term.name), "code": .string(term.code), "retired": .bool(term.retired), "url": .string(URLs.term(term.id)),
                 "uses": term.uses > 0 ? .int(term.uses) : .null]
            }
            let tree = terms.filter { $0.parentID == nil }.map { top -> TemplateValue in
                var object = node(top)
                object["children"] = .array(terms.filter { $0.parentID == top.id }.map { .object(node($0)) })
                return .object(object)
            }
            var fields = [FormPage.field(FormField(name: "\(key)-name", label: "Name", optional: false), typed["\(key)-name"] ?? "", errors)]
            if vocabulary.code == .need {
                let categories = [FormField.Option(value: "", label: "– neue Kategorie (oberste Ebene) –")]
                    + terms.filter { $0.parentID == nil && !$0.retired }.map { FormField.Option(value: $0.id, label: $0.name) }
                fields.append(FormPage.field(FormField(name: "\(key)-parent", label: "Kategorie", kind: .select, optional: false, options: categories),
                                             typed["\(key)-parent"] ?? "", errors))
            }
            fields.append(FormPage.field(FormField(name: "\(key)-code", label: "Code", hint: "Leer lassen: wird aus dem Namen gebildet."),
                                         typed["\(key)-code"] ?? "", errors))
            return .object(["key": .string(key), "heading": .string(vocabulary.heading), "terms": .array(tree),
                            "fields": .array(fields.map { $0["field"] })])
        }
        var page: [String: TemplateValue] = ["vocabularies": .array(vocabularies), "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("koordination/vokabulare", title: (errors.isEmpty ? "" : "Fehler: ") + "Vokabulare", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/vokabulare`: a new term (`taxonomie`, `<taxonomie>-name`, `-parent`, `-code`).
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        guard let vocabulary = editable.first(where: { $0.code.rawValue == input.text("taxonomie") }) else {
            throw LotseError(.invalidInput, "Bitte das Vokabular wählen (Bedarfe oder Zielgruppen).")
        }
        let key = vocabulary.code.rawValue
        let name = input.text("\(key)-name"), parent = input.optional("\(key)-parent")
        var typed: [String: String] = [:]
        for (field, value) in input.form.fields where field.hasPrefix(key + "-") { typed[field] = value }
        var errors = FormErrors()
        do {
            try VocabularyEditor(store: request.context.store, now: request.context.now()).add(to: vocabulary.code, name: name, parentID: parent,
                                                                               code: input.optional("\(key)-code"), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.vocabularies))
        } catch let rejected as DirectoryWriter.Rejected {
            errors.add(rejected, rename: ["name": "\(key)-name", "code": "\(key)-code", "parent_id": "\(key)-parent"])
        }
        return try page(request, typed: typed, errors: errors)
    }

    /// The term of the route's `:id` in an editable vocabulary.
    static func term(_ request: PageRequest) throws -> VocabularyEditor.EditableTerm {
        try VocabularyEditor(store: request.context.store).term(request.id)
    }

    /// `GET /koordination/vokabulare/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let term = try term(request)
        let form = try page(term: term, values: ["name": term.name, "parent_id": term.parentID ?? ""], errors: FormErrors(), context: request.context)
        return try form.render(request, errors: FormErrors())
    }

    /// The form of one term: name, category (needs only), retire or offer again.
    static func page(term: VocabularyEditor.EditableTerm, values: [String: String], errors: FormErrors, context: AppContext) throws -> FormPage {
        var form = FormPage(heading: "Begriff bearbeiten: \(term.name)", action: URLs.term(term.id), submitLabel: "Speichern",
                            back: (URLs.vocabularies, "Zurück zu den Vokabularen"))
        var items = [FormPage.field(FormField(name: "name", label: "Name", optional: false), values["name"] ?? "", errors)]
        if term.vocabulary == .need {
            let categories = [FormField.Option(value: "", label: "– keine: Kategorie (oberste Ebene) –")]
                + (try VocabularyEditor(store: context.store).terms(.need)).filter { $0.parentID == nil && $0.id != term.id && !$0.retired }
                    .map { FormField.Option(value: $0.id, label: $0.name) }
            items.append(FormPage.field(FormField(name: "parent_id", label: "Kategorie", kind: .select, hint: "Verschieben in eine andere Kategorie.",
                                                  optional: false, options: categories), values["parent_id"] ?? "", errors))
        }
        form.section(nil, items)
        form.extraForm(action: URLs.retireTerm(term.id), label: term.retired ? "Wieder anbieten" : "Ausmustern",
                       text: term.retired ? "Dieser Begriff ist ausgemustert und wird nicht mehr angeboten."
                                          : "Ausmustern: bestehende Zuordnungen bleiben, der Begriff wird aber nicht mehr zur Auswahl angeboten.",
                       fields: term.retired ? [("wieder", "1")] : [])
        return form
    }

    /// `POST /koordination/vokabulare/:id`: rename and move.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let values = ["name": input.text("name"), "parent_id": input.text("parent_id")]
        let now = request.context.now()
        do {
            try VocabularyEditor(store: request.context.store, now: now).update(request.id, name: values["name"]!,
                                                                        parentID: values["parent_id"]!.nonEmpty, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.vocabularies))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            let form = try page(term: try term(request), values: values, errors: errors, context: request.context)
            return try form.render(request, errors: errors)
        }
    }

    /// `POST /koordination/vokabulare/:id/ausmustern` (with `wieder=1`: offer again).
    static func retire(_ request: PageRequest) throws -> Response {
        try Retirement.handle(request, back: URLs.vocabularies) { again, account, now in
            try VocabularyEditor(store: request.context.store, now: now).setRetired(request.id, !again, by: account)
        }
    }
}

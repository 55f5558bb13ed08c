// SynonymsPage: `/koordination/synonyme` — the coordinators edit the synonym list of search as
// text, one group of words per line (»Kita, Kindertagesstätte, Krippe«). Saving replaces the
// list; the search uses it from its next index build.
import HTTP
import LotseCore
import Templating

/// The synonym list editor.
enum SynonymsPage {
    /// `GET /koordination/synonyme`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, text: try SearchSynonyms.text(in: request.context.store), errors: FormErrors(), status: 200)
    }

    /// `POST /koordination/synonyme` with `synonyme`.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let text = try request.input.text("synonyme")
        var errors = FormErrors()
        do {
            try SearchSynonyms.save(text, in: request.context.store, accountID: account.id, role: account.role.rawValue,
                                    now: request.context.now())
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.synonyms))
        } catch let error as LotseError where error.kind == .invalidInput {
            errors.add("synonyme", error.message)
        }
        return try page(request, text: text, errors: errors, status: 400)
    }

    private static func page(_ request: PageRequest, text: String, errors: FormErrors, status: Int) throws -> Response {
        let field = FormPage.field(FormField(name: "synonyme", label: "Synonyme, eine Gruppe je Zeile", kind: .textarea,
                                             hint: "Wörter einer Gruppe durch Komma trennen, zum Beispiel: Kita, Kindertagesstätte, Krippe. Jedes Wort einzeln, mindestens drei Buchstaben.",
                                             optional: false, rows: 20),
                                   text, errors)
        var context: [String: TemplateValue] = [
            "fields": .array([field["field"]]), "action": .string(URLs.synonyms),
            "groups": .int(text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count),
            "notice": TemplateValue(CoordinationNotice.text(request)),
        ]
        for (key, value) in errors.context { context[key] = value }
        return try request.context.site.page("koordination/synonyme", title: (errors.isEmpty ? "" : "Fehler: ") + "Synonyme der Suche",
                                             context: context, request: request, status: status)
    }
}

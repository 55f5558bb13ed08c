// VocabulariesPage: `/koordination/vokabulare` — the need taxonomy (category → need) and the
// target groups: add, rename, move (another category), retire and reactivate terms. Retired
// terms keep their references but are no longer offered in the pickers. Written through
// DirectoryWriter, so every change is in the history.
import HTTP
import LotseCore
import SQLite
import Templating

/// The vocabulary tools.
enum VocabulariesPage {
    /// The vocabularies edited here.
    static let editable: [(code: TaxonomyCode, heading: String)] = [(.need, "Bedarfe"), (.targetGroup, "Zielgruppen")]

    /// `GET /koordination/vokabulare`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, typed: [:], errors: FormErrors())
    }

    /// Both vocabularies with their add forms (`typed` values, `errors`).
    static func page(_ request: Request, _ context: AppContext, typed: [String: String], errors: FormErrors) throws -> Response {
        let vocabularies = try context.store.pool.read { db in
            try editable.map { vocabulary -> TemplateValue in
                let terms = try self.terms(vocabulary.code, db: db)
                let key = vocabulary.code.rawValue
                func node(_ term: (id: String, name: String, code: String, parent: String?, retired: Bool, uses: Int)) -> [String: TemplateValue] {
                    ["name": .string(term.name), "code": .string(term.code), "retired": .bool(term.retired), "url": .string(URLs.term(term.id)),
                     "uses": term.uses > 0 ? .int(term.uses) : .null]
                }
                let tree = terms.filter { $0.parent == nil }.map { top -> TemplateValue in
                    var object = node(top)
                    object["children"] = .array(terms.filter { $0.parent == top.id }.map { .object(node($0)) })
                    return .object(object)
                }
                var fields = [FormPage.field(FormField(name: "\(key)-name", label: "Name", optional: false), typed["\(key)-name"] ?? "", errors)]
                if vocabulary.code == .need {
                    let categories = [FormField.Option(value: "", label: "– neue Kategorie (oberste Ebene) –")]
                        + terms.filter { $0.parent == nil && !$0.retired }.map { FormField.Option(value: $0.id, label: $0.name) }
                    fields.append(FormPage.field(FormField(name: "\(key)-parent", label: "Kategorie", kind: .select, optional: false, options: categories),
                                                 typed["\(key)-parent"] ?? "", errors))
                }
                fields.append(FormPage.field(FormField(name: "\(key)-code", label: "Code", hint: "Leer lassen: wird aus dem Namen gebildet."),
                                             typed["\(key)-code"] ?? "", errors))
                return .object(["key": .string(key), "heading": .string(vocabulary.heading), "terms": .array(tree),
                                "fields": .array(fields.map { $0["field"] })])
            }
        }
        var page: [String: TemplateValue] = ["vocabularies": .array(vocabularies), "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("koordination/vokabulare", title: (errors.isEmpty ? "" : "Fehler: ") + "Vokabulare", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// The terms of a vocabulary, in order, with how many records use them.
    static func terms(_ code: TaxonomyCode, db: Database) throws -> [(id: String, name: String, code: String, parent: String?, retired: Bool, uses: Int)] {
        try db.query("""
            SELECT tt.id, tt.name, coalesce(tt.code, ''), tt.parent_id, tt.retired_at IS NOT NULL,
                   (SELECT count(*) FROM attribute a WHERE a.taxonomy_term_id = tt.id)
            FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE t.code = ? ORDER BY tt.position, tt.name
            """, code.rawValue) { (id: $0.string(0), name: $0.string(1), code: $0.string(2), parent: $0.optionalString(3), retired: $0.bool(4), uses: $0.int(5)) }
    }

    /// `POST /koordination/vokabulare`: a new term (`taxonomie`, `<taxonomie>-name`, `-parent`, `-code`).
    static func add(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        guard let vocabulary = editable.first(where: { $0.code.rawValue == input.text("taxonomie") }) else {
            throw LotseError(.invalidInput, "Bitte das Vokabular wählen (Bedarfe oder Zielgruppen).")
        }
        let key = vocabulary.code.rawValue
        let name = input.text("\(key)-name"), parent = input.optional("\(key)-parent")
        var typed: [String: String] = [:]
        for (field, value) in input.form.fields where field.hasPrefix(key + "-") { typed[field] = value }
        var errors = FormErrors()
        if name.isEmpty { errors.add("\(key)-name", "Bitte einen Namen angeben.") }
        let now = context.now()
        if errors.isEmpty {
            do {
                try context.store.pool.write { db in
                    guard let taxonomy = try db.queryFirst("SELECT id, name FROM taxonomy WHERE code = ?", key, transform: { ($0.string(0), $0.string(1)) }) else {
                        throw LotseError(.notFound, "Dieses Vokabular gibt es nicht.")
                    }
                    if let problem = try Hierarchy.termProblem(db, id: nil, parentID: parent, taxonomyID: taxonomy.0) {
                        throw DirectoryWriter.Rejected(problems: [.init(field: "\(key)-parent", message: problem.message)])
                    }
                    let parentCode = try parent.flatMap { try db.scalarString("SELECT code FROM taxonomy_term WHERE id = ?", $0) }
                    let code = input.optional("\(key)-code") ?? ((parentCode.map { $0 + "." } ?? "") + Slug.make(name))
                    guard !code.isEmpty, try db.scalarInt("SELECT count(*) FROM taxonomy_term WHERE taxonomy_id = ? AND code = ?", taxonomy.0, code) == 0 else {
                        throw DirectoryWriter.Rejected(problems: [.init(field: "\(key)-code", message: "Den Code »\(code)« gibt es schon; bitte einen anderen angeben.")])
                    }
                    let position = (try db.scalarInt("SELECT max(position) FROM taxonomy_term WHERE taxonomy_id = ? AND parent_id IS ?", taxonomy.0, parent) ?? 0) + 1
                    let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
                    try writer.write(table: "taxonomy_term", id: RowChanges.newID(), values: [
                        "taxonomy_id": taxonomy.0, "code": code, "name": name, "parent_id": parent, "position": String(position),
                        "taxonomy": taxonomy.1, "language": "de",
                    ])
                    try writer.finish()
                }
                return .redirect(to: URLs.vocabularies + "?hinweis=gespeichert")
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected, rename: ["name": "\(key)-name", "code": "\(key)-code", "parent_id": "\(key)-parent"])
            }
        }
        return try page(request, context, typed: typed, errors: errors)
    }

    /// The term of the route's `:id` in an editable vocabulary: id, taxonomy id and code, name, parent.
    static func term(_ request: Request, db: Database) throws -> (id: String, taxonomy: String, code: TaxonomyCode, name: String, parent: String?, retired: Bool) {
        let id = request.pathParameters["id"] ?? ""
        guard let row = try db.queryFirst("""
            SELECT tt.taxonomy_id, t.code, tt.name, tt.parent_id, tt.retired_at IS NOT NULL FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE tt.id = ?
            """, id, transform: { ($0.string(0), $0.optionalString(1), $0.string(2), $0.optionalString(3), $0.bool(4)) }),
            let code = row.1.flatMap(TaxonomyCode.init(rawValue:)), editable.contains(where: { $0.code == code }) else {
            throw LotseError(.notFound, "Diesen Begriff gibt es in den hier gepflegten Vokabularen nicht.")
        }
        return (id, row.0, code, row.2, row.3, row.4)
    }

    /// `GET /koordination/vokabulare/:id`.
    static func edit(_ request: Request, _ context: AppContext) throws -> Response {
        let form = try context.store.pool.read { db -> FormPage in
            let term = try term(request, db: db)
            return try page(term: term, values: ["name": term.name, "parent_id": term.parent ?? ""], errors: FormErrors(), db: db)
        }
        return try form.render(request, context, errors: FormErrors())
    }

    /// The form of one term: name, category (needs only), retire or offer again.
    static func page(term: (id: String, taxonomy: String, code: TaxonomyCode, name: String, parent: String?, retired: Bool), values: [String: String],
                     errors: FormErrors, db: Database) throws -> FormPage {
        var form = FormPage(heading: "Begriff bearbeiten: \(term.name)", action: URLs.term(term.id), submitLabel: "Speichern",
                            back: (URLs.vocabularies, "Zurück zu den Vokabularen"))
        var items = [FormPage.field(FormField(name: "name", label: "Name", optional: false), values["name"] ?? "", errors)]
        if term.code == .need {
            let categories = [FormField.Option(value: "", label: "– keine: Kategorie (oberste Ebene) –")]
                + (try terms(.need, db: db)).filter { $0.parent == nil && $0.id != term.id && !$0.retired }.map { FormField.Option(value: $0.id, label: $0.name) }
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
    static func save(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        let values = ["name": input.text("name"), "parent_id": input.text("parent_id")]
        let now = context.now()
        do {
            try context.store.pool.write { db in
                let term = try term(request, db: db)
                var problems: [DirectoryWriter.FieldProblem] = []
                if values["name"]!.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
                let parent = term.code == .need ? values["parent_id"]!.nonEmpty : nil
                if let problem = try Hierarchy.termProblem(db, id: term.id, parentID: parent, taxonomyID: term.taxonomy) { problems.append(problem) }
                guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
                let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
                try writer.write(table: "taxonomy_term", id: term.id, values: ["name": values["name"]!, "parent_id": parent])
                try writer.finish()
            }
            return .redirect(to: URLs.vocabularies + "?hinweis=gespeichert")
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            let form = try context.store.pool.read { db in try page(term: try term(request, db: db), values: values, errors: errors, db: db) }
            return try form.render(request, context, errors: errors)
        }
    }

    /// `POST /koordination/vokabulare/:id/ausmustern` (with `wieder=1`: offer again).
    static func retire(_ request: Request, _ context: AppContext) throws -> Response {
        try Retirement.handle(request, context, table: "taxonomy_term", back: URLs.vocabularies) { try term($0, db: $1).id }
    }
}

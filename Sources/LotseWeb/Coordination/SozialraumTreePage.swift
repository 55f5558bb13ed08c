// SozialraumTreePage: `/koordination/sozialraeume` — the Sozialraum tree (city → Bezirk →
// Stadtteil → Quartier): add, rename, move (refusing cycles and level inversions, see
// Hierarchy), retire and reactivate areas, through DirectoryWriter with history.
import HTTP
import LotseCore
import SQLite
import Templating

/// The Sozialraum tools.
enum SozialraumTreePage {
    /// One area as stored.
    struct Area {
        /// Id, code, parent, name, level (stadt … quartier) and whether it is retired.
        var id: String, code: String, parent: String?, name: String, level: String, retired: Bool
    }

    /// Every area, in tree order within each parent.
    static func areas(_ db: Database) throws -> [Area] {
        try db.query("SELECT id, code, parent_id, name, level, retired_at IS NOT NULL FROM sozialraum ORDER BY position, name") {
            Area(id: $0.string(0), code: $0.string(1), parent: $0.optionalString(2), name: $0.string(3), level: $0.string(4), retired: $0.bool(5))
        }
    }

    /// The level choices.
    static let levelOptions = Hierarchy.sozialraumLevels.map { FormField.Option(value: $0, label: Hierarchy.levelLabel($0)) }

    /// `GET /koordination/sozialraeume`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, typed: ["level": "quartier"], errors: FormErrors())
    }

    /// The tree and the add form (`typed` values, `errors`).
    static func page(_ request: Request, _ context: AppContext, typed: [String: String], errors: FormErrors) throws -> Response {
        let (roots, parents) = try context.store.pool.read { db -> ([TemplateValue], [FormField.Option]) in
            let all = try areas(db)
            func node(_ area: Area, depth: Int) -> TemplateValue {
                .object(["name": .string(area.name), "code": .string(area.code), "level": .string(Hierarchy.levelLabel(area.level)),
                         "retired": .bool(area.retired), "url": .string(URLs.area(area.id)),
                         "children": .array(depth > 16 ? [] : all.filter { $0.parent == area.id }.map { node($0, depth: depth + 1) })])
            }
            return (all.filter { $0.parent == nil }.map { node($0, depth: 0) },
                    [.init(value: "", label: "– keines (eine Stadt) –")] + (try Pickers.sozialraumOptions(db: db)))
        }
        let fields = [
            FormPage.field(FormField(name: "name", label: "Name", optional: false), typed["name"] ?? "", errors),
            FormPage.field(FormField(name: "level", label: "Ebene", kind: .select, optional: false, options: levelOptions), typed["level"] ?? "quartier", errors),
            FormPage.field(FormField(name: "parent_id", label: "Liegt in", kind: .select, optional: false, options: parents), typed["parent_id"] ?? "", errors),
            FormPage.field(FormField(name: "code", label: "Code", hint: "Leer lassen: wird aus übergeordnetem Code und Name gebildet."), typed["code"] ?? "", errors),
        ].map { $0["field"] }
        var page: [String: TemplateValue] = ["roots": .array(roots), "fields": .array(fields), "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("koordination/sozialraeume", title: (errors.isEmpty ? "" : "Fehler: ") + "Sozialräume", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/sozialraeume`: a new area.
    static func add(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        let typed = ["name": input.text("name"), "level": input.text("level"), "parent_id": input.text("parent_id"), "code": input.text("code")]
        let now = context.now()
        do {
            try context.store.pool.write { db in
                var problems: [DirectoryWriter.FieldProblem] = []
                if typed["name"]!.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
                if let problem = try Hierarchy.sozialraumProblem(db, id: nil, parentID: typed["parent_id"]!.nonEmpty, level: typed["level"]!) { problems.append(problem) }
                let parentCode = try typed["parent_id"]!.nonEmpty.flatMap { try db.scalarString("SELECT code FROM sozialraum WHERE id = ?", $0) }
                let code = typed["code"]!.nonEmpty ?? [parentCode, Slug.make(typed["name"]!).nonEmpty].compactMap { $0 }.joined(separator: "-")
                if problems.isEmpty, try db.scalarInt("SELECT count(*) FROM sozialraum WHERE code = ?", code) != 0 {
                    problems.append(.init(field: "code", message: "Den Code »\(code)« gibt es schon; bitte einen anderen angeben."))
                }
                guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
                let kind = Hierarchy.levelLabel(typed["level"]!)
                let position = (try db.scalarInt("SELECT max(position) FROM sozialraum WHERE parent_id IS ?", typed["parent_id"]!.nonEmpty) ?? 0) + 1
                let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
                try writer.write(table: "sozialraum", id: RowChanges.newID(), values: [
                    "code": code, "parent_id": typed["parent_id"]!.nonEmpty, "name": typed["name"]!, "level": typed["level"]!, "kind": kind,
                    "position": String(position),
                ])
                try writer.finish()
            }
            return .redirect(to: URLs.areas + "?hinweis=gespeichert")
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, context, typed: typed, errors: errors)
        }
    }

    /// The area of the route's `:id`.
    static func area(_ request: Request, db: Database) throws -> Area {
        let id = request.pathParameters["id"] ?? ""
        guard let area = try areas(db).first(where: { $0.id == id }) else { throw LotseError(.notFound, "Dieses Gebiet gibt es nicht.") }
        return area
    }

    /// `GET /koordination/sozialraeume/:id`.
    static func edit(_ request: Request, _ context: AppContext) throws -> Response {
        let form = try context.store.pool.read { db -> FormPage in
            let area = try area(request, db: db)
            return try page(area: area, values: ["name": area.name, "level": area.level, "parent_id": area.parent ?? ""], errors: FormErrors(), db: db)
        }
        return try form.render(request, context, errors: FormErrors())
    }

    /// The form of one area: name, level, parent (without its own subtree), retire.
    static func page(area: Area, values: [String: String], errors: FormErrors, db: Database) throws -> FormPage {
        var form = FormPage(heading: "Gebiet bearbeiten: \(area.name)", action: URLs.area(area.id), submitLabel: "Speichern",
                            back: (URLs.areas, "Zurück zu den Sozialräumen"))
        form.intro = "Code: \(area.code) (bleibt beim Umbenennen und Verschieben gleich)."
        let parents = [FormField.Option(value: "", label: "– keines (eine Stadt) –")]
            + (try Pickers.sozialraumOptions(db: db, including: area.parent, excludingBelow: area.id))
        form.section(nil, [
            FormPage.field(FormField(name: "name", label: "Name", optional: false), values["name"] ?? "", errors),
            FormPage.field(FormField(name: "level", label: "Ebene", kind: .select, optional: false, options: levelOptions), values["level"] ?? "", errors),
            FormPage.field(FormField(name: "parent_id", label: "Liegt in", kind: .select, hint: "Verschieben: ein Gebiet kann nicht in sich selbst oder einem seiner Teile liegen.",
                                     optional: false, options: parents), values["parent_id"] ?? "", errors),
        ])
        form.extraForm(action: URLs.retireArea(area.id), label: area.retired ? "Wieder anbieten" : "Ausmustern",
                       text: area.retired ? "Dieses Gebiet ist ausgemustert." : "Ausmustern: bestehende Standorte behalten das Gebiet, es wird aber nicht mehr angeboten.",
                       fields: area.retired ? [("wieder", "1")] : [])
        return form
    }

    /// `POST /koordination/sozialraeume/:id`: rename, change level, move.
    static func save(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        let values = ["name": input.text("name"), "level": input.text("level"), "parent_id": input.text("parent_id")]
        let now = context.now()
        do {
            try context.store.pool.write { db in
                let area = try area(request, db: db)
                var problems: [DirectoryWriter.FieldProblem] = []
                if values["name"]!.isEmpty { problems.append(.init(field: "name", message: "Bitte einen Namen angeben.")) }
                if let problem = try Hierarchy.sozialraumProblem(db, id: area.id, parentID: values["parent_id"]!.nonEmpty, level: values["level"]!) {
                    problems.append(problem)
                }
                guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
                let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
                try writer.write(table: "sozialraum", id: area.id, values: ["name": values["name"]!, "level": values["level"]!,
                                                                          "parent_id": values["parent_id"]!.nonEmpty])
                try writer.finish()
            }
            return .redirect(to: URLs.areas + "?hinweis=gespeichert")
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            let form = try context.store.pool.read { db in try page(area: try area(request, db: db), values: values, errors: errors, db: db) }
            return try form.render(request, context, errors: errors)
        }
    }

    /// `POST /koordination/sozialraeume/:id/ausmustern` (with `wieder=1`: offer again).
    static func retire(_ request: Request, _ context: AppContext) throws -> Response {
        try Retirement.handle(request, context, table: "sozialraum", back: URLs.areas) { try area($0, db: $1).id }
    }
}

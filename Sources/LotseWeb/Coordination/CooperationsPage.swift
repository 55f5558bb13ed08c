// CooperationsPage: `/koordination/kooperationen` — cooperations between members (two
// organizations, topic, since, optionally a Quartier): list, record, remove; through
// DirectoryWriter, so both organizations' histories show it.
import HTTP
import LotseCore
import SQLite
import Templating

/// The cooperation tools.
enum CooperationsPage {
    /// `GET /koordination/kooperationen`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, typed: [:], errors: FormErrors())
    }

    /// The list and the form, with `typed` values and `errors`.
    static func page(_ request: Request, _ context: AppContext, typed: [String: String], errors: FormErrors) throws -> Response {
        let (cooperations, members, areas) = try context.store.pool.read { db in
            (try db.query("""
                SELECT c.id, a.name, b.name, c.topic, c.since, s.name FROM cooperation c JOIN organization a ON a.id = c.organization_id
                JOIN organization b ON b.id = c.partner_id LEFT JOIN sozialraum s ON s.id = c.sozialraum_id ORDER BY a.name, b.name, c.topic
                """) { row -> TemplateValue in
                .object(["first": .string(row.string(1)), "second": .string(row.string(2)), "topic": .string(row.string(3)),
                         "since": TemplateValue(GermanFormat.date(row.optionalString(4))), "quartier": TemplateValue(row.optionalString(5)),
                         "removeURL": .string(URLs.removeCooperation(row.string(0)))])
            },
             try db.query("SELECT id, name FROM organization WHERE membership_status = 'member' ORDER BY name") { FormField.Option(value: $0.string(0), label: $0.string(1)) },
             try Pickers.sozialraumOptions(db: db))
        }
        let choose = FormField.Option(value: "", label: "– bitte wählen –")
        let fields = [
            FormPage.field(FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false, options: [choose] + members), typed["organization_id"] ?? "", errors),
            FormPage.field(FormField(name: "partner_id", label: "Partnerorganisation", kind: .select, optional: false, options: [choose] + members), typed["partner_id"] ?? "", errors),
            FormPage.field(FormField(name: "topic", label: "Thema", hint: "Zum Beispiel: Nachbarschaftstreff im Quartier.", optional: false), typed["topic"] ?? "", errors),
            FormPage.field(FormField(name: "since", label: "Seit", kind: .date, hint: "Datum, zum Beispiel 2024-03-01."), typed["since"] ?? "", errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Quartier", kind: .select, options: [.init(value: "", label: "– keines –")] + areas), typed["sozialraum_id"] ?? "", errors),
            FormPage.field(FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 2), typed["description"] ?? "", errors),
        ].map { $0["field"] }
        var page: [String: TemplateValue] = ["cooperations": .array(cooperations), "count": .int(cooperations.count), "fields": .array(fields),
                                             "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("koordination/kooperationen", title: (errors.isEmpty ? "" : "Fehler: ") + "Kooperationen", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/kooperationen`.
    static func add(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        var typed: [String: String] = [:]
        for name in ["organization_id", "partner_id", "topic", "since", "sozialraum_id", "description"] { typed[name] = input.text(name) }
        let now = context.now()
        do {
            try context.store.pool.write { db in
                var problems: [DirectoryWriter.FieldProblem] = []
                for (field, label) in [("organization_id", "eine Organisation"), ("partner_id", "die Partnerorganisation")] {
                    let id = typed[field]!
                    if id.isEmpty { problems.append(.init(field: field, message: "Bitte \(label) wählen.")); continue }
                    if try db.scalarString("SELECT membership_status FROM organization WHERE id = ?", id) != MembershipStatus.member.rawValue {
                        problems.append(.init(field: field, message: "Kooperationen gibt es nur zwischen Mitgliedern."))
                    }
                }
                if !typed["partner_id"]!.isEmpty && typed["partner_id"] == typed["organization_id"] {
                    problems.append(.init(field: "partner_id", message: "Bitte zwei verschiedene Organisationen wählen."))
                }
                if typed["topic"]!.isEmpty { problems.append(.init(field: "topic", message: "Bitte das Thema der Kooperation angeben.")) }
                if problems.isEmpty, try db.scalarInt("""
                    SELECT count(*) FROM cooperation WHERE topic = ?3 AND ((organization_id = ?1 AND partner_id = ?2) OR (organization_id = ?2 AND partner_id = ?1))
                    """, typed["organization_id"]!, typed["partner_id"]!, typed["topic"]!) != 0 {
                    problems.append(.init(field: "topic", message: "Diese Kooperation ist schon eingetragen."))
                }
                guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
                let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
                try writer.write(table: "cooperation", id: RowChanges.newID(), values: typed.mapValues { $0.nonEmpty })
                try writer.finish()
            }
            return .redirect(to: URLs.cooperations + "?hinweis=gespeichert")
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, context, typed: typed, errors: errors)
        }
    }

    /// `POST /koordination/kooperationen/:id/entfernen`.
    static func remove(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let id = request.pathParameters["id"] ?? ""
        let now = context.now()
        try context.store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM cooperation WHERE id = ?", id) == 1 else { throw LotseError(.notFound, "Diese Kooperation gibt es nicht.") }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.delete(table: "cooperation", id: id)
            try writer.finish()
        }
        return .redirect(to: URLs.cooperations + "?hinweis=entfernt")
    }
}

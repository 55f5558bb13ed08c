// StalePage: `/koordination/veraltet` — services and organizations past their review date
// (Verification.staleEntries); the coordinator confirms them, or hides long-stale ones from
// the public directory ("ausblenden") and shows them again ("einblenden").
import HTTP
import LotseCore
import SQLite
import Templating

/// The stale entries and the hide/show buttons.
enum StalePage {
    /// Entries overdue by more than this many months may be hidden.
    static let hideAfterMonths = 3

    /// `GET /koordination/veraltet`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let today = BerlinTime(context.now()).dateString
        let limit = Timestamp.addingMonths(-hideAfterMonths, to: today) ?? today
        let entries = try context.store.pool.read { try Verification.staleEntries($0, today: today) }.map { entry -> TemplateValue in
            let isService = entry.table == "service"
            return .object([
                "kind": .string(isService ? "Angebot" : "Organisation"), "isService": .bool(isService), "name": .string(entry.name),
                "organization": .string(entry.organizationName), "due": .string(GermanFormat.date(entry.due) ?? entry.due), "hidden": .bool(entry.hidden),
                "editURL": .string(isService ? URLs.editService(entry.id) : URLs.editorOrganization(entry.id)),
                "confirmURL": .string(isService ? URLs.confirmService(entry.id) : URLs.confirmOrganization(entry.id)),
                "visibilityURL": .string(isService ? URLs.serviceVisibility(entry.id) : URLs.organizationVisibility(entry.id)),
                "canToggle": .bool(entry.hidden || entry.due < limit), "toggleValue": .string(entry.hidden ? "0" : "1"),
                "toggleLabel": .string(entry.hidden ? "Einblenden" : "Ausblenden"),
            ])
        }
        return try context.site.page("koordination/veraltet", title: "Veraltete Einträge", context: [
            "entries": .array(entries), "months": .int(hideAfterMonths), "notice": TemplateValue(CoordinationNotice.text(request)),
        ], request: request)
    }

    /// `POST /koordination/angebote/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func service(_ request: Request, _ context: AppContext) throws -> Response {
        try toggle(request, context, table: "service")
    }

    /// `POST /koordination/organisationen/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func organization(_ request: Request, _ context: AppContext) throws -> Response {
        try toggle(request, context, table: "organization")
    }

    private static func toggle(_ request: Request, _ context: AppContext, table: String) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let id = request.pathParameters["id"] ?? ""
        let input = try FormInput(request)
        guard ["0", "1"].contains(input.text("ausblenden")) else { throw LotseError(.invalidInput, "Bitte »Ausblenden« oder »Einblenden« wählen.") }
        let hide = input.text("ausblenden") == "1"
        let now = context.now()
        try context.store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM \(table) WHERE id = ?", id) == 1 else { throw LotseError(.notFound, "Diesen Eintrag gibt es nicht.") }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: table, id: id, values: ["hidden": hide ? "1" : "0"])
            try writer.finish()
        }
        return .redirect(to: EditorActions.withNotice(EditorAccess.next(input, fallback: URLs.staleEntries), hide ? "ausgeblendet" : "eingeblendet"))
    }
}

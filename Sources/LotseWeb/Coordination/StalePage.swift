// StalePage: `/koordination/veraltet` — services and organizations past their review date
// (Verification.staleEntries); the coordinator confirms them, or hides long-stale ones from
// the public directory ("ausblenden") and shows them again ("einblenden").
import HTTP
import LotseCore
import Templating

/// The stale entries and the hide/show buttons.
enum StalePage {
    /// Entries overdue by more than this many months may be hidden.
    static let hideAfterMonths = StaleEntries.hideAfterMonths

    /// `GET /koordination/veraltet`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let stale = StaleEntries(store: context.store, now: context.now())
        let entries = try stale.list().map { entry -> TemplateValue in
            let isService = entry.table == "service"
            return .object([
                "kind": .string(isService ? "Angebot" : "Organisation"), "isService": .bool(isService), "name": .string(entry.name),
                "organization": .string(entry.organizationName), "due": .string(GermanFormat.date(entry.due) ?? entry.due), "hidden": .bool(entry.hidden),
                "editURL": .string(isService ? URLs.editService(entry.id) : URLs.editorOrganization(entry.id)),
                "confirmURL": .string(isService ? URLs.confirmService(entry.id) : URLs.confirmOrganization(entry.id)),
                "visibilityURL": .string(isService ? URLs.serviceVisibility(entry.id) : URLs.organizationVisibility(entry.id)),
                "canToggle": .bool(stale.mayToggle(entry)), "toggleValue": .string(entry.hidden ? "0" : "1"),
                "toggleLabel": .string(entry.hidden ? "Einblenden" : "Ausblenden"),
            ])
        }
        return try context.site.page("koordination/veraltet", title: "Veraltete Einträge", context: [
            "entries": .array(entries), "months": .int(hideAfterMonths), "notice": TemplateValue(CoordinationNotice.text(request)),
        ], request: request)
    }

    /// `POST /koordination/angebote/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func service(_ request: Request, _ context: AppContext) throws -> Response {
        try toggle(request, context, table: .service)
    }

    /// `POST /koordination/organisationen/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func organization(_ request: Request, _ context: AppContext) throws -> Response {
        try toggle(request, context, table: .organization)
    }

    private static func toggle(_ request: Request, _ context: AppContext, table: StaleEntries.Table) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let id = request.pathParameters["id"] ?? ""
        let input = try FormInput(request)
        guard ["0", "1"].contains(input.text("ausblenden")) else { throw LotseError(.invalidInput, "Bitte »Ausblenden« oder »Einblenden« wählen.") }
        let hide = input.text("ausblenden") == "1"
        let now = context.now()
        try StaleEntries(store: context.store, now: now).setHidden(table, id: id, hide, by: account)
        return .redirect(to: EditorActions.withNotice(EditorAccess.next(input, fallback: URLs.staleEntries), hide ? "ausgeblendet" : "eingeblendet"))
    }
}

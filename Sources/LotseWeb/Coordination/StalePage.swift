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
    static func show(_ request: PageRequest) throws -> Response {
        let stale = StaleEntries(store: request.context.store, now: request.context.now())
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
        return try request.context.site.page("koordination/veraltet", title: "Veraltete Einträge", context: [
            "entries": .array(entries), "months": .int(hideAfterMonths), "notice": TemplateValue(CoordinationNotice.text(request)),
        ], request: request)
    }

    /// `POST /koordination/angebote/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func service(_ request: PageRequest) throws -> Response {
        try toggle(request, table: .service)
    }

    /// `POST /koordination/organisationen/:id/sichtbarkeit` with `ausblenden` 1 or 0.
    static func organization(_ request: PageRequest) throws -> Response {
        try toggle(request, table: .organization)
    }

    private static func toggle(_ request: PageRequest, table: StaleEntries.Table) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        guard ["0", "1"].contains(input.text("ausblenden")) else { throw LotseError(.invalidInput, "Bitte »Ausblenden« oder »Einblenden« wählen.") }
        let hide = input.text("ausblenden") == "1"
        let now = request.context.now()
        try StaleEntries(store: request.context.store, now: now).setHidden(table, id: id, hide, by: account)
        return .redirect(to: URLs.with(notice: hide ? "ausgeblendet" : "eingeblendet", EditorAccess.next(input, fallback: URLs.staleEntries)))
    }
}

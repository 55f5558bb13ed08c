// EditorActions: the one-button actions of the dashboard — "Angaben unverändert bestätigen"
// for a service or an organization (applies at once), withdrawing a pending change, and
// marking a correction suggestion done or dismissed.
import HTTP
import LotseCore

/// The dashboard's buttons.
enum EditorActions {
    /// `POST /pflege/angebote/:id/bestaetigen`.
    static func confirmService(_ request: PageRequest) throws -> Response {
        try confirm(request, table: "service")
    }

    /// `POST /pflege/organisationen/:id/bestaetigen`.
    static func confirmOrganization(_ request: PageRequest) throws -> Response {
        try confirm(request, table: "organization")
    }

    private static func confirm(_ request: PageRequest, table: String) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: table)
        let id = request.id
        try EditorAccess.editing(request.context).confirm(table: table, id: id, by: account)
        return .redirect(to: URLs.with(notice: "bestaetigt", EditorAccess.next(try request.input, fallback: URLs.editorOrganization(organization))))
    }

    /// `POST /pflege/aenderungen/:id/zurueckziehen`.
    static func withdraw(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "change_request")
        let id = request.id
        try EditorAccess.editing(request.context).withdraw(id, by: account)
        return .redirect(to: URLs.with(notice: "zurueckgezogen", EditorAccess.next(try request.input, fallback: URLs.editorOrganization(organization))))
    }

    /// `POST /pflege/korrekturen/:id` with `status` done, dismissed or open.
    static func handleCorrection(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "correction")
        let input = try request.input
        guard let status = Corrections.Status(rawValue: input.text("status")) else {
            throw LotseError(.invalidInput, "Bitte »Erledigt« oder »Verwerfen« wählen.")
        }
        try EditorAccess.editing(request.context).handleCorrection(request.id, status: status, by: account)
        return .redirect(to: URLs.with(notice: "erledigt", EditorAccess.next(input, fallback: URLs.editorOrganization(organization))))
    }
}

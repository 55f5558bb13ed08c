// EditorActions: the one-button actions of the dashboard — "Angaben unverändert bestätigen"
// for a service or an organization (applies at once), withdrawing a pending change, and
// marking a correction suggestion done or dismissed.
import HTTP
import LotseCore

/// The dashboard's buttons.
enum EditorActions {
    /// `POST /pflege/angebote/:id/bestaetigen`.
    static func confirmService(_ request: Request, _ context: AppContext) throws -> Response {
        try confirm(request, context, table: "service")
    }

    /// `POST /pflege/organisationen/:id/bestaetigen`.
    static func confirmOrganization(_ request: Request, _ context: AppContext) throws -> Response {
        try confirm(request, context, table: "organization")
    }

    private static func confirm(_ request: Request, _ context: AppContext, table: String) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, context, table: table)
        let id = request.pathParameters["id"] ?? ""
        try EditorAccess.editing(context).confirm(table: table, id: id, by: account)
        return .redirect(to: withNotice(EditorAccess.next(try FormInput(request), fallback: URLs.editorOrganization(organization)), "bestaetigt"))
    }

    /// `POST /pflege/aenderungen/:id/zurueckziehen`.
    static func withdraw(_ request: Request, _ context: AppContext) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, context, table: "change_request")
        let id = request.pathParameters["id"] ?? ""
        try EditorAccess.editing(context).withdraw(id, by: account)
        return .redirect(to: withNotice(EditorAccess.next(try FormInput(request), fallback: URLs.editorOrganization(organization)), "zurueckgezogen"))
    }

    /// `POST /pflege/korrekturen/:id` with `status` done, dismissed or open.
    static func handleCorrection(_ request: Request, _ context: AppContext) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, context, table: "correction")
        let input = try FormInput(request)
        guard let status = Corrections.Status(rawValue: input.text("status")) else {
            throw LotseError(.invalidInput, "Bitte »Erledigt« oder »Verwerfen« wählen.")
        }
        try EditorAccess.editing(context).handleCorrection(request.pathParameters["id"] ?? "", status: status, by: account)
        return .redirect(to: withNotice(EditorAccess.next(input, fallback: URLs.editorOrganization(organization)), "erledigt"))
    }

    /// `path` with the notice code `hinweis` added.
    static func withNotice(_ path: String, _ code: String) -> String {
        let base = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let query = path.contains("?") ? String(path[path.index(after: path.firstIndex(of: "?")!)...]).split(separator: "&").filter { !$0.hasPrefix("hinweis=") }.joined(separator: "&") : ""
        return base + "?" + (query.isEmpty ? "" : query + "&") + "hinweis=" + code
    }
}

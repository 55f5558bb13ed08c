// GrantsPage: `/freigaben` — the pending access grants the viewer may confirm or refuse (four
// eyes for access to referral content: an organization's editors, or other coordinators and
// admins where it has none), and the viewer's own requests still waiting.
import HTTP
import LotseCore
import Templating

/// Confirming access grants.
enum GrantsPage {
    /// `GET /freigaben`.
    static func show(_ request: PageRequest) throws -> Response {
        let me = try request.account
        let grants = AccessGrants(store: request.context.store, now: request.context.now())
        func row(_ grant: AccessGrants.Grant) -> TemplateValue {
            .object(["name": .string(grant.displayName), "email": .string(grant.email),
                     "role": .string(grant.role == .provider ? "pflegt die Einträge und sieht Vermittlungen an die Organisation" : "Beratung im Team: sieht die Vermittlungen des Teams"),
                     "organization": .string(grant.organizationName), "requestedBy": .string(grant.requestedByName),
                     "requestedAt": .string(GermanFormat.dateTime(grant.requestedAt) ?? grant.requestedAt),
                     "confirmURL": .string(URLs.confirmGrant(grant.id)), "refuseURL": .string(URLs.refuseGrant(grant.id))])
        }
        let notice: String? = switch request.notice {
        case "bestaetigt": "Der Zugang ist bestätigt und das Konto angelegt."
        case "abgelehnt": "Der Zugang ist abgelehnt; es entsteht kein Konto."
        default: nil
        }
        let page: [String: TemplateValue] = ["pending": .array(try grants.pending(for: me).map(row)),
                                             "own": .array(try grants.requested(by: me).map(row)), "notice": TemplateValue(notice)]
        return try request.context.site.page("admin/freigaben", title: "Zugänge bestätigen", context: page, request: request)
    }

    /// `POST /freigaben/:id/bestaetigen`.
    static func confirm(_ request: PageRequest) throws -> Response {
        try AccessGrants(store: request.context.store, now: request.context.now()).confirm(request.id, by: try request.account)
        request.context.mailQueue.enqueued()   // an invitation goes out now
        return .redirect(to: URLs.with(notice: "bestaetigt", URLs.grants))
    }

    /// `POST /freigaben/:id/ablehnen`.
    static func refuse(_ request: PageRequest) throws -> Response {
        try AccessGrants(store: request.context.store, now: request.context.now()).refuse(request.id, by: try request.account)
        return .redirect(to: URLs.with(notice: "abgelehnt", URLs.grants))
    }
}

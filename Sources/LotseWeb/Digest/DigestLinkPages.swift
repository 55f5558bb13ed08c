// DigestLinkPages: the pages behind the signed links of the weekly digest — confirm an entry
// unchanged, unsubscribe (also RFC 8058 one-click from the mail client), preferences. None of
// them signs anyone in; the digest's links to other pages are plain links behind the login. A
// GET only shows a page with one button (mail scanners open links); the button's POST acts. A
// used, expired or revoked link says so and offers the login page.
import Foundation
import HTTP
import LotseCore
import Templating

/// Pages of signed digest links.
enum DigestLinkPages {
    /// Verifies the token of the request for `purpose` (read-only).
    static func verify(_ request: PageRequest, _ purpose: SignedLink.Purpose) throws -> Result<SignedLink, SignedLink.Refusal> {
        try DigestLinks(store: request.context.store, now: request.context.now()).verify(request.parameter("token"), purpose: purpose)
    }

    /// The page for a refused link.
    static func refused(_ request: PageRequest, _ refusal: SignedLink.Refusal) throws -> Response {
        try LoginPages.message(request, title: "Link nicht gültig",
                               text: refusal.message + " Melden Sie sich an; danach finden Sie alles unter „Einträge pflegen“, „Mein Konto“ und bei den Einstellungen zur Wochenübersicht.",
                               link: URLs.login(), linkText: "Zur Anmeldung", status: refusal == .used || refusal == .expired || refusal == .revoked ? 410 : 404)
    }

    /// The account and entry of a confirm link ("ACCOUNT|table:id").
    static func confirmTarget(_ link: SignedLink, _ context: AppContext) throws -> DigestLinks.ConfirmTarget? {
        try DigestLinks(store: context.store, now: context.now()).confirmTarget(link)
    }

    /// `GET /e/bestaetigen/:token`.
    static func confirmPage(_ request: PageRequest) throws -> Response {
        switch try verify(request, .confirm) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success(let link):
            guard let target = try confirmTarget(link, request.context) else { return try refused(request, .forged) }
            let (table, id, name) = (target.table, target.id, target.name)
            return try request.context.site.page("wochenuebersicht/bestaetigen", title: "Angaben bestätigen", context: [
                "name": .string(name), "kind": .string(table == "service" ? "Angebot" : "Organisation"),
                "publicURL": .string(table == "service" ? URLs.service(id) : URLs.organization(id)),
                "action": .string(URLs.signedLink(.confirm, request.parameter("token"))),
            ], request: request)
        }
    }

    /// `POST /e/bestaetigen/:token`: confirms once.
    static func confirm(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        let checked = try verify(request, .confirm)
        guard case .success(let link) = checked else {
            if case .failure(let refusal) = checked { return try refused(request, refusal) }
            return try refused(request, .malformed)
        }
        guard let target = try confirmTarget(link, request.context) else { return try refused(request, .forged) }
        let (table, id, name) = (target.table, target.id, target.name)
        let fresh = try DigestLinks(store: request.context.store, now: request.context.now()).confirm(token, target)
        guard fresh else { return try refused(request, .used) }
        return try LoginPages.message(request, title: "Danke!",
                                      text: "Die Angaben von „\(name)“ sind als unverändert bestätigt. Die nächste Prüfung ist in zwölf Monaten fällig.",
                                      link: table == "service" ? URLs.service(id) : URLs.organization(id), linkText: "Eintrag ansehen")
    }

    /// `GET /e/abmelden/:token`.
    static func unsubscribePage(_ request: PageRequest) throws -> Response {
        switch try verify(request, .unsubscribe) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success:
            return try request.context.site.page("wochenuebersicht/abmelden", title: "Wochenübersicht abbestellen",
                                         context: ["action": .string(URLs.signedLink(.unsubscribe, request.parameter("token")))], request: request)
        }
    }

    /// `POST /e/abmelden/:token`: the button, or the mail client's one-click (RFC 8058).
    static func unsubscribe(_ request: PageRequest) throws -> Response {
        switch try verify(request, .unsubscribe) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success(let link):
            try setPreference(account: link.subject, enabled: false, sendEmpty: false, context: request.context)
            let token = try DigestLinks(store: request.context.store, now: request.context.now()).preferencesToken(subject: link.subject)
            return try LoginPages.message(request, title: "Abbestellt",
                                          text: "Sie bekommen keine Wochenübersicht mehr. Sie können sie jederzeit wieder bestellen.",
                                          link: URLs.signedLink(.preferences, token),
                                          linkText: "Einstellungen zur Wochenübersicht")
        }
    }

    /// `GET /e/einstellungen/:token`.
    static func preferencesPage(_ request: PageRequest) throws -> Response {
        switch try verify(request, .preferences) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success(let link):
            let current = try DigestLinks(store: request.context.store, now: request.context.now()).preference(accountID: link.subject)
            return try request.context.site.page("wochenuebersicht/einstellungen", title: "Einstellungen zur Wochenübersicht", context: [
                "enabled": .bool(current.enabled), "sendEmpty": .bool(current.sendEmpty), "saved": .bool(request.queryValue("gespeichert") == "1"),
                "action": .string(URLs.signedLink(.preferences, request.parameter("token"))),
            ], request: request)
        }
    }

    /// `POST /e/einstellungen/:token`.
    static func savePreferences(_ request: PageRequest) throws -> Response {
        switch try verify(request, .preferences) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success(let link):
            let input = try request.input
            try setPreference(account: link.subject, enabled: input.text("uebersicht") == "ja", sendEmpty: input.text("leer") == "ja", context: request.context)
            return .redirect(to: URLs.signedLink(.preferences, request.parameter("token")) + "?gespeichert=1")
        }
    }

    /// Stores the digest preferences of account `account`.
    static func setPreference(account: String, enabled: Bool, sendEmpty: Bool, context: AppContext) throws {
        try DigestLinks(store: context.store, now: context.now()).setPreference(accountID: account, .init(enabled: enabled, sendEmpty: sendEmpty))
    }
}

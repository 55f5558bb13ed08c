// AccessControl: the access layer between the route table and the handlers. It decides once
// per request who is asking, enforces each route's access rule, checks the CSRF token of every
// form submission, hands out a CSRF cookie to visitors, extends sessions, builds the one
// `PageRequest` the handler receives, and adds security headers — so no handler can forget them.
import Foundation
import HTTP
import LotseCore

/// The access layer of the route table.
enum AccessControl {
    /// Methods that change state and therefore need a CSRF token.
    static let unsafeMethods: Set<String> = ["POST", "PUT", "PATCH", "DELETE"]

    /// Security headers on every routed page.
    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
    ]

    /// The content security policy of pages that do not set their own.
    static let contentSecurityPolicy = "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

    /// Who sent `request` (session from the cookie; expired or unknown sessions count as not
    /// signed in). Visitors without a session and without a well-formed CSRF cookie get a
    /// fresh CSRF token, marked `isNewCSRF` so that the response sets the cookie.
    static func viewer(_ request: Request, _ context: AppContext) throws -> Viewer {
        var session: SessionStore.Session?
        if let token = request.cookies[Authentication.sessionCookie] {
            session = try SignIn(store: context.store, now: context.now()).session(token)
        }
        if let session { return Viewer(account: session.account, session: session, csrfToken: session.csrfToken) }
        if let cookie = request.cookies[Authentication.csrfCookieName(context)], SecretToken.isWellFormed(cookie) {
            return Viewer(account: nil, session: nil, csrfToken: cookie)
        }
        return Viewer(account: nil, session: nil, csrfToken: SecretToken.make(), isNewCSRF: true)
    }

    /// Serves a routed request: checks the route's access rule and the CSRF token, then runs
    /// `handler` with the request's `PageRequest`.
    static func serve(_ page: PageRequest, handler: PageHandler) throws -> Response {
        guard let route = page.route else { preconditionFailure("serve needs a routed request") }
        let viewer = page.viewer, request = page.http, context = page.context
        guard route.access.allows(viewer.account?.role) else {
            if viewer.account == nil && request.method == "GET" && !request.path.hasPrefix("/api") && !page.wantsJSON {
                return .redirect(to: URLs.login(next: page.target))
            }
            throw LotseError(.forbidden, viewer.account.map { "Diese Seite ist für \($0.role.label) nicht freigegeben." }
                             ?? "Bitte zuerst anmelden.")
        }
        if unsafeMethods.contains(request.method) && !Routes.tokenAuthorised.contains(route.name) {
            let sent = (try? page.input)?.form["csrf"] ?? request.headers["X-CSRF-Token"] ?? ""
            guard !viewer.isNewCSRF, !viewer.csrfToken.isEmpty,
                  Crypto.constantTimeEqual(Array(sent.utf8), Array(viewer.csrfToken.utf8)) else {
                throw LotseError(.forbidden, "Die Sicherheitsprüfung des Formulars ist fehlgeschlagen (Seite zu lange offen oder von einer anderen Seite abgeschickt). Bitte die Seite neu laden und noch einmal versuchen.")
            }
        }
        if let session = viewer.session {
            try SignIn(store: context.store, now: context.now()).touch(session)
        }
        var response = try handler(page)
        if viewer.isSignedIn || route.access != .public { response.headers["Cache-Control"] = "no-store" }
        return response
    }

    /// The real client address of `request`: its peer, or — when the peer is one of the
    /// configured trusted proxies (LOTSE_TRUSTED_PROXIES) — the right-most untrusted address of
    /// X-Forwarded-For. Decided once per request and kept in `PageRequest.clientAddress`.
    static func clientAddress(_ request: Request, _ context: AppContext) -> String {
        context.configuration.trustedProxies.clientAddress(peer: request.remoteAddress, forwardedFor: request.headers.values("X-Forwarded-For"))
    }

    /// Adds the security headers and, for a visitor's fresh CSRF token, its cookie.
    static func finish(_ response: inout Response, viewer: Viewer, context: AppContext) {
        if viewer.isNewCSRF {
            // Path=/ and no Domain (SetCookie's defaults), as the __Host- prefix requires over https.
            response.setCookie(SetCookie(name: Authentication.csrfCookieName(context), value: viewer.csrfToken, path: "/", domain: nil,
                                         httpOnly: true, secure: Authentication.isSecure(context), sameSite: .lax))
        }
        for (name, value) in securityHeaders { response.headers[name] = value }
        if response.headers["Content-Security-Policy"] == nil {
            response.headers["Content-Security-Policy"] = contentSecurityPolicy
        }
    }
}

// AccessControl: the router middleware. It enforces each route's access rule, checks the CSRF
// token of every form submission, hands out a CSRF cookie to visitors, extends sessions, and
// adds security headers — so no handler can forget them.
import Foundation
import HTTP
import LotseCore

/// The middleware of the route table.
enum AccessControl {
    /// Methods that change state and therefore need a CSRF token.
    static let unsafeMethods: Set<String> = ["POST", "PUT", "PATCH", "DELETE"]

    static func middleware(_ context: AppContext) -> @Sendable (Request, Route<RouteInfo>, Handler) throws -> Response {
        { incoming, route, handler in
            var request = incoming
            var viewer = try Authentication.viewer(request, context)
            let access = route.metadata.access
            guard access.allows(viewer.account?.role) else {
                if viewer.account == nil && request.method == "GET" && !request.path.hasPrefix("/api") && !Site.wantsJSON(request) {
                    let back = request.target.isEmpty ? request.path : request.target
                    return .redirect(to: URLs.login(next: back))
                }
                throw LotseError(.forbidden, viewer.account == nil
                    ? "Bitte zuerst anmelden."
                    : "Diese Seite ist für \(viewer.account!.role.label) nicht freigegeben.")
            }
            var newCSRF: String?
            if unsafeMethods.contains(request.method) && !Routes.tokenAuthorised.contains(route.metadata.name) {
                let sent = (try? request.form)?["csrf"] ?? request.headers["X-CSRF-Token"] ?? ""
                guard !viewer.csrfToken.isEmpty, Crypto.constantTimeEqual(Array(sent.utf8), Array(viewer.csrfToken.utf8)) else {
                    throw LotseError(.forbidden, "Die Sicherheitsprüfung des Formulars ist fehlgeschlagen (Seite zu lange offen oder von einer anderen Seite abgeschickt). Bitte die Seite neu laden und noch einmal versuchen.")
                }
            } else if viewer.session == nil && request.cookies[Authentication.csrfCookie].map(SecretToken.isWellFormed) != true {
                newCSRF = SecretToken.make()
                request.headers[Authentication.csrfHeader] = newCSRF
                viewer = Viewer(account: nil, session: nil, csrfToken: newCSRF!)
            }
            if let session = viewer.session {
                try context.store.pool.write { try SessionStore(db: $0, now: context.now()).touch(session) }
            }
            var response = try handler(request)
            if let newCSRF {
                response.setCookie(SetCookie(name: Authentication.csrfCookie, value: newCSRF, httpOnly: true,
                                             secure: Authentication.isSecure(context), sameSite: .lax))
            }
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "same-origin"
            response.headers["X-Frame-Options"] = "DENY"
            if response.headers["Content-Security-Policy"] == nil {
                response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
            }
            if viewer.isSignedIn || access != .public { response.headers["Cache-Control"] = "no-store" }
            return response
        }
    }
}

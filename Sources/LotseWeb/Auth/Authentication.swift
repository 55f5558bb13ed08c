// Authentication: the session and CSRF cookies (HttpOnly, SameSite=Lax, Secure behind https,
// the CSRF cookie then `__Host-lotse_csrf`),
// and starting a session after a successful login. AccessControl reads them once per request.
import Foundation
import HTTP
import LotseCore
import Templating

/// Session and CSRF cookies.
public enum Authentication {
    /// The session cookie.
    public static let sessionCookie = "lotse_sitzung"
    /// The CSRF cookie of visitors without a session (double-submit), over http.
    public static let csrfCookie = "lotse_csrf"
    /// The same cookie over https: the `__Host-` prefix binds it to this host (`Secure`,
    /// `Path=/`, no `Domain`), so a neighbouring subdomain cannot plant a token.
    public static let hostCSRFCookie = "__Host-lotse_csrf"

    /// The name of the visitors' CSRF cookie on this site.
    static func csrfCookieName(_ context: AppContext) -> String {
        isSecure(context) ? hostCSRFCookie : csrfCookie
    }

    /// True when the site is served over https (cookies get `Secure`).
    static func isSecure(_ context: AppContext) -> Bool {
        context.configuration.publicURL.lowercased().hasPrefix("https://")
    }

    /// The cookie that carries a new session.
    public static func sessionCookie(_ token: String, _ context: AppContext) -> SetCookie {
        SetCookie(name: sessionCookie, value: token, maxAge: Int(SessionStore.absoluteTimeout), httpOnly: true,
                  secure: isSecure(context), sameSite: .lax)
    }

    /// The cookie that removes the session cookie.
    public static func endSessionCookie(_ context: AppContext) -> SetCookie {
        SetCookie(name: sessionCookie, value: "", maxAge: 0, httpOnly: true, secure: isSecure(context), sameSite: .lax)
    }

    /// Starts a session for `account` (always a new token: no session fixation), ending the
    /// request's previous session, and returns a redirect to `next` with the cookie.
    public static func logIn(_ account: Account, request: PageRequest, next: String?) throws -> Response {
        let context = request.context
        let token = try SignIn(store: context.store, now: context.now()).startSession(for: account, replacing: request.cookies[sessionCookie])
        var response = Response.redirect(to: URLs.safeRedirect(next) ?? URLs.home(for: account.role))
        response.setCookie(sessionCookie(token, context))
        return response
    }
}

/// The layout's viewer-dependent values.
enum LayoutExtras {
    /// `signedIn`, `viewer` (name, role label, role flags), `csrf` and `loginURL`.
    static func context(_ request: PageRequest) -> [String: TemplateValue] {
        let viewer = request.viewer
        var values: [String: TemplateValue] = ["csrf": .string(viewer.csrfToken), "signedIn": .bool(viewer.isSignedIn),
                                               "loginURL": .string(URLs.login(next: request.target))]
        if let account = viewer.account {
            values["viewer"] = .object([
                "name": .string(account.displayName), "roleLabel": .string(account.role.label),
                "isProvider": .bool(account.role == .provider), "isCoordinator": .bool(account.role == .coordinator),
                "isAdmin": .bool(account.role == .admin), "isCounselor": .bool(account.role == .counselor),
                "homeURL": .string(URLs.home(for: account.role)), "accountURL": .string(URLs.account),
            ])
        }
        return values
    }
}

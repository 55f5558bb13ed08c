// Authentication: reads the session cookie and the anonymous CSRF cookie of a request, and
// builds the cookies that start and end sessions (HttpOnly, SameSite=Lax, Secure behind https).
import Foundation
import HTTP
import LotseCore
import Templating

/// Session and CSRF cookies.
public enum Authentication {
    /// The session cookie.
    public static let sessionCookie = "lotse_sitzung"
    /// The CSRF cookie of visitors without a session (double-submit).
    public static let csrfCookie = "lotse_csrf"
    /// Internal header carrying a freshly made CSRF token from the middleware to the page.
    static let csrfHeader = "X-Lotse-CSRF"

    /// The viewer of `request` (session from the cookie; expired or unknown sessions count as
    /// not logged in).
    public static func viewer(_ request: Request, _ context: AppContext) throws -> Viewer {
        try viewer(request, store: context.store, now: context.now())
    }

    /// The viewer of `request` from the store directly (for the layout).
    public static func viewer(_ request: Request, store: Store, now: Date) throws -> Viewer {
        var session: SessionStore.Session?
        if let token = request.cookies[sessionCookie] {
            session = try store.pool.read { try SessionStore(db: $0, now: now).resolve(token) }
        }
        let csrf = session?.csrfToken ?? request.headers[csrfHeader] ?? request.cookies[csrfCookie] ?? ""
        return Viewer(account: session?.account, session: session, csrfToken: csrf)
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
    public static func logIn(_ account: Account, request: Request, context: AppContext, next: String?) throws -> Response {
        let now = context.now()
        let token = try context.store.pool.write { db -> String in
            if let old = request.cookies[sessionCookie], SecretToken.isWellFormed(old) {
                try SessionStore(db: db, now: now).end(tokenHash: SecretToken.hash(old))
            }
            try AccountStore(db: db, now: now).noteLogin(id: account.id)
            return try SessionStore(db: db, now: now).start(accountID: account.id)
        }
        var response = Response.redirect(to: next.flatMap(LoginLinks.safePath) ?? URLs.home(for: account.role))
        response.setCookie(sessionCookie(token, context))
        return response
    }
}

/// The layout's viewer-dependent values.
enum LayoutExtras {
    /// `signedIn`, `viewer` (name, role label, role flags) and `csrf`.
    static func context(_ request: Request, store: Store, now: Date) -> [String: TemplateValue] {
        guard let viewer = try? Authentication.viewer(request, store: store, now: now) else { return [:] }
        var values: [String: TemplateValue] = ["csrf": .string(viewer.csrfToken), "signedIn": .bool(viewer.isSignedIn),
                                               "loginURL": .string(URLs.login(next: request.target.isEmpty ? request.path : request.target))]
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

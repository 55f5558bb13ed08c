// LoginPages: log in with e-mail and password or by a one-time link, log out (here or
// everywhere). Failures are throttled per account and per client address (429 with
// Retry-After), a link request never reveals whether an account exists (the mail is queued, so
// the answer takes the same time), and a link is used only after a button press, so that mail
// scanners cannot use it up.
import Foundation
import HTTP
import LotseCore
import Templating

/// The login and logout pages.
enum LoginPages {
    /// `GET /anmelden`.
    static func form(_ request: PageRequest) throws -> Response {
        try page(request, values: [:], errors: FormErrors())
    }

    static func page(_ request: PageRequest, values: [String: TemplateValue], errors: FormErrors,
                     notice: String? = nil, status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = [
            "next": .string(request.queryValue("weiter") ?? values["weiter"]?.stringValue ?? ""),
            "linkFields": AccountFields.context([AccountFields.linkEmail], values: values, errors: errors),
            "passwordFields": AccountFields.context([AccountFields.loginEmail, AccountFields.loginPassword], values: values, errors: errors),
        ]
        for (key, value) in errors.context { page[key] = value }
        if let notice { page["notice"] = .string(notice) }
        return try request.context.site.page("konto/anmelden", title: "Anmelden", context: page, request: request, status: status)
    }

    /// `POST /anmelden`: e-mail and password.
    static func logIn(_ request: PageRequest) throws -> Response {
        let input = try request.input
        let email = input.text("email"), password = input.form["passwort"] ?? ""
        var values = input.typed
        values["passwort"] = nil
        switch try signIn(request).password(email: email, password: password, address: request.clientAddress) {
        case .throttled(let retryAfter):
            var errors = FormErrors()
            errors.add("", "Zu viele Fehlversuche. Bitte versuchen Sie es in \(waitingTime(retryAfter)) noch einmal oder melden Sie sich per E-Mail-Link an.")
            var response = try page(request, values: values, errors: errors, status: 429)
            response.headers["Retry-After"] = String(retryAfter)
            return response
        case .refused:
            var errors = FormErrors()
            errors.add("email", "E-Mail-Adresse oder Passwort stimmen nicht, oder das Konto ist gesperrt.")
            return try page(request, values: values, errors: errors, status: 401)
        case .accepted(let account):
            return try Authentication.logIn(account, request: request, next: input.optional("weiter"))
        }
    }

    /// `POST /anmelden/link`: sends a login link if the address belongs to an active account;
    /// the answer is the same either way.
    static func requestLink(_ request: PageRequest) throws -> Response {
        let input = try request.input
        let email = input.text("email")
        guard AccountStore.isValidEmail(email) else {
            var errors = FormErrors()
            errors.add("link-email", "Bitte eine gültige E-Mail-Adresse angeben.")
            return try page(request, values: input.typed, errors: errors, status: 400)
        }
        let outcome = try signIn(request).requestLink(.login, email: email, address: request.clientAddress, next: input.optional("weiter"))
        if case .throttled(let retryAfter) = outcome { return try tooManyLinks(request, retryAfter: retryAfter) }
        request.context.mailQueue.enqueued()
        return try message(request, title: "E-Mail unterwegs",
                           text: "Wenn es zu dieser Adresse ein aktives Konto gibt, ist jetzt eine E-Mail mit einem Anmeldelink unterwegs. Der Link gilt 20 Minuten und nur einmal.")
    }

    /// The 429 answer to a link request over the limit of the client address: nothing was sent.
    static func tooManyLinks(_ request: PageRequest, retryAfter: Int) throws -> Response {
        try tooMany(request, text: "Von Ihrer Adresse wurden in kurzer Zeit zu viele E-Mail-Links angefordert. Es wurde keine E-Mail verschickt. Bitte versuchen Sie es in \(waitingTime(retryAfter)) noch einmal.",
                    retryAfter: retryAfter)
    }

    /// A 429 page "Zu viele Anfragen" with `text` and the Retry-After header.
    static func tooMany(_ request: PageRequest, text: String, retryAfter: Int) throws -> Response {
        var response = try message(request, title: "Zu viele Anfragen", text: text, status: 429)
        response.headers["Retry-After"] = String(retryAfter)
        return response
    }

    /// "einer Minute", "15 Minuten" (after "in") for a wait of `seconds`, rounded up to minutes.
    static func waitingTime(_ seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return minutes == 1 ? "einer Minute" : "\(minutes) Minuten"
    }

    /// `GET /anmelden/link/:token`: shows a button that uses the link.
    static func confirmLink(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        if let refusal = try signIn(request).checkLink(token, .login) { return try refused(request, refusal) }
        return try request.context.site.page("konto/link", title: "Anmelden", context: ["action": .string(URLs.loginLink(token))], request: request)
    }

    /// `POST /anmelden/link/:token`: uses the link and starts a session.
    static func useLink(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        switch try signIn(request).useLoginLink(token) {
        case .failure(let refusal): return try refused(request, refusal)
        case .success(let (account, next)): return try Authentication.logIn(account, request: request, next: next)
        }
    }

    /// A refused link: why, and how to get a fresh one.
    static func refused(_ request: PageRequest, _ refusal: LoginLinks.Refusal) throws -> Response {
        try message(request, title: "Link nicht gültig", text: refusal.message + " Sie können hier einen neuen Link anfordern.",
                    link: URLs.login(), linkText: "Neuen Anmeldelink anfordern", status: refusal == .expired || refusal == .used ? 410 : 404)
    }

    /// `POST /abmelden`.
    static func logOut(_ request: PageRequest) throws -> Response {
        if let token = request.cookies[Authentication.sessionCookie] { try signIn(request).endSession(token) }
        var response = Response.redirect(to: URLs.home)
        response.setCookie(Authentication.endSessionCookie(request.context))
        return response
    }

    /// `POST /abmelden/ueberall`: ends every session of the account.
    static func logOutEverywhere(_ request: PageRequest) throws -> Response {
        if let account = request.viewer.account { try signIn(request).endAllSessions(of: account) }
        var response = Response.redirect(to: URLs.home)
        response.setCookie(Authentication.endSessionCookie(request.context))
        return response
    }

    /// The sign-in flows at the request's time.
    static func signIn(_ request: PageRequest) -> SignIn { SignIn(store: request.context.store, now: request.context.now()) }

    /// A short page with a heading, a text and an optional link.
    static func message(_ request: PageRequest, title: String, text: String, link: String? = nil,
                        linkText: String? = nil, status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = ["heading": .string(title), "text": .string(text)]
        if let link { page["link"] = .string(link); page["linkText"] = .string(linkText ?? link) }
        return try request.context.site.page("konto/nachricht", title: title, context: page, request: request, status: status)
    }
}

// LoginPages: log in with e-mail and password or by a one-time link, log out (here or
// everywhere). Failures are throttled per account and per address, a link request never
// reveals whether an account exists, and a link is used only after a button press, so that
// mail scanners cannot use it up.
import Foundation
import HTTP
import LotseCore
import Templating

/// The login and logout pages.
enum LoginPages {
    /// Used to spend scrypt's time when the account does not exist (no timing oracle).
    static let decoyHash = PasswordHasher.standard.hash("lotse-decoy")

    /// `GET /anmelden`.
    static func form(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, values: [:], errors: FormErrors())
    }

    static func page(_ request: Request, _ context: AppContext, values: [String: TemplateValue], errors: FormErrors,
                     notice: String? = nil, status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = ["values": .object(values), "next": .string(request.queryValue("weiter") ?? values["weiter"]?.stringValue ?? "")]
        for (key, value) in errors.context { page[key] = value }
        if let notice { page["notice"] = .string(notice) }
        return try context.site.page("konto/anmelden", title: "Anmelden", context: page, request: request, status: status)
    }

    /// `POST /anmelden`: e-mail and password.
    static func logIn(_ request: Request, _ context: AppContext) throws -> Response {
        let input = try FormInput(request)
        let email = input.text("email"), password = input.form["passwort"] ?? ""
        var values = input.typed
        values["passwort"] = nil
        let now = context.now()
        let address = request.remoteAddress
        if try context.store.pool.read({ try LoginThrottle(db: $0, now: now).blocksPassword(email: email, address: address) }) {
            var errors = FormErrors()
            errors.add("", "Zu viele Fehlversuche. Bitte warten Sie 15 Minuten oder melden Sie sich per E-Mail-Link an.")
            return try page(request, context, values: values, errors: errors, status: 429)
        }
        let account = try context.store.pool.read { try AccountStore(db: $0, now: now).account(email: email) }
        let stored = try account.flatMap { account in try context.store.pool.read { try AccountStore(db: $0).passwordHash(id: account.id) } }
        let matches = PasswordHasher.verify(password, against: stored ?? decoyHash) && stored != nil
        guard let account, matches, account.status == .active else {
            try context.store.pool.write { try LoginThrottle(db: $0, now: now).record(email: email, address: address, kind: "password", succeeded: false) }
            var errors = FormErrors()
            errors.add("email", "E-Mail-Adresse oder Passwort stimmen nicht, oder das Konto ist gesperrt.")
            return try page(request, context, values: values, errors: errors, status: 401)
        }
        try context.store.pool.write { db in
            try LoginThrottle(db: db, now: now).record(email: email, address: address, kind: "password", succeeded: true)
            if let stored, PasswordHasher.standard.needsUpgrade(stored) {
                try AccountStore(db: db).upgradeHash(id: account.id, password: password, hasher: .standard)
            }
        }
        return try Authentication.logIn(account, request: request, context: context, next: input.optional("weiter"))
    }

    /// `POST /anmelden/link`: sends a login link if the address belongs to an active account;
    /// the answer is the same either way.
    static func requestLink(_ request: Request, _ context: AppContext) throws -> Response {
        let input = try FormInput(request)
        let email = input.text("email")
        guard AccountStore.isValidEmail(email) else {
            var errors = FormErrors()
            errors.add("link-email", "Bitte eine gültige E-Mail-Adresse angeben.")
            return try page(request, context, values: input.typed, errors: errors, status: 400)
        }
        let now = context.now()
        let address = request.remoteAddress
        let outcome = try context.store.pool.write { db -> (Account, String)? in
            let throttle = LoginThrottle(db: db, now: now)
            if try throttle.blocksLink(email: email, address: address) { return nil }
            try throttle.record(email: email, address: address, kind: "link", succeeded: true)
            guard let account = try AccountStore(db: db, now: now).account(email: email), account.status == .active else { return nil }
            return (account, try LoginLinks(db: db, now: now).issue(accountID: account.id, purpose: .login, next: input.optional("weiter")))
        }
        if let (account, token) = outcome {
            do {
                try context.mailer.loginLink(to: account, token: token)
            } catch {
                FileHandle.standardError.write(Data("\(request.requestID) Anmeldelink für Konto \(account.id) nicht verschickt: \(error)\n".utf8))
            }
        }
        return try message(request, context, title: "E-Mail unterwegs",
                           text: "Wenn es zu dieser Adresse ein aktives Konto gibt, ist jetzt eine E-Mail mit einem Anmeldelink unterwegs. Der Link gilt 20 Minuten und nur einmal.")
    }

    /// `GET /anmelden/link/:token`: shows a button that uses the link.
    static func confirmLink(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let checked = try context.store.pool.read { try LoginLinks(db: $0, now: context.now()).check(token, purpose: .login) }
        if case .failure(let refusal) = checked { return try refused(request, context, refusal) }
        return try context.site.page("konto/link", title: "Anmelden", context: ["action": .string(URLs.loginLink(token))], request: request)
    }

    /// `POST /anmelden/link/:token`: uses the link and starts a session.
    static func useLink(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let now = context.now()
        let outcome = try context.store.pool.write { db -> Result<(Account, String?), LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .login) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                guard let account = try AccountStore(db: db).account(id: used.accountID), account.status == .active else { return .failure(.unknown) }
                return .success((account, used.next))
            }
        }
        switch outcome {
        case .failure(let refusal): return try refused(request, context, refusal)
        case .success(let (account, next)): return try Authentication.logIn(account, request: request, context: context, next: next)
        }
    }

    /// A refused link: why, and how to get a fresh one.
    static func refused(_ request: Request, _ context: AppContext, _ refusal: LoginLinks.Refusal) throws -> Response {
        try message(request, context, title: "Link nicht gültig", text: refusal.message + " Sie können hier einen neuen Link anfordern.",
                    link: URLs.login(), linkText: "Neuen Anmeldelink anfordern", status: refusal == .expired || refusal == .used ? 410 : 404)
    }

    /// `POST /abmelden`.
    static func logOut(_ request: Request, _ context: AppContext) throws -> Response {
        if let token = request.cookies[Authentication.sessionCookie], SecretToken.isWellFormed(token) {
            try context.store.pool.write { try SessionStore(db: $0).end(tokenHash: SecretToken.hash(token)) }
        }
        var response = Response.redirect(to: URLs.home)
        response.setCookie(Authentication.endSessionCookie(context))
        return response
    }

    /// `POST /abmelden/ueberall`: ends every session of the account.
    static func logOutEverywhere(_ request: Request, _ context: AppContext) throws -> Response {
        let viewer = try Authentication.viewer(request, context)
        if let account = viewer.account {
            try context.store.pool.write { try SessionStore(db: $0).endAll(accountID: account.id) }
        }
        var response = Response.redirect(to: URLs.home)
        response.setCookie(Authentication.endSessionCookie(context))
        return response
    }

    /// A short page with a heading, a text and an optional link.
    static func message(_ request: Request, _ context: AppContext, title: String, text: String, link: String? = nil,
                        linkText: String? = nil, status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = ["heading": .string(title), "text": .string(text)]
        if let link { page["link"] = .string(link); page["linkText"] = .string(linkText ?? link) }
        return try context.site.page("konto/nachricht", title: title, context: page, request: request, status: status)
    }
}

// PasswordPages: "Passwort vergessen" sends a one-time link; the link's page sets a new
// password, which ends every other session, and logs the person in.
import Foundation
import HTTP
import LotseCore
import Templating

/// Password reset pages.
enum PasswordPages {
    /// `GET /passwort-vergessen`.
    static func forgotForm(_ request: Request, _ context: AppContext) throws -> Response {
        try context.site.page("konto/passwort_vergessen", title: "Passwort vergessen", context: ["values": [:]], request: request)
    }

    /// `POST /passwort-vergessen`: the same answer whether or not the account exists.
    static func forgot(_ request: Request, _ context: AppContext) throws -> Response {
        let input = try FormInput(request)
        let email = input.text("email")
        guard AccountStore.isValidEmail(email) else {
            var errors = FormErrors()
            errors.add("email", "Bitte eine gültige E-Mail-Adresse angeben.")
            var page: [String: TemplateValue] = ["values": .object(input.typed)]
            for (key, value) in errors.context { page[key] = value }
            return try context.site.page("konto/passwort_vergessen", title: "Passwort vergessen", context: page, request: request, status: 400)
        }
        let now = context.now()
        let address = request.remoteAddress
        let outcome = try context.store.pool.write { db -> (Account, String)? in
            let throttle = LoginThrottle(db: db, now: now)
            if try throttle.blocksLink(email: email, address: address) { return nil }
            try throttle.record(email: email, address: address, kind: "link", succeeded: true)
            guard let account = try AccountStore(db: db).account(email: email), account.status == .active else { return nil }
            return (account, try LoginLinks(db: db, now: now).issue(accountID: account.id, purpose: .reset))
        }
        if let (account, token) = outcome {
            do { try context.mailer.passwordReset(to: account, token: token) } catch {
                FileHandle.standardError.write(Data("\(request.requestID) Passwort-Link für Konto \(account.id) nicht verschickt: \(error)\n".utf8))
            }
        }
        return try LoginPages.message(request, context, title: "E-Mail unterwegs",
                                      text: "Wenn es zu dieser Adresse ein aktives Konto gibt, ist jetzt eine E-Mail mit einem Link für ein neues Passwort unterwegs. Der Link gilt eine Stunde.")
    }

    /// `GET /passwort-neu/:token`.
    static func resetForm(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let checked = try context.store.pool.read { try LoginLinks(db: $0, now: context.now()).check(token, purpose: .reset) }
        if case .failure(let refusal) = checked { return try LoginPages.refused(request, context, refusal) }
        return try form(request, context, token: token, errors: FormErrors())
    }

    static func form(_ request: Request, _ context: AppContext, token: String, errors: FormErrors, status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = ["action": .string(URLs.passwordReset(token)), "minimum": .int(PasswordHasher.minimumLength)]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("konto/passwort_neu", title: "Neues Passwort", context: page, request: request, status: status)
    }

    /// `POST /passwort-neu/:token`.
    static func reset(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let input = try FormInput(request)
        let password = input.form["passwort"] ?? "", repeated = input.form["passwort2"] ?? ""
        var errors = FormErrors()
        if password != repeated { errors.add("passwort2", "Die beiden Eingaben stimmen nicht überein.") }
        do { try AccountStore.checkPassword(password) } catch let error as LotseError { errors.add("passwort", error.message) }
        guard errors.isEmpty else { return try form(request, context, token: token, errors: errors, status: 400) }
        let now = context.now()
        let outcome = try context.store.pool.write { db -> Result<Account, LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .reset) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                let accounts = AccountStore(db: db, now: now)
                try accounts.setPassword(id: used.accountID, to: password)
                guard let account = try accounts.account(id: used.accountID), account.status == .active else { return .failure(.unknown) }
                return .success(account)
            }
        }
        switch outcome {
        case .failure(let refusal): return try LoginPages.refused(request, context, refusal)
        case .success(let account): return try Authentication.logIn(account, request: request, context: context, next: nil)
        }
    }
}

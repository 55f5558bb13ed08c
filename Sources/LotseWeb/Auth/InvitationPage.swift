// InvitationPage: a provider editor accepts an invitation — confirms the name, optionally sets
// a password (otherwise logs in by e-mail link) — and is logged in.
import Foundation
import HTTP
import LotseCore
import Templating

/// The invitation pages.
enum InvitationPage {
    /// `GET /einladung/:token`.
    static func form(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let checked = try context.store.pool.read { db -> Result<Account?, LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: context.now()).check(token, purpose: .invite) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let link): return .success(try AccountStore(db: db).account(id: link.accountID))
            }
        }
        switch checked {
        case .failure(let refusal): return try LoginPages.refused(request, context, refusal)
        case .success(let account):
            return try page(request, context, token: token, values: ["name": .string(account?.displayName ?? "")], errors: FormErrors())
        }
    }

    static func page(_ request: Request, _ context: AppContext, token: String, values: [String: TemplateValue], errors: FormErrors,
                     status: Int = 200) throws -> Response {
        var page: [String: TemplateValue] = ["action": .string(URLs.invitation(token)), "values": .object(values),
                                             "minimum": .int(PasswordHasher.minimumLength)]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("konto/einladung", title: "Einladung annehmen", context: page, request: request, status: status)
    }

    /// `POST /einladung/:token`.
    static func accept(_ request: Request, _ context: AppContext) throws -> Response {
        let token = request.pathParameters["token"] ?? ""
        let input = try FormInput(request)
        let name = input.text("name")
        let password = input.form["passwort"] ?? ""
        var errors = FormErrors()
        if name.isEmpty { errors.add("name", "Bitte Ihren Namen angeben.") }
        if !password.isEmpty {
            do { try AccountStore.checkPassword(password) } catch let error as LotseError { errors.add("passwort", error.message) }
        }
        var values = input.typed
        values["passwort"] = nil
        guard errors.isEmpty else { return try page(request, context, token: token, values: values, errors: errors, status: 400) }
        let now = context.now()
        let outcome = try context.store.pool.write { db -> Result<Account, LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .invite) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                let accounts = AccountStore(db: db, now: now)
                try db.execute("UPDATE account SET display_name = ? WHERE id = ?", name, used.accountID)
                if !password.isEmpty { try accounts.setPassword(id: used.accountID, to: password) }
                try accounts.activate(id: used.accountID)
                guard let account = try accounts.account(id: used.accountID) else { return .failure(.unknown) }
                return .success(account)
            }
        }
        switch outcome {
        case .failure(let refusal): return try LoginPages.refused(request, context, refusal)
        case .success(let account): return try Authentication.logIn(account, request: request, context: context, next: URLs.home(for: account.role))
        }
    }
}

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
        switch try Invitations(store: context.store, now: context.now()).check(token) {
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
        var values = input.typed
        values["passwort"] = nil
        let outcome: Result<Account, LoginLinks.Refusal>
        do {
            outcome = try Invitations(store: context.store, now: context.now()).accept(token, name: name, password: password)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected, rename: ["password": "passwort"])
            return try page(request, context, token: token, values: values, errors: errors, status: 400)
        }
        switch outcome {
        case .failure(let refusal): return try LoginPages.refused(request, context, refusal)
        case .success(let account): return try Authentication.logIn(account, request: request, context: context, next: URLs.home(for: account.role))
        }
    }
}

// InvitationPage: a provider editor accepts an invitation — confirms the name, optionally sets
// a password (otherwise logs in by e-mail link) — and is logged in.
import Foundation
import HTTP
import LotseCore
import Templating

/// The invitation pages.
enum InvitationPage {
    /// `GET /einladung/:token`.
    static func form(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        switch try Invitations(store: request.context.store, now: request.context.now()).check(token) {
        case .failure(let refusal): return try LoginPages.refused(request, refusal)
        case .success(let account):
            return try page(request, token: token, values: ["name": .string(account?.displayName ?? "")], errors: FormErrors())
        }
    }

    static func page(_ request: PageRequest, token: String, values: [String: TemplateValue], errors: FormErrors,
                     status: Int = 200) throws -> Response {
        let fields = [AccountFields.invitedName, AccountFields.invitedPassword(minimum: PasswordHasher.minimumLength)]
        var page: [String: TemplateValue] = ["action": .string(URLs.invitation(token)), "fields": AccountFields.context(fields, values: values, errors: errors)]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("konto/einladung", title: "Einladung annehmen", context: page, request: request, status: status)
    }

    /// `POST /einladung/:token`.
    static func accept(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        let input = try request.input
        let name = input.text("name")
        let password = input.form["passwort"] ?? ""
        var values = input.typed
        values["passwort"] = nil
        let outcome: Result<Account, LoginLinks.Refusal>
        do {
            outcome = try Invitations(store: request.context.store, now: request.context.now()).accept(token, name: name, password: password)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected, rename: ["password": "passwort"])
            return try page(request, token: token, values: values, errors: errors, status: 400)
        }
        switch outcome {
        case .failure(let refusal): return try LoginPages.refused(request, refusal)
        case .success(let account): return try Authentication.logIn(account, request: request, next: URLs.home(for: account.role))
        }
    }
}

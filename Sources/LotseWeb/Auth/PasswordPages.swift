// PasswordPages: "Passwort vergessen" queues a one-time link (throttled like login links); the link's page sets a new
// password, which ends every other session, and logs the person in.
import Foundation
import HTTP
import LotseCore
import Templating

/// Password reset pages.
enum PasswordPages {
    /// `GET /passwort-vergessen`.
    static func forgotForm(_ request: PageRequest) throws -> Response {
        try request.context.site.page("konto/passwort_vergessen", title: "Passwort vergessen", context: ["fields": AccountFields.context([AccountFields.forgottenEmail], errors: FormErrors())], request: request)
    }

    /// `POST /passwort-vergessen`: the same answer whether or not the account exists.
    static func forgot(_ request: PageRequest) throws -> Response {
        let input = try request.input
        let email = input.text("email")
        guard AccountStore.isValidEmail(email) else {
            var errors = FormErrors()
            errors.add("email", "Bitte eine gültige E-Mail-Adresse angeben.")
            var page: [String: TemplateValue] = ["fields": AccountFields.context([AccountFields.forgottenEmail], values: input.typed, errors: errors)]
            for (key, value) in errors.context { page[key] = value }
            return try request.context.site.page("konto/passwort_vergessen", title: "Passwort vergessen", context: page, request: request, status: 400)
        }
        let outcome = try LoginPages.signIn(request).requestLink(.reset, email: email, address: request.clientAddress)
        if case .throttled(let retryAfter) = outcome { return try LoginPages.tooManyLinks(request, retryAfter: retryAfter) }
        request.context.mailQueue.enqueued()
        return try LoginPages.message(request, title: "E-Mail unterwegs",
                                      text: "Wenn es zu dieser Adresse ein aktives Konto gibt, ist jetzt eine E-Mail mit einem Link für ein neues Passwort unterwegs. Der Link gilt eine Stunde.")
    }

    /// `GET /passwort-neu/:token`.
    static func resetForm(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        if let refusal = try LoginPages.signIn(request).checkLink(token, .reset) { return try LoginPages.refused(request, refusal) }
        return try form(request, token: token, errors: FormErrors())
    }

    static func form(_ request: PageRequest, token: String, errors: FormErrors, status: Int = 200) throws -> Response {
        let minimum = PasswordHasher.minimumLength
        let fields = [AccountFields.newPassword(hint: "Mindestens \(minimum) Zeichen. Danach sind Sie auf allen anderen Geräten abgemeldet.", minimum: minimum),
                      AccountFields.repeatedPassword]
        var page: [String: TemplateValue] = ["action": .string(URLs.passwordReset(token)), "fields": AccountFields.context(fields, errors: errors)]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("konto/passwort_neu", title: "Neues Passwort", context: page, request: request, status: status)
    }

    /// `POST /passwort-neu/:token`.
    static func reset(_ request: PageRequest) throws -> Response {
        let token = request.parameter("token")
        let input = try request.input
        let password = input.form["passwort"] ?? "", repeated = input.form["passwort2"] ?? ""
        var errors = FormErrors()
        if password != repeated { errors.add("passwort2", "Die beiden Eingaben stimmen nicht überein.") }
        do { try AccountStore.checkPassword(password) } catch let error as LotseError { errors.add("passwort", error.message) }
        guard errors.isEmpty else { return try form(request, token: token, errors: errors, status: 400) }
        switch try LoginPages.signIn(request).resetPassword(token, to: password) {
        case .failure(let refusal): return try LoginPages.refused(request, refusal)
        case .success(let account): return try Authentication.logIn(account, request: request, next: nil)
        }
    }
}

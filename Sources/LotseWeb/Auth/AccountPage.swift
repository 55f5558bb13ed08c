// AccountPage: `/konto` — who I am, my role and organizations, change my password, log out
// everywhere.
import Foundation
import HTTP
import LotseCore
import Templating

/// The account page.
enum AccountPage {
    /// `GET /konto`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, errors: FormErrors(), notice: request.queryValue("gespeichert") == "1" ? "Das neue Passwort ist gespeichert." : nil)
    }

    static func page(_ request: PageRequest, errors: FormErrors, notice: String? = nil, status: Int = 200) throws -> Response {
        let viewer = request.viewer
        guard let account = viewer.account else { throw LotseError(.forbidden, "Bitte zuerst anmelden.") }
        let organizations = try AccountAdministration(store: request.context.store).organizations(of: account).map { organization -> TemplateValue in
            ["name": .string(organization.name), "url": .string(URLs.organization(organization.id))]
        }
        var page: [String: TemplateValue] = [
            "name": .string(account.displayName), "email": .string(account.email), "role": .string(account.role.label),
            "organizations": .array(organizations), "hasOrganizations": .bool(!organizations.isEmpty), "hasPassword": .bool(account.hasPassword), "minimum": .int(PasswordHasher.minimumLength),
        ]
        let fields = (account.hasPassword ? [AccountFields.currentPassword] : [])
            + [AccountFields.newPassword(hint: "Mindestens \(PasswordHasher.minimumLength) Zeichen."), AccountFields.repeatedPassword]
        page["fields"] = AccountFields.context(fields, errors: errors)
        if let notice { page["notice"] = .string(notice) }
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("konto/konto", title: "Mein Konto", context: page, request: request, status: status)
    }

    /// `POST /konto/passwort`: the current password (when one is set) and the new one twice.
    static func changePassword(_ request: PageRequest) throws -> Response {
        let viewer = request.viewer
        guard let account = viewer.account else { throw LotseError(.forbidden, "Bitte zuerst anmelden.") }
        let input = try request.input
        let current = input.form["aktuell"] ?? "", password = input.form["passwort"] ?? "", repeated = input.form["passwort2"] ?? ""
        do {
            try AccountSettings(store: request.context.store, now: request.context.now()).changePassword(of: account, current: current, password: password, repeated: repeated)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected, rename: ["current": "aktuell", "password": "passwort", "repeated": "passwort2"])
            return try page(request, errors: errors, status: 400)
        }
        // Setting a password ends every session, this one too; start a fresh one.
        return try Authentication.logIn(account, request: request, next: URLs.account + "?gespeichert=1")
    }
}

// InvitePage: `/koordination/einladen` — invites a provider editor for one organization: an
// invited account, a one-time invitation link (7 days) and the invitation e-mail.
import Foundation
import HTTP
import LotseCore
import SQLite
import Templating

/// The invitation form of the coordination.
enum InvitePage {
    /// `GET /koordination/einladen`.
    static func form(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, values: [:], errors: FormErrors())
    }

    /// The form with `values` and `errors`.
    static func page(_ request: Request, _ context: AppContext, values: [String: String], errors: FormErrors) throws -> Response {
        let organizations = try context.store.pool.read { db in
            try db.query("SELECT id, name FROM organization WHERE membership_status IN ('member', 'applicant') ORDER BY name") {
                FormField.Option(value: $0.string(0), label: $0.string(1))
            }
        }
        var form = FormPage(heading: "Anbieter einladen", action: URLs.invite, submitLabel: "Einladung verschicken", back: (URLs.coordination, "Zurück zur Koordination"))
        form.intro = "Die eingeladene Person bekommt eine E-Mail mit einem Link, der 7 Tage gilt. Damit richtet sie ihr Konto ein und pflegt danach die Einträge dieser Organisation."
        form.notice = CoordinationNotice.text(request)
        form.section(nil, [
            FormPage.field(FormField(name: "email", label: "E-Mail-Adresse", kind: .email, optional: false, autocomplete: "off"), values["email"] ?? "", errors),
            FormPage.field(FormField(name: "name", label: "Name", hint: "Kann die Person beim Annehmen ändern.", optional: false, autocomplete: "off"), values["name"] ?? "", errors),
            FormPage.field(FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + organizations), values["organization_id"] ?? "", errors),
        ])
        return try form.render(request, context, errors: errors)
    }

    /// `POST /koordination/einladen`.
    static func send(_ request: Request, _ context: AppContext) throws -> Response {
        let coordinator = try EditorAccess.account(request, context)
        let input = try FormInput(request)
        let values = ["email": input.text("email"), "name": input.text("name"), "organization_id": input.text("organization_id")]
        var errors = FormErrors()
        if !AccountStore.isValidEmail(values["email"]!) { errors.add("email", "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de).") }
        if values["name"]!.isEmpty { errors.add("name", "Bitte den Namen angeben.") }
        if values["organization_id"]!.isEmpty { errors.add("organization_id", "Bitte die Organisation wählen.") }
        guard errors.isEmpty else { return try page(request, context, values: values, errors: errors) }
        let now = context.now()
        let created: (Account, String, String)
        do {
            created = try context.store.pool.write { db in
                guard let organizationName = try db.scalarString("SELECT name FROM organization WHERE id = ?", values["organization_id"]!) else {
                    throw LotseError(.invalidInput, "Diese Organisation gibt es nicht.")
                }
                let account = try AccountStore(db: db, now: now).create(email: values["email"]!, displayName: values["name"]!, role: .provider,
                                                                        organizations: [values["organization_id"]!], status: .invited)
                return (account, try LoginLinks(db: db, now: now).issue(accountID: account.id, purpose: .invite), organizationName)
            }
        } catch let error as LotseError where error.kind != .forbidden {
            errors.add(error.kind == .conflict ? "email" : "organization_id", error.message)
            return try page(request, context, values: values, errors: errors)
        }
        do {
            try context.mailer.invitation(to: created.0, token: created.1, organization: created.2, invitedBy: coordinator.displayName)
        } catch {
            FileHandle.standardError.write(Data("\(request.requestID) Einladung für Konto \(created.0.id) nicht verschickt: \(error)\n".utf8))
            throw LotseError(.conflict, "Das Konto ist angelegt, aber die E-Mail ging nicht raus. Bitte die Administration bitten, den Versand zu prüfen.")
        }
        return .redirect(to: URLs.invite + "?hinweis=eingeladen")
    }
}

// AccountsPage: `/admin/konten` — every account with role, organizations, status and last
// login; create one (e-mail, name, role, organizations), disable and enable accounts.
import HTTP
import LotseCore
import SQLite
import Templating

/// The administration of accounts.
enum AccountsPage {
    /// `GET /admin/konten`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        try page(request, context, values: ["role": Role.provider.rawValue], organizations: [], errors: FormErrors())
    }

    /// The list and the create form (`values`, checked `organizations`, `errors`).
    static func page(_ request: Request, _ context: AppContext, values: [String: String], organizations selected: Set<String>, errors: FormErrors) throws -> Response {
        let me = try EditorAccess.account(request, context)
        let (accounts, logins, names) = try context.store.pool.read { db in
            (try AccountStore(db: db).list(),
             Dictionary(try db.query("SELECT id, last_login_at FROM account WHERE last_login_at IS NOT NULL") { ($0.string(0), $0.string(1)) },
                        uniquingKeysWith: { first, _ in first }),
             Dictionary(try db.query("SELECT id, name FROM organization ORDER BY name") { ($0.string(0), $0.string(1)) }, uniquingKeysWith: { first, _ in first }))
        }
        let rows = accounts.map { account -> TemplateValue in
            let organizations = (account.organizations.sorted() + [account.organizationID].compactMap { $0 }).map { names[$0] ?? $0 }
            return .object([
                "name": .string(account.displayName), "email": .string(account.email), "role": .string(account.role.label),
                "organizations": .string(organizations.joined(separator: ", ")), "isSelf": .bool(account.id == me.id),
                "status": .string(account.status == .active ? "aktiv" : account.status == .invited ? "eingeladen" : "gesperrt"),
                "lastLogin": .string(GermanFormat.dateTime(logins[account.id]) ?? "nie"),
                "toggleURL": .string(account.status == .disabled ? URLs.enableAccount(account.id) : URLs.disableAccount(account.id)),
                "toggleLabel": .string(account.status == .disabled ? "Entsperren" : "Sperren"),
            ])
        }
        let roles = Role.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label) }
        let fields = [
            FormPage.field(FormField(name: "email", label: "E-Mail-Adresse", kind: .email, optional: false, autocomplete: "off"), values["email"] ?? "", errors),
            FormPage.field(FormField(name: "name", label: "Name", optional: false, autocomplete: "off"), values["name"] ?? "", errors),
            FormPage.field(FormField(name: "role", label: "Rolle", kind: .select, optional: false, options: roles), values["role"] ?? "", errors),
        ].map { $0["field"] }
        let choices = ChoiceGroup(name: "organisation", legend: "Organisationen", hint: "Anbieter: die Organisationen, die das Konto pflegt (mindestens eine). Beratung: die eigene Organisation.",
                                  sections: [.init(heading: nil, choices: names.sorted { $0.value < $1.value }.map { .init(value: $0.key, label: $0.value) })])
        var page: [String: TemplateValue] = ["accounts": .array(rows), "count": .int(accounts.count), "fields": .array(fields),
                                             "organizationChoices": choices.context(checked: selected, errors: errors), "notice": TemplateValue(notice(request))]
        for (key, value) in errors.context { page[key] = value }
        return try context.site.page("admin/konten", title: (errors.isEmpty ? "" : "Fehler: ") + "Konten", context: page, request: request,
                                     status: errors.isEmpty ? 200 : 400)
    }

    /// The notice after a redirect (`?hinweis=`).
    static func notice(_ request: Request) -> String? {
        switch request.queryValue("hinweis") {
        case "angelegt": "Das Konto ist angelegt. Die Person meldet sich per E-Mail-Link an."
        case "gesperrt": "Das Konto ist gesperrt; alle Sitzungen sind beendet."
        case "entsperrt": "Das Konto ist wieder aktiv."
        default: nil
        }
    }

    /// `POST /admin/konten`.
    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let input = try FormInput(request)
        let values = ["email": input.text("email"), "name": input.text("name"), "role": input.text("role")]
        let organizations = input.values("organisation")
        var errors = FormErrors()
        let role = Role(rawValue: values["role"]!)
        if role == nil { errors.add("role", "Bitte eine Rolle wählen.") }
        if !AccountStore.isValidEmail(values["email"]!) { errors.add("email", "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de).") }
        if values["name"]!.isEmpty { errors.add("name", "Bitte den Namen angeben.") }
        if role == .provider && organizations.isEmpty { errors.add("organisation", "Ein Anbieter-Konto braucht mindestens eine Organisation.") }
        if role == .counselor && organizations.count > 1 { errors.add("organisation", "Ein Beratungskonto gehört zu höchstens einer Organisation.") }
        if errors.isEmpty, let role {
            do {
                let now = context.now()
                try context.store.pool.write { db in
                    try AccountStore(db: db, now: now).create(email: values["email"]!, displayName: values["name"]!, role: role,
                                                              organizationID: role == .counselor ? organizations.first : nil,
                                                              organizations: role == .provider ? organizations : [])
                }
                return .redirect(to: URLs.accounts + "?hinweis=angelegt")
            } catch let error as LotseError where error.kind != .forbidden {
                errors.add(error.kind == .notFound ? "organisation" : error.message.contains("Name") ? "name" : "email", error.message)
            }
        }
        return try page(request, context, values: values, organizations: Set(organizations), errors: errors)
    }

    /// `POST /admin/konten/:id/sperren`.
    static func disable(_ request: Request, _ context: AppContext) throws -> Response {
        try setStatus(request, context, disable: true)
    }

    /// `POST /admin/konten/:id/entsperren`.
    static func enable(_ request: Request, _ context: AppContext) throws -> Response {
        try setStatus(request, context, disable: false)
    }

    private static func setStatus(_ request: Request, _ context: AppContext, disable: Bool) throws -> Response {
        let me = try EditorAccess.account(request, context)
        let id = request.pathParameters["id"] ?? ""
        guard id != me.id else { throw LotseError(.conflict, "Das eigene Konto können Sie nicht sperren.") }
        let now = context.now()
        try context.store.pool.write { db in
            let accounts = AccountStore(db: db, now: now)
            guard try accounts.account(id: id) != nil else { throw LotseError(.notFound, "Dieses Konto gibt es nicht.") }
            if disable { try accounts.disable(id: id) } else { try accounts.activate(id: id) }
        }
        return .redirect(to: URLs.accounts + "?hinweis=" + (disable ? "gesperrt" : "entsperrt"))
    }
}

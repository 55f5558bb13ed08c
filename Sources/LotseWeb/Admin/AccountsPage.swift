// AccountsPage: `/admin/konten` — every account with role, organizations, status and last
// login; create one (e-mail, name, role, organizations), disable and enable accounts.
import HTTP
import LotseCore
import Templating

/// The administration of accounts.
enum AccountsPage {
    /// `GET /admin/konten`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, values: ["role": Role.provider.rawValue], organizations: [], errors: FormErrors())
    }

    /// The list and the create form (`values`, checked `organizations`, `errors`).
    static func page(_ request: PageRequest, values: [String: String], organizations selected: Set<String>, errors: FormErrors) throws -> Response {
        let me = try request.account
        let overview = try AccountAdministration(store: request.context.store).overview()
        let (accounts, logins, names) = (overview.accounts, overview.lastLogins, overview.organizationNames)
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
        let choices = ChoiceGroup(name: "organisation", legend: "Organisationen", hint: "Anbieter: die Organisation, die das Konto pflegt (genau eine). Beratung: die eigene Organisation. Beide Zugänge bestätigt eine zweite Person, bevor das Konto entsteht.",
                                  sections: [.init(heading: nil, choices: names.sorted { $0.value < $1.value }.map { .init(value: $0.key, label: $0.value) })])
        var page: [String: TemplateValue] = ["accounts": .array(rows), "count": .int(accounts.count), "fields": .array(fields),
                                             "organizationChoices": choices.context(checked: selected, errors: errors), "notice": TemplateValue(notice(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("admin/konten", title: (errors.isEmpty ? "" : "Fehler: ") + "Konten", context: page, request: request,
                                     status: errors.isEmpty ? 200 : 400)
    }

    /// The notice after a redirect (`?hinweis=`).
    static func notice(_ request: PageRequest) -> String? {
        switch request.notice {
        case "angelegt": "Das Konto ist angelegt. Die Person meldet sich per E-Mail-Link an."
        case "beantragt": "Der Zugang ist beantragt. Das Konto entsteht, sobald eine zweite Person ihn bestätigt."
        case "gesperrt": "Das Konto ist gesperrt; alle Sitzungen sind beendet."
        case "entsperrt": "Das Konto ist wieder aktiv."
        default: nil
        }
    }

    /// `POST /admin/konten`.
    static func create(_ request: PageRequest) throws -> Response {
        let input = try request.input
        let values = ["email": input.text("email"), "name": input.text("name"), "role": input.text("role")]
        let organizations = input.values("organisation")
        var errors = FormErrors()
        do {
            let creation = try AccountAdministration(store: request.context.store, now: request.context.now())
                .create(email: values["email"]!, displayName: values["name"]!, role: Role(rawValue: values["role"]!), organizations: organizations,
                        by: try request.account)
            guard case .created = creation else {
                request.context.mailQueue.enqueued()
                return .redirect(to: URLs.with(notice: "beantragt", URLs.accounts))
            }
            return .redirect(to: URLs.with(notice: "angelegt", URLs.accounts))
        } catch let rejected as DirectoryWriter.Rejected {
            errors.add(rejected, rename: ["organizations": "organisation"])
        }
        return try page(request, values: values, organizations: Set(organizations), errors: errors)
    }

    /// `POST /admin/konten/:id/sperren`.
    static func disable(_ request: PageRequest) throws -> Response {
        try setStatus(request, disable: true)
    }

    /// `POST /admin/konten/:id/entsperren`.
    static func enable(_ request: PageRequest) throws -> Response {
        try setStatus(request, disable: false)
    }

    private static func setStatus(_ request: PageRequest, disable: Bool) throws -> Response {
        let me = try request.account
        let id = request.id
        try AccountAdministration(store: request.context.store, now: request.context.now()).setDisabled(id, disable, by: me)
        return .redirect(to: URLs.with(notice: (disable ? "gesperrt" : "entsperrt"), URLs.accounts))
    }
}

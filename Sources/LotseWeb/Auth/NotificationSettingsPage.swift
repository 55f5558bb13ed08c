// NotificationSettingsPage: `/konto/benachrichtigungen` — how each kind of notification reaches
// the signed-in account by e-mail: at once, in the daily summary, or only in the weekly digest
// (one fieldset per kind; urgent referrals always at once).
import Foundation
import HTTP
import LotseCore
import Templating

/// The notification e-mail choices page.
enum NotificationSettingsPage {
    /// `GET /konto/benachrichtigungen`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, submitted: nil, errors: FormErrors(), saved: request.queryValue("gespeichert") == "1")
    }

    /// `POST /konto/benachrichtigungen`: one mode per kind (`art-KIND`).
    static func save(_ request: PageRequest) throws -> Response {
        guard let account = request.viewer.account else { throw LotseError(.forbidden, "Bitte zuerst anmelden.") }
        let form = try request.input.form
        var values: [String: String] = [:]
        for kind in NotificationPreferences.kinds(for: account.role) { values[kind.rawValue] = form["art-" + kind.rawValue] }
        do {
            try AccountSettings(store: request.context.store, now: request.context.now()).setNotificationChoices(of: account, values: values)
        } catch let rejected as DirectoryWriter.Rejected {
            return try page(request, submitted: values, errors: FormErrors(rejected), saved: false, status: 400)
        }
        return .redirect(to: URLs.notificationSettings + "?gespeichert=1", status: 303)
    }

    static func page(_ request: PageRequest, submitted: [String: String]?, errors: FormErrors, saved: Bool, status: Int = 200) throws -> Response {
        guard let account = request.viewer.account else { throw LotseError(.forbidden, "Bitte zuerst anmelden.") }
        let choices = try AccountSettings(store: request.context.store, now: request.context.now()).notificationChoices(of: account)
        let kinds: [TemplateValue] = choices.map { choice in
            let chosen = submitted?[choice.kind.rawValue] ?? choice.mode.rawValue
            let options: [TemplateValue] = choice.modes.map { mode in
                ["id": .string("art-\(choice.kind.rawValue)-\(mode.rawValue)"), "value": .string(mode.rawValue),
                 "label": .string(mode.label), "checked": .bool(mode.rawValue == chosen)]
            }
            return ["id": .string(choice.kind.rawValue), "name": .string("art-" + choice.kind.rawValue), "label": .string(choice.kind.label),
                    "options": .array(options), "error": errors.context["errors"]?[choice.kind.rawValue] ?? .null]
        }
        var context: [String: TemplateValue] = ["kinds": .array(kinds), "hasKinds": .bool(!kinds.isEmpty), "saved": .bool(saved),
                                                "referralRole": .bool(account.role == .provider || account.role == .counselor)]
        for (key, value) in errors.context { context[key] = value }
        return try request.context.site.page("konto/benachrichtigungen", title: "Benachrichtigungen per E-Mail", context: context,
                                             request: request, status: status)
    }
}

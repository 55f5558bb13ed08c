// SettingsPage: `/admin/einstellungen` — the instance settings of `SettingsRegistry` (deadlines
// and escalation, retention periods, digest time, mail sender) as one form; every value is
// validated with a German message beside its field, and each change is audited.
import HTTP
import LotseCore
import Templating

/// The administration of instance settings.
enum SettingsPage {
    /// `GET /admin/einstellungen`.
    static func show(_ request: PageRequest) throws -> Response {
        let entries = try SettingsEditor(store: request.context.store).entries()
        return try page(request, values: Dictionary(uniqueKeysWithValues: entries.map { ($0.definition.key, $0.value) }),
                        entries: entries, errors: FormErrors())
    }

    /// `POST /admin/einstellungen`: saves every submitted setting, or none when one is refused.
    static func save(_ request: PageRequest) throws -> Response {
        let me = try request.account
        let input = try request.input
        var texts: [String: String] = [:]
        for definition in SettingsRegistry.all {
            if let value = input.form[definition.key] { texts[definition.key] = value }
        }
        let editor = SettingsEditor(store: request.context.store, now: request.context.now())
        do {
            let changes = try editor.update(texts, by: .account(me.id))
            return .redirect(to: URLs.with(notice: changes.isEmpty ? "unveraendert" : "gespeichert", URLs.settings))
        } catch let rejected as DirectoryWriter.Rejected {
            let entries = try editor.entries()
            var values = Dictionary(uniqueKeysWithValues: entries.map { ($0.definition.key, $0.value) })
            for (key, text) in texts { values[key] = text }
            return try page(request, values: values, entries: entries, errors: FormErrors(rejected))
        }
    }

    /// The form with `values` (as stored or as typed) and `errors`.
    static func page(_ request: PageRequest, values: [String: String], entries: [SettingsEditor.Entry], errors: FormErrors) throws -> Response {
        var form = FormPage(heading: "Einstellungen", action: URLs.settings, submitLabel: "Einstellungen speichern")
        form.intro = "Jede Änderung wird mit Ihrem Konto im Prüfprotokoll vermerkt. Dieselben Werte ändert »lotse config set« auf der Kommandozeile."
        form.notice = notice(request)
        var groups: [String] = []
        for entry in entries where !groups.contains(entry.definition.group) { groups.append(entry.definition.group) }
        for group in groups {
            let items = entries.filter { $0.definition.group == group }.map { entry -> TemplateValue in
                let definition = entry.definition
                let standard = definition.defaultValue.isEmpty ? "leer" : definition.defaultValue
                let field = FormField(name: definition.key, label: definition.label,
                                      hint: "\(definition.help) Erlaubt: \(definition.allowedValues). Voreinstellung: \(standard).",
                                      optional: definition.kind == .emailAddress, autocomplete: "off",
                                      inputMode: definition.kind.isNumeric ? "numeric" : nil, spellcheck: false)
                return FormPage.field(field, values[definition.key] ?? entry.value, errors)
            }
            form.section(group, items)
        }
        return try form.render(request, errors: errors)
    }

    /// The notice after a redirect (`?hinweis=`).
    static func notice(_ request: PageRequest) -> String? {
        switch request.notice {
        case "gespeichert": "Die Einstellungen sind gespeichert."
        case "unveraendert": "Es gab nichts zu ändern."
        default: nil
        }
    }
}

extension SettingDefinition.Kind {
    /// True for whole-number settings (numeric keyboard on phones).
    var isNumeric: Bool {
        if case .integer = self { return true }
        return false
    }
}

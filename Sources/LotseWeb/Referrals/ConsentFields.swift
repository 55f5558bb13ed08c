// ConsentFields: the fields of the consent form (docs/domain.md §6.1) — recipients, data categories,
// purpose, form, who consented, date, expiry, information-text version and
// Schweigepflichtentbindung — and reading them into a ConsentInput with field errors.
import LotseCore
import Templating

/// The consent form's fields.
enum ConsentFields {
    /// What the form shows before anything was typed.
    struct Defaults {
        /// Organizations checked as recipients.
        var recipients: Set<String>
        /// The purpose text.
        var purpose: String
        /// The date of the consent (today).
        var givenOn: String
        /// The version of the information text last used.
        var informationVersion: String
    }

    /// Reads the submitted consent; nil (with `errors`) when a field is missing or invalid.
    static func read(_ input: FormInput, today: String, errors: inout FormErrors) -> ConsentInput? {
        let recipients = input.values("empfaenger").filter { !$0.isEmpty }
        if recipients.isEmpty { errors.add("empfaenger", "Bitte mindestens eine Stelle wählen, für die die Einwilligung gilt.") }
        let categories = Set(input.values("kategorien").compactMap(ConsentCategory.init(rawValue:)))
        if !categories.contains(.needs) { errors.add("kategorien", "Die Einwilligung muss mindestens »\(ConsentCategory.needs.label)« umfassen.") }
        let purpose = input.text("zweck")
        if purpose.isEmpty { errors.add("zweck", "Bitte den Zweck angeben, für den die Person eingewilligt hat.") }
        if purpose.count > 500 { errors.add("zweck", "Bitte höchstens 500 Zeichen.") }
        let form = ConsentFields.formValue(input.text("form"))
        if form == nil { errors.add("form", "Bitte wählen, in welcher Form eingewilligt wurde.") }
        let giver = ConsentGiver(rawValue: input.text("erteilt_von")) ?? .citizen
        let representative = input.optional("vertretung")
        if giver == .representative && representative == nil { errors.add("vertretung", "Bitte angeben, wer als Vertretung eingewilligt hat.") }
        let givenOn = input.text("datum")
        if !Timestamp.isDate(givenOn) {
            errors.add("datum", "Bitte das Datum der Einwilligung angeben.")
        } else if givenOn > today {
            errors.add("datum", "Das Datum der Einwilligung liegt in der Zukunft.")
        }
        let expires = input.optional("gueltig_bis")
        if let expires, !Timestamp.isDate(expires) || (Timestamp.isDate(givenOn) && expires < givenOn) {
            errors.add("gueltig_bis", "»Gültig bis« muss ein Datum nach der Einwilligung sein.")
        }
        let version = input.text("infoblatt")
        if version.isEmpty { errors.add("infoblatt", "Bitte die Version des Informationsblatts angeben, das die Person erhalten hat.") }
        let release = input.text("schweigepflicht") == "1"
        let personal = ConsentCategory.allCases.filter { categories.contains($0) && ConsentCategory.needingRelease.contains($0) }
        if !release && !personal.isEmpty {
            errors.add("schweigepflicht", "»\(personal.map(\.label).joined(separator: "«, »"))« dürfen nur mit Schweigepflichtentbindung weitergegeben werden. Bitte die Entbindung dokumentieren oder nur »\(ConsentCategory.needs.label)« wählen.")
        }
        guard errors.isEmpty, let form else { return nil }
        var consent = ConsentInput(recipients: recipients, categories: categories, purpose: purpose, form: form, givenOn: givenOn,
                                   expiresOn: expires, informationVersion: version, confidentialityRelease: release)
        consent.givenBy = giver
        consent.consentingPerson = giver == .representative ? representative : nil
        return consent
    }

    /// The consent form (`ConsentForm`) for a submitted value.
    static func formValue(_ text: String) -> ConsentForm? { ConsentForm(rawValue: text) }

    /// The items (fields and checkbox groups) of the form for `organizations` (id, name) of
    /// the chosen targets and the `alternatives` from the suggestions.
    static func items(organizations: [(id: String, name: String)], alternatives: [(id: String, name: String)] = [], typed: FormInput?,
                      defaults: Defaults, errors: FormErrors) -> [TemplateValue] {
        func value(_ name: String, _ fallback: String) -> String { typed.map { $0.text(name) } ?? fallback }
        let recipients = ChoiceGroup(name: "empfaenger", legend: "Für welche Stellen gilt die Einwilligung?",
                                     hint: "Jede Stelle, die die Vermittlung erhalten soll, muss abgedeckt sein. Willigt die Person auch für Alternativen ein, lässt sich nach einer Absage ohne neue Einwilligung neu vermitteln.",
                                     sections: [.init(heading: alternatives.isEmpty ? nil : "Gewählte Stellen",
                                                      choices: organizations.map { .init(value: $0.id, label: $0.name) }),
                                                .init(heading: "Alternativen aus den Vorschlägen",
                                                      choices: alternatives.map { .init(value: $0.id, label: $0.name) })])
        let categories = ChoiceGroup(name: "kategorien", legend: "Welche Daten dürfen weitergegeben werden?",
                                     hint: "Ohne »Name« und »Kontaktdaten« sieht die Stelle auch nach der Annahme nur Bedarf und Rahmendaten; Notizen liest sie nur in den gewählten Kategorien (Gesundheit nur mit »Gesundheit und Behinderung«).",
                                     sections: [.init(heading: nil, choices: ConsentCategory.allCases.map { .init(value: $0.rawValue, label: $0.label) })])
        let release = ChoiceGroup(name: "schweigepflicht", legend: "Schweigepflichtentbindung",
                                  hint: "Nötig für »Name«, »Kontaktdaten« und »Gesundheit und Behinderung«; ohne sie wird nur Bedarf und Rahmendaten weitergegeben.",
                                  sections: [.init(heading: nil, choices: [.init(value: "1", label: "Die Person hat uns von der Schweigepflicht entbunden.")])])
        let forms = FormField(name: "form", label: "Form der Einwilligung", kind: .radios, optional: false,
                              options: ConsentForm.allCases.map { .init(value: $0.rawValue, label: $0.label) })
        let givers = FormField(name: "erteilt_von", label: "Wer hat eingewilligt?", kind: .radios, optional: false,
                               options: ConsentGiver.allCases.map { .init(value: $0.rawValue, label: $0.label) })
        return [
            FormPage.choices(recipients, typed.map { Set($0.values("empfaenger")) } ?? defaults.recipients, errors),
            FormPage.choices(categories, typed.map { Set($0.values("kategorien")) } ?? [ConsentCategory.needs.rawValue], errors),
            FormPage.field(FormField(name: "zweck", label: "Zweck", hint: "Wofür die Daten weitergegeben werden.", optional: false),
                           value("zweck", defaults.purpose), errors),
            FormPage.field(forms, value("form", ConsentForm.signed.rawValue), errors),
            FormPage.field(givers, value("erteilt_von", ConsentGiver.citizen.rawValue), errors),
            FormPage.field(FormField(name: "vertretung", label: "Name der Vertretung", hint: "Nur bei gesetzlicher Vertretung oder Vollmacht."),
                           value("vertretung", ""), errors),
            FormPage.field(FormField(name: "datum", label: "Datum der Einwilligung", kind: .date, optional: false), value("datum", defaults.givenOn), errors),
            FormPage.field(FormField(name: "gueltig_bis", label: "Gültig bis", kind: .date, hint: "Leer lassen, wenn die Einwilligung nicht befristet ist."),
                           value("gueltig_bis", ""), errors),
            FormPage.field(FormField(name: "infoblatt", label: "Version des Informationsblatts", hint: "Zum Beispiel 2026-01.", optional: false),
                           value("infoblatt", defaults.informationVersion), errors),
            FormPage.choices(release, typed.map { Set($0.values("schweigepflicht")) } ?? [], errors),
        ]
    }
}

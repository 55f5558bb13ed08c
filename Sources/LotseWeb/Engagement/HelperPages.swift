// HelperPages: `/engagement/helfende` — the brokering DLZ's staff keep their registered helpers
// (name, contact, availability, area, languages, what they will do, police certificate date).
// Helpers are people: EngagementDesk refuses everyone else (403: other members, coordinators,
// admins) and audits every read and change.
import HTTP
import LotseCore
import Templating

/// The helpers of a brokering DLZ.
enum HelperPages {
    /// `GET /engagement/helfende`.
    static func list(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let (helpers, organizations) = try request.context.store.engagement(now: request.context.now()) { desk in
            (try desk.helpers(as: account), try desk.requireBroker(account))
        }
        let notice: String? = switch request.notice {
        case "gespeichert": "Die Angaben sind gespeichert."
        case "abgemeldet": "Die:der Helfende ist abgemeldet; die Angaben werden nach der Aufbewahrungsfrist gelöscht."
        default: nil
        }
        return try request.page("engagement/helfende", title: "Helfende", context: [
            "helpers": .array(helpers.map(view)), "count": .int(helpers.count), "notice": TemplateValue(notice),
            "organizations": .string(organizations.map(\.name).joined(separator: ", ")),
        ])
    }

    /// One helper's values.
    static func view(_ helper: Helper) -> TemplateValue {
        .object([
            "id": .string(helper.id), "name": .string(helper.name), "email": TemplateValue(helper.email), "phone": TemplateValue(helper.phone),
            "availability": TemplateValue(helper.availability), "languages": .string(helper.languages.joined(separator: ", ")),
            "kinds": .string(helper.kinds.map(\.label).joined(separator: ", ")), "certificate": TemplateValue(GermanFormat.date(helper.policeCertificateOn)),
            "active": .bool(helper.active), "editURL": .string(URLs.helper(helper.id)),
        ])
    }

    /// `GET /engagement/helfende/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let organizations = try request.context.store.engagement(now: request.context.now()) { try $0.requireBroker(try request.account) }
        var draft = Helper.Draft()
        draft.organizationID = organizations[0].id
        return try form(request, draft: draft, helperID: nil, organizations: organizations, errors: FormErrors())
    }

    /// `POST /engagement/helfende/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        try save(request, helperID: nil)
    }

    /// `GET /engagement/helfende/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let (helper, organizations) = try request.context.store.engagement(now: request.context.now()) { desk in
            (try desk.helper(request.id, as: account), try desk.requireBroker(account))
        }
        var draft = Helper.Draft()
        draft.organizationID = helper.organizationID
        draft.name = helper.name
        draft.email = helper.email ?? ""
        draft.phone = helper.phone ?? ""
        draft.availability = helper.availability ?? ""
        draft.sozialraumID = helper.sozialraumID ?? ""
        draft.languages = helper.languages.joined(separator: ", ")
        draft.kinds = helper.kinds.map(\.rawValue)
        draft.policeCertificateOn = helper.policeCertificateOn ?? ""
        return try form(request, draft: draft, helperID: helper.active ? helper.id : nil, organizations: organizations, errors: FormErrors(),
                        ended: !helper.active, existing: helper.id)
    }

    /// `POST /engagement/helfende/:id`.
    static func save(_ request: PageRequest) throws -> Response {
        try save(request, helperID: request.id)
    }

    /// Saves a new (`helperID` nil) or existing helper; the form again with errors (400).
    static func save(_ request: PageRequest, helperID: String?) throws -> Response {
        let account = try request.account
        let input = try request.input
        var draft = Helper.Draft()
        draft.organizationID = input.text("organization_id")
        draft.name = input.text("name")
        draft.email = input.text("email")
        draft.phone = input.text("phone")
        draft.availability = input.text("availability")
        draft.sozialraumID = input.text("sozialraum_id")
        draft.languages = input.text("languages")
        draft.kinds = input.values("kinds")
        draft.policeCertificateOn = input.text("police_certificate_on")
        do {
            try request.context.store.engagement(now: request.context.now()) { desk in _ = try desk.saveHelper(draft, id: helperID, by: account) }
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.helpers))
        } catch let rejected as DirectoryWriter.Rejected {
            let organizations = try request.context.store.engagement(now: request.context.now()) { try $0.requireBroker(account) }
            return try form(request, draft: draft, helperID: helperID, organizations: organizations, errors: FormErrors(rejected), existing: helperID)
        }
    }

    /// `POST /engagement/helfende/:id/abmelden`.
    static func end(_ request: PageRequest) throws -> Response {
        let account = try request.account
        try request.context.store.engagement(now: request.context.now()) { desk in try desk.endHelper(request.id, by: account) }
        return .redirect(to: URLs.with(notice: "abgemeldet", URLs.helpers))
    }

    /// The form (400 with errors).
    static func form(_ request: PageRequest, draft: Helper.Draft, helperID: String?, organizations: [(id: String, name: String)],
                     errors: FormErrors, ended: Bool = false, existing: String? = nil) throws -> Response {
        var page = FormPage(heading: existing == nil ? "Neue:n Helfende:n eintragen" : "Angaben einer:eines Helfenden",
                            action: existing.map(URLs.helper) ?? URLs.newHelper, submitLabel: "Speichern", back: (URLs.helpers, "Zurück zu den Helfenden"))
        page.intro = "Diese Angaben sehen nur die Mitarbeitenden Ihres Dienstleistungszentrums; jedes Ansehen und Ändern wird protokolliert. Anfragende Beratungsstellen erfahren weder Namen noch Kontakt."
        if ended { page.notice = "Diese:r Helfende ist abgemeldet." }
        var items: [TemplateValue] = []
        if existing == nil && organizations.count > 1 {
            items.append(FormPage.field(FormField(name: "organization_id", label: "Dienstleistungszentrum", kind: .select, optional: false,
                                                  options: organizations.map { .init(value: $0.id, label: $0.name) }), draft.organizationID, errors))
        } else {
            page.hidden.append(("organization_id", draft.organizationID))
        }
        items += [
            FormPage.field(FormField(name: "name", label: "Name", optional: false, autocomplete: "off", spellcheck: false), draft.name, errors),
            FormPage.field(FormField(name: "email", label: "E-Mail", kind: .email, hint: "E-Mail oder Telefon ist nötig.", autocomplete: "off", spellcheck: false), draft.email, errors),
            FormPage.field(FormField(name: "phone", label: "Telefon", kind: .tel, autocomplete: "off"), draft.phone, errors),
            FormPage.field(FormField(name: "availability", label: "Wann verfügbar", hint: "Zum Beispiel »dienstags nachmittags«."), draft.availability, errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Sozialraum", kind: .select,
                                     options: [.init(value: "", label: "– keiner –")] + (try SozialraumTreePage.options(request.context))), draft.sozialraumID, errors),
            FormPage.field(FormField(name: "languages", label: "Sprachen", hint: "Sprachcodes, durch Komma getrennt, zum Beispiel »de, tr«.", spellcheck: false), draft.languages, errors),
            FormPage.choices(ChoiceGroup(name: "kinds", legend: "Was sie:er übernimmt", hint: nil,
                                         sections: [.init(heading: nil, choices: HelpKind.allCases.map { .init(value: $0.rawValue, label: $0.label) })]),
                             Set(draft.kinds), errors),
            FormPage.field(FormField(name: "police_certificate_on", label: "Erweitertes Führungszeugnis vom", kind: .date,
                                     hint: "Wo es nötig ist (zum Beispiel bei Besuchen allein), das Ausstellungsdatum."), draft.policeCertificateOn, errors),
        ]
        page.section(nil, items)
        if let helperID {
            page.extraForm(action: URLs.endHelper(helperID), label: "Abmelden",
                           text: "Wer nicht mehr hilft, wird abgemeldet; nach der Aufbewahrungsfrist löscht Lotse Name und Kontakt.")
        }
        return try page.render(request, errors: errors)
    }
}

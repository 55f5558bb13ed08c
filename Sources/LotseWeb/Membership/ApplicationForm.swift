// ApplicationForm: `/mitglied-werden` — the public application for membership: organization
// data, first services (1–3) with their needs, and the contact person who becomes the first
// editor (name and e-mail only), with a short privacy notice and what happens next. Spam
// defences without third-party services: a honeypot field, a signed time stamp that refuses
// forms sent too fast, forged or too old (`MembershipFormStamp`), and the anonymous-form rate
// limit (`FormRateLimit.Rule.membershipApplication`). A valid application is stored
// unconfirmed and a confirmation e-mail goes to the contact's address; only the link in it
// (`/mitglied-werden/bestaetigen/:token`, a page with a button; it signs no one in) puts it in
// the coordinators' queue. Every refusal keeps what was typed.
import Foundation
import HTTP
import LotseCore
import Templating

/// The public application form.
enum ApplicationForm {
    /// The honeypot field: hidden from people, filled by form-filling robots.
    static let trapField = "homepage_url"
    /// The signed time stamp's field.
    static let stampField = "formular_zeit"

    /// The text fields of the form (besides the services).
    static let fields = ["name", "kind", "street", "postal_code", "city", "sozialraum_id", "website", "description", "contact_name", "contact_email"]

    /// `GET /mitglied-werden`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, values: [:], needs: [:], errors: FormErrors())
    }

    /// The form with `values`, the checked `needs` per service number and `errors`.
    static func page(_ request: PageRequest, values: [String: String], needs: [Int: Set<String>], errors: FormErrors,
                     status: Int? = nil) throws -> Response {
        let editing = EditorAccess.editing(request.context)
        let terms = try editing.choices([.need]).terms[.need] ?? []
        let areas = [FormField.Option(value: "", label: "– bitte wählen, wenn bekannt –")] + Pickers.options(try editing.areaChoices())
        let kinds = [FormField.Option(value: "", label: "– bitte wählen –")]
            + OrganizationKind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label) }
        func value(_ name: String) -> String { values[name] ?? "" }
        var form = FormPage(heading: "Mitglied werden", action: URLs.membershipApplication, submitLabel: "Antrag absenden")
        form.intro = "Soziale Träger, Initiativen, Wohnungsunternehmen und öffentliche Stellen aus dem Gebiet können Mitglied des Netzwerks werden. Mitglieder erscheinen mit ihren Angeboten im öffentlichen Verzeichnis und pflegen ihre Einträge selbst."
        form.section("Ihre Organisation", [
            FormPage.field(FormField(name: "name", label: "Name der Organisation", optional: false, autocomplete: "organization"), value("name"), errors),
            FormPage.field(FormField(name: "kind", label: "Art der Organisation", kind: .select, optional: false, options: kinds), value("kind"), errors),
            FormPage.field(FormField(name: "street", label: "Straße und Hausnummer", optional: false, autocomplete: "address-line1"), value("street"), errors),
            FormPage.field(FormField(name: "postal_code", label: "Postleitzahl", optional: false, autocomplete: "postal-code", inputMode: "numeric"),
                           value("postal_code"), errors),
            FormPage.field(FormField(name: "city", label: "Ort", optional: false, autocomplete: "address-level2"), value("city"), errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Sozialraum", kind: .select, hint: "Das Gebiet, in dem die Organisation vor allem arbeitet.",
                                     options: areas), value("sozialraum_id"), errors),
            FormPage.field(FormField(name: "website", label: "Website", kind: .url, hint: "Mit https://", autocomplete: "url"), value("website"), errors),
            FormPage.field(FormField(name: "description", label: "Kurzbeschreibung", kind: .textarea, hint: "Was macht die Organisation, für wen? (10 bis 2000 Zeichen)",
                                     optional: false), value("description"), errors),
        ])
        for number in 1...3 {
            let prefix = "service\(number)_"
            let group = Pickers.vocabulary(.need, terms: terms, name: prefix + "needs", legend: "Auf welche Bedarfe antwortet das Angebot?",
                                           hint: nil).group
            form.section(number == 1 ? "Erstes Angebot" : number == 2 ? "Zweites Angebot (freiwillig)" : "Drittes Angebot (freiwillig)",
                         text: number == 1 ? "Beschreiben Sie bis zu drei Angebote. Nach der Aufnahme können Sie weitere anlegen und alle Angaben ergänzen." : nil, [
                FormPage.field(FormField(name: prefix + "name", label: "Name des Angebots", optional: number > 1), value(prefix + "name"), errors),
                FormPage.field(FormField(name: prefix + "description", label: "Kurze Beschreibung", kind: .textarea, optional: number > 1, rows: 3),
                               value(prefix + "description"), errors),
                FormPage.choices(group, needs[number] ?? [], errors),
            ])
        }
        form.section("Ansprechperson", text: "Die Ansprechperson bekommt nach der Aufnahme eine Einladung, die Einträge der Organisation zu pflegen. Wir fragen nur Name und E-Mail-Adresse.", [
            FormPage.field(FormField(name: "contact_name", label: "Ihr Name", optional: false, autocomplete: "name"), value("contact_name"), errors),
            FormPage.field(FormField(name: "contact_email", label: "Ihre E-Mail-Adresse", kind: .email, optional: false, autocomplete: "email", spellcheck: false),
                           value("contact_email"), errors),
        ])
        form.section("Datenschutz und wie es weitergeht", text: "Name und E-Mail-Adresse verwenden wir nur für diesen Antrag und die Einladung. Nach dem Absenden bekommen Sie eine E-Mail mit einem Bestätigungslink; erst nach der Bestätigung sieht die Koordination den Antrag (ein unbestätigter Antrag wird nach 7 Tagen gelöscht). Die Koordination nimmt die Organisation auf oder lehnt mit einer Begründung ab. Name und E-Mail-Adresse im Antrag werden \(try retentionDays(request)) Tage nach der Entscheidung gelöscht.", [])
        form.hidden = [(stampField, MembershipFormStamp.make(now: request.context.now(), key: try request.context.store.keys.signingKey()))]
        var response = try form.render(request, errors: errors, extra: [
            "trap": .object(["name": .string(trapField), "label": .string("Bitte dieses Feld leer lassen")]),
        ])
        if let status { response.status = status }
        return response
    }

    /// The retention period of decided applications' contact data, in days.
    static func retentionDays(_ request: PageRequest) throws -> Int {
        let values = try request.context.store.pool.read { try SettingValues.load($0) }
        return values.integer(SettingsRegistry.applicationRetentionDays) ?? 90
    }

    /// `POST /mitglied-werden`.
    static func submit(_ request: PageRequest) throws -> Response {
        let input = try request.input
        var values: [String: String] = [:]
        for name in fields { values[name] = input.text(name) }
        var needs: [Int: Set<String>] = [:]
        var draft = MembershipApplication.Draft()
        for number in 1...3 {
            let prefix = "service\(number)_"
            values[prefix + "name"] = input.text(prefix + "name")
            values[prefix + "description"] = input.text(prefix + "description")
            needs[number] = Set(input.values(prefix + "needs"))
            draft.services.append(.init(name: input.text(prefix + "name"), description: input.text(prefix + "description"),
                                        needs: input.values(prefix + "needs").filter { !$0.isEmpty }))
        }
        let now = request.context.now()
        // A robot filled the hidden field: it is told what a person is told, and nothing is kept.
        if !input.text(trapField).isEmpty { return try sent(request) }
        var errors = FormErrors()
        switch MembershipFormStamp.check(input.text(stampField), keys: try request.context.store.keys.verificationKeys(now: now), now: now) {
        case .fine: break
        case .tooFast:
            errors.add("", "Das Formular wurde sehr schnell abgeschickt. Bitte prüfen Sie Ihre Angaben und senden Sie es noch einmal.")
        case .expired:
            errors.add("", "Das Formular war zu lange geöffnet. Ihre Angaben sind erhalten; bitte senden Sie es noch einmal.")
        case .forged:
            errors.add("", "Das Formular ist unvollständig angekommen. Ihre Angaben sind erhalten; bitte senden Sie es noch einmal.")
        }
        guard errors.isEmpty else { return try page(request, values: values, needs: needs, errors: errors) }
        if let retryAfter = try FormRateLimit(store: request.context.store, now: now).admit(.membershipApplication, address: request.clientAddress) {
            return try LoginPages.tooMany(request, text: "Von Ihrer Adresse kamen in der letzten Stunde schon mehrere Anträge. Bitte versuchen Sie es in \(LoginPages.waitingTime(retryAfter)) noch einmal – oder schreiben Sie der Koordination direkt.",
                                          retryAfter: retryAfter)
        }
        draft.organizationName = values["name"]!
        draft.kind = values["kind"]!
        draft.street = values["street"]!
        draft.postalCode = values["postal_code"]!
        draft.city = values["city"]!
        draft.sozialraumID = values["sozialraum_id"]!
        draft.website = values["website"]!
        draft.description = values["description"]!
        draft.contactName = values["contact_name"]!
        draft.contactEmail = values["contact_email"]!
        let applications = MembershipApplications(store: request.context.store, now: now)
        let submitted: (id: String, token: String)
        do {
            submitted = try applications.submit(draft)
        } catch let rejected as DirectoryWriter.Rejected {
            errors.add(rejected)
            return try page(request, values: values, needs: needs, errors: errors)
        }
        let mailer = request.context.mailer
        do {
            try mailer.sendApplicationConfirmation(to: draft.contactEmail, organization: draft.organizationName,
                                                   url: mailer.settings.publicURL + URLs.membershipConfirmation(submitted.token))
        } catch {
            try applications.withdrawUnconfirmed(submitted.id)
            errors.add("", "Die Bestätigungs-E-Mail konnte gerade nicht verschickt werden. Ihre Angaben sind erhalten; bitte versuchen Sie es später noch einmal.")
            return try page(request, values: values, needs: needs, errors: errors, status: 503)
        }
        return try sent(request)
    }

    /// The page after sending: check your mail.
    static func sent(_ request: PageRequest) throws -> Response {
        try LoginPages.message(request, title: "Bitte bestätigen Sie Ihren Antrag",
                               text: "Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Erst nach der Bestätigung sieht die Koordination Ihren Antrag. Kommt keine E-Mail an, prüfen Sie bitte den Spam-Ordner oder stellen Sie den Antrag noch einmal.",
                               link: URLs.home, linkText: "Zur Startseite")
    }

    /// `GET /mitglied-werden/bestaetigen/:token`: a page with one button (mail programs that
    /// open links in advance change nothing).
    static func confirmPage(_ request: PageRequest) throws -> Response {
        switch try MembershipApplications(store: request.context.store, now: request.context.now()).check(request.token) {
        case .failure(let refusal):
            return try LoginPages.message(request, title: "Link nicht gültig", text: refusal.message, link: URLs.membershipApplication,
                                          linkText: "Zum Antragsformular", status: 404)
        case .success(let application) where application.status != .unconfirmed:
            return try confirmed(request)
        case .success(let application):
            return try request.page("mitglied-werden-bestaetigen", title: "Antrag bestätigen", context: [
                "organization": .string(application.organizationName), "action": .string(URLs.membershipConfirmation(request.token)),
            ])
        }
    }

    /// `POST /mitglied-werden/bestaetigen/:token`.
    static func confirm(_ request: PageRequest) throws -> Response {
        switch try MembershipApplications(store: request.context.store, now: request.context.now()).confirm(request.token) {
        case .failure(let refusal):
            return try LoginPages.message(request, title: "Link nicht gültig", text: refusal.message, link: URLs.membershipApplication,
                                          linkText: "Zum Antragsformular", status: 404)
        case .success:
            return try confirmed(request)
        }
    }

    static func confirmed(_ request: PageRequest) throws -> Response {
        try LoginPages.message(request, title: "Danke, Ihr Antrag ist bestätigt",
                               text: "Die Koordination prüft ihn und meldet sich per E-Mail: Bei einer Aufnahme bekommen Sie eine Einladung, die Einträge Ihrer Organisation selbst zu pflegen.",
                               link: URLs.home, linkText: "Zur Startseite")
    }
}

// EngagementPages: `/engagement` — the helper opportunities members publish (what, where, when,
// how often, languages, accessibility, the organization's contact). They are organization data,
// so the list is public like the directory; editors of member organizations publish new ones
// and withdraw or republish their own on the same page.
import HTTP
import LotseCore
import Templating

/// The helper opportunities.
enum EngagementPages {
    /// `GET /engagement` with optional filters `sozialraum` and `art`.
    static func list(_ request: PageRequest) throws -> Response {
        let context = request.context
        let area = request.queryValue("sozialraum") ?? ""
        let kindCode = request.queryValue("art") ?? ""
        let account = request.viewer.account
        let (opportunities, own, publisher, broker) = try context.store.engagement(now: context.now()) { desk in
            let published = try desk.publishedOpportunities(sozialraumID: area.isEmpty ? nil : area, kind: HelpKind(rawValue: kindCode))
            guard let account else { return (published, [HelperOpportunity](), false, false) }
            let publisher = try !desk.memberOrganizations(of: account).isEmpty
            return (published, try desk.ownOpportunities(of: account), publisher, try !desk.brokeringOrganizations(of: account).isEmpty)
        }
        let areas = [FormField.Option(value: "", label: "– alle –")] + (try SozialraumTreePage.options(context))
        let kinds = [FormField.Option(value: "", label: "– alle –")] + HelpKind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label) }
        let notice: String? = switch request.notice {
        case "veroeffentlicht": "Das Engagement-Angebot ist veröffentlicht."
        case "status": "Der Status ist geändert."
        default: nil
        }
        return try request.page("engagement/liste", title: "Engagement und Nachbarschaftshilfe", context: [
            "fields": .array([
                FormField(name: "sozialraum", label: "Sozialraum", kind: .select, options: areas).context(area, errors: FormErrors()),
                FormField(name: "art", label: "Art der Hilfe", kind: .select, options: kinds).context(kindCode, errors: FormErrors()),
            ]),
            "opportunities": .array(opportunities.map { view($0, own: false) }), "count": .int(opportunities.count),
            "own": .array(own.map { view($0, own: true) }), "isPublisher": .bool(publisher), "notice": TemplateValue(notice),
            "isCounselor": .bool(account?.role == .counselor), "isBroker": .bool(broker),
        ])
    }

    /// One opportunity's template values (with the status form for its publishers).
    static func view(_ opportunity: HelperOpportunity, own: Bool) -> TemplateValue {
        .object([
            "id": .string(opportunity.id), "title": .string(opportunity.title), "kind": .string(opportunity.kind.label),
            "organization": .string(opportunity.organizationName), "area": .string(opportunity.sozialraumName),
            "schedule": .string(opportunity.schedule), "frequency": .string(opportunity.frequency.label),
            "languages": .string(opportunity.languages.joined(separator: ", ")),
            "accessibility": TemplateValue(opportunity.accessibility.isEmpty ? nil : opportunity.accessibility),
            "description": TemplateValue(opportunity.description.isEmpty ? nil : opportunity.description),
            "contact": .string(opportunity.contact), "published": .bool(opportunity.published),
            "statusURL": own ? .string(URLs.opportunityStatus(opportunity.id)) : .null,
        ])
    }

    /// `GET /engagement/angebote/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let organizations = try request.context.store.engagement(now: request.context.now()) { try $0.requirePublisher(try request.account) }
        var draft = HelperOpportunity.Draft()
        draft.organizationID = organizations[0].id
        draft.frequency = HelpFrequency.weekly.rawValue
        return try form(request, draft: draft, organizations: organizations, errors: FormErrors())
    }

    /// `POST /engagement/angebote/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var draft = HelperOpportunity.Draft()
        draft.organizationID = input.text("organization_id")
        draft.title = input.text("title")
        draft.kind = input.text("kind")
        draft.description = input.text("description")
        draft.sozialraumID = input.text("sozialraum_id")
        draft.schedule = input.text("schedule")
        draft.frequency = input.text("frequency")
        draft.languages = input.text("languages")
        draft.accessibility = input.text("accessibility")
        draft.contact = input.text("contact")
        do {
            try request.context.store.engagement(now: request.context.now()) { desk in _ = try desk.publish(draft, by: account) }
            return .redirect(to: URLs.with(notice: "veroeffentlicht", URLs.engagement))
        } catch let rejected as DirectoryWriter.Rejected {
            let organizations = try request.context.store.engagement(now: request.context.now()) { try $0.requirePublisher(account) }
            return try form(request, draft: draft, organizations: organizations, errors: FormErrors(rejected))
        }
    }

    /// `POST /engagement/angebote/:id/status` with `veroeffentlicht` = ja or nein.
    static func changeStatus(_ request: PageRequest) throws -> Response {
        let account = try request.account
        try request.context.store.engagement(now: request.context.now()) { desk in try desk.requireOwnOpportunity(request.id, account) }
        let published = try request.input.text("veroeffentlicht")
        guard published == "ja" || published == "nein" else {
            throw LotseError(.invalidInput, "Bitte wählen: veröffentlichen oder zurückziehen.")
        }
        try request.context.store.engagement(now: request.context.now()) { desk in try desk.setPublished(request.id, published == "ja", by: account) }
        return .redirect(to: URLs.with(notice: "status", URLs.engagement))
    }

    /// The form with `draft`'s values and `errors` (400 when there are any).
    static func form(_ request: PageRequest, draft: HelperOpportunity.Draft, organizations: [(id: String, name: String)],
                     errors: FormErrors) throws -> Response {
        var page = FormPage(heading: "Neues Engagement-Angebot", action: URLs.newOpportunity, submitLabel: "Veröffentlichen",
                            back: (URLs.engagement, "Zurück zu den Engagement-Angeboten"))
        page.intro = "Engagement-Angebote sind öffentlich. Bitte als Kontakt nur die Kontaktstelle der Organisation angeben (Büro-Telefon oder Funktions-E-Mail), keine private Telefonnummer oder Adresse einer Person."
        var first: [TemplateValue] = []
        if organizations.count > 1 {
            first.append(FormPage.field(FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false,
                                                  options: organizations.map { .init(value: $0.id, label: $0.name) }), draft.organizationID, errors))
        } else {
            page.hidden.append(("organization_id", draft.organizationID))
        }
        first += [
            FormPage.field(FormField(name: "title", label: "Was ist zu tun?", hint: "Kurz, zum Beispiel »Besuchspatenschaft für ältere Nachbar:innen«.", optional: false), draft.title, errors),
            FormPage.field(FormField(name: "kind", label: "Art der Hilfe", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + HelpKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }), draft.kind, errors),
            FormPage.field(FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 3), draft.description, errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Wo (Sozialraum)", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + (try SozialraumTreePage.options(request.context))), draft.sozialraumID, errors),
            FormPage.field(FormField(name: "schedule", label: "Wann", hint: "Zum Beispiel »dienstags 15–17 Uhr« oder »nach Absprache«.", optional: false), draft.schedule, errors),
            FormPage.field(FormField(name: "frequency", label: "Wie oft", kind: .radios, optional: false,
                                     options: HelpFrequency.allCases.map { .init(value: $0.rawValue, label: $0.label) }), draft.frequency, errors),
            FormPage.field(FormField(name: "languages", label: "Sprachen", hint: "Sprachcodes, durch Komma getrennt, zum Beispiel »de, tr«.", spellcheck: false), draft.languages, errors),
            FormPage.field(FormField(name: "accessibility", label: "Barrierefreiheit", hint: "Wie zugänglich Ort und Aufgabe sind."), draft.accessibility, errors),
            FormPage.field(FormField(name: "contact", label: "Kontakt der Organisation", hint: "Büro-Telefon oder Funktions-E-Mail, keine private Angabe.", optional: false), draft.contact, errors),
        ]
        page.section(nil, first)
        return try page.render(request, errors: errors)
    }
}

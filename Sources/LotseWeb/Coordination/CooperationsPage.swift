// CooperationsPage: `/koordination/kooperationen` — cooperations between members (two
// organizations, topic, since, optionally a Quartier): list, record, remove; through
// the Cooperations service (DirectoryWriter), so both organizations' histories show it.
import HTTP
import LotseCore
import Templating

/// The cooperation tools.
enum CooperationsPage {
    /// `GET /koordination/kooperationen`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    /// The list and the form, with `typed` values and `errors`.
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let cooperations = try Cooperations(store: request.context.store).all().map { cooperation -> TemplateValue in
            .object(["first": .string(cooperation.organization), "second": .string(cooperation.partner), "topic": .string(cooperation.topic),
                     "since": TemplateValue(GermanFormat.date(cooperation.since)), "quartier": TemplateValue(cooperation.quartier),
                     "removeURL": .string(URLs.removeCooperation(cooperation.id)),
                     "editURL": .string(URLs.editCooperation(cooperation.id))])
        }
        let members = try Members(store: request.context.store).names([.member]).map { FormField.Option(value: $0.id, label: $0.name) }
        let areas = try SozialraumTreePage.options(request.context)
        let choose = FormField.Option(value: "", label: "– bitte wählen –")
        let fields = [
            FormPage.field(FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false, options: [choose] + members), typed["organization_id"] ?? "", errors),
            FormPage.field(FormField(name: "partner_id", label: "Partnerorganisation", kind: .select, optional: false, options: [choose] + members), typed["partner_id"] ?? "", errors),
            FormPage.field(FormField(name: "topic", label: "Thema", hint: "Zum Beispiel: Nachbarschaftstreff im Quartier.", optional: false), typed["topic"] ?? "", errors),
            FormPage.field(FormField(name: "since", label: "Seit", kind: .date, hint: "Datum, zum Beispiel 2024-03-01."), typed["since"] ?? "", errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Quartier", kind: .select, options: [.init(value: "", label: "– keines –")] + areas), typed["sozialraum_id"] ?? "", errors),
            FormPage.field(FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 2), typed["description"] ?? "", errors),
        ].map { $0["field"] }
        var page: [String: TemplateValue] = ["cooperations": .array(cooperations), "count": .int(cooperations.count), "fields": .array(fields),
                                             "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("koordination/kooperationen", title: (errors.isEmpty ? "" : "Fehler: ") + "Kooperationen", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/kooperationen`.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed: [String: String] = [:]
        for name in ["organization_id", "partner_id", "topic", "since", "sozialraum_id", "description"] { typed[name] = input.text(name) }
        let now = request.context.now()
        do {
            let draft = Cooperations.Draft(organizationID: typed["organization_id"]!, partnerID: typed["partner_id"]!, topic: typed["topic"]!,
                                           since: typed["since"]!, sozialraumID: typed["sozialraum_id"]!, description: typed["description"]!)
            try Cooperations(store: request.context.store, now: now).add(draft, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.cooperations))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, typed: typed, errors: errors)
        }
    }

    /// `POST /koordination/kooperationen/:id/entfernen`.
    static func remove(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let now = request.context.now()
        try Cooperations(store: request.context.store, now: now).remove(id, by: account)
        return .redirect(to: URLs.with(notice: "entfernt", URLs.cooperations))
    }
}

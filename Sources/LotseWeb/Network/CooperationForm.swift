// CooperationForm: `/kooperationen/:id/bearbeiten` (change a cooperation) and
// `/pflege/organisationen/:id/kooperationen/neu` (record one for an organization) — for
// coordinators and for the editors of either member; the rules (members only, once per pair
// and topic, until not before since, who may) are Cooperations'. Bad input comes back with
// German errors and everything typed kept.
import HTTP
import LotseCore
import Templating

/// The cooperation form.
enum CooperationForm {
    /// The form's field names, in order.
    static let names = ["organization_id", "partner_id", "topic", "need_term_id", "sozialraum_id", "since", "until", "binding", "description"]

    /// `GET /kooperationen/:id/bearbeiten`.
    static func edit(_ request: PageRequest) throws -> Response {
        let account = try EditorAccess.account(request)
        let cooperations = Cooperations(store: request.context.store)
        guard let stored = try cooperations.draft(request.id) else { throw LotseError(.notFound, "Diese Kooperation gibt es nicht.") }
        guard Cooperations.mayEdit(account, organization: stored.organizationID, partner: stored.partnerID) else {
            throw LotseError(.forbidden, "Diese Kooperation dürfen nur die Koordination und die beteiligten Organisationen ändern.")
        }
        return try form(request, action: URLs.editCooperation(request.id), heading: "Kooperation bearbeiten", values: values(stored), errors: FormErrors())
    }

    /// `POST /kooperationen/:id/bearbeiten`.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try EditorAccess.account(request)
        let typed = try typedValues(request)
        do {
            try Cooperations(store: request.context.store, now: request.context.now()).update(request.id, to: draft(typed), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.editCooperation(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try form(request, action: URLs.editCooperation(request.id), heading: "Kooperation bearbeiten", values: typed, errors: errors)
        }
    }

    /// `GET /pflege/organisationen/:id/kooperationen/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let organization = try authorizeOrganization(request)
        return try form(request, action: URLs.newCooperation(organization), heading: "Neue Kooperation",
                        values: ["organization_id": organization, "binding": "0"], errors: FormErrors())
    }

    /// `POST /pflege/organisationen/:id/kooperationen/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let organization = try authorizeOrganization(request)
        let account = try EditorAccess.account(request)
        let typed = try typedValues(request)
        do {
            let id = try Cooperations(store: request.context.store, now: request.context.now()).add(draft(typed), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.editCooperation(id)))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try form(request, action: URLs.newCooperation(organization), heading: "Neue Kooperation", values: typed, errors: errors)
        }
    }

    private static func authorizeOrganization(_ request: PageRequest) throws -> String {
        let account = try EditorAccess.account(request)
        guard account.mayEdit(organization: request.id) else {
            throw LotseError(.forbidden, "Kooperationen tragen die Koordination und die Organisationen selbst ein.")
        }
        return request.id
    }

    private static func typedValues(_ request: PageRequest) throws -> [String: String] {
        let input = try request.input
        var typed: [String: String] = [:]
        for name in names { typed[name] = input.text(name) }
        return typed
    }

    private static func draft(_ typed: [String: String]) -> Cooperations.Draft {
        Cooperations.Draft(organizationID: typed["organization_id"] ?? "", partnerID: typed["partner_id"] ?? "", topic: typed["topic"] ?? "",
                           since: typed["since"] ?? "", sozialraumID: typed["sozialraum_id"] ?? "", description: typed["description"] ?? "",
                           until: typed["until"] ?? "", needTermID: typed["need_term_id"] ?? "", binding: typed["binding"] == "1")
    }

    private static func values(_ draft: Cooperations.Draft) -> [String: String] {
        ["organization_id": draft.organizationID, "partner_id": draft.partnerID, "topic": draft.topic, "need_term_id": draft.needTermID,
         "sozialraum_id": draft.sozialraumID, "since": draft.since, "until": draft.until, "binding": draft.binding ? "1" : "0",
         "description": draft.description]
    }

    private static func form(_ request: PageRequest, action: String, heading: String, values: [String: String], errors: FormErrors) throws -> Response {
        let store = request.context.store
        let members = try Members(store: store).names([.member]).map { FormField.Option(value: $0.id, label: $0.name) }
        let known = Set(members.map(\.value))
        // A member that has left stays choosable in its own cooperations.
        let former = try Members(store: store).names(of: [values["organization_id"] ?? "", values["partner_id"] ?? ""].filter { !$0.isEmpty && !known.contains($0) })
            .map { FormField.Option(value: $0.key, label: $0.value) }
        let choose = FormField.Option(value: "", label: "– bitte wählen –")
        let topics = try Cooperations(store: store).topics().map { FormField.Option(value: $0.id, label: $0.name) }
        let areas = try SozialraumTreePage.options(request.context, including: values["sozialraum_id"])
        let fields = [
            FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false, options: [choose] + former + members),
            FormField(name: "partner_id", label: "Partnerorganisation", kind: .select, optional: false, options: [choose] + former + members),
            FormField(name: "topic", label: "Thema", hint: "Zum Beispiel: Nachbarschaftstreff im Quartier.", optional: false),
            FormField(name: "need_term_id", label: "Bedarf", kind: .select, hint: "Der Bedarf, dem die Kooperation dient; danach filtert die Netzwerkkarte.",
                      options: [.init(value: "", label: "– keiner –")] + topics),
            FormField(name: "sozialraum_id", label: "Quartier oder Sozialraum", kind: .select, options: [.init(value: "", label: "– keiner –")] + areas),
            FormField(name: "since", label: "Seit", kind: .date, hint: "Datum, zum Beispiel 2024-03-01."),
            FormField(name: "until", label: "Bis", kind: .date, hint: "Leer lassen, solange die Kooperation läuft."),
            FormField(name: "binding", label: "Verbindliche Vereinbarung", kind: .radios, hint: "Gibt es eine schriftliche, verbindliche Vereinbarung?",
                      optional: false, options: [.init(value: "1", label: "ja"), .init(value: "0", label: "nein")]),
            FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 3),
        ]
        var page = FormPage(heading: heading, action: action, submitLabel: "Speichern", back: (URLs.network, "Zum Kooperationsnetz"))
        page.intro = "Kooperationen zwischen Mitgliedern sind öffentlich: Sie erscheinen auf den Seiten beider Organisationen und im Kooperationsnetz. "
            + "Ändern dürfen sie die Koordination und die beiden Organisationen."
        page.notice = CoordinationNotice.text(request)
        page.section(nil, fields.map { FormPage.field($0, values[$0.name] ?? "", errors) })
        return try page.render(request, errors: errors)
    }
}

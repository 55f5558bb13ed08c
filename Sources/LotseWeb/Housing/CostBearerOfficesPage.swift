// CostBearerOfficesPage: `/koordination/kostentraeger` — the coordinators' short list of the
// cost bearers' offices (name, pot, contact address for the reminders before a hold ends):
// list, add (German errors, input kept), remove; audited by CostBearerOffices.
import HTTP
import LotseCore
import Templating

/// The cost bearers' offices.
enum CostBearerOfficesPage {
    /// `GET /koordination/kostentraeger`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let offices = try CostBearerOffices(store: request.context.store).all().map { office -> TemplateValue in
            .object(["name": .string(office.name), "pot": .string(office.pot.label), "email": TemplateValue(office.email),
                     "removeURL": .string(URLs.removeCostBearerOffice(office.id))])
        }
        let fields = [
            FormField(name: "name", label: "Name der Stelle", hint: "Zum Beispiel Jobcenter Bremen, Team Kosten der Unterkunft.", optional: false)
                .context(typed["name"] ?? "", errors: errors),
            FormField(name: "pot", label: "Entscheidet für", kind: .radios, optional: false,
                      options: HousingPot.allCases.map { .init(value: $0.rawValue, label: $0.label) }).context(typed["pot"] ?? "", errors: errors),
            FormField(name: "email", label: "E-Mail-Adresse für Erinnerungen", kind: .email,
                      hint: "Ein Funktionspostfach; die Erinnerungen enthalten keine Angaben zur Person.", spellcheck: false)
                .context(typed["email"] ?? "", errors: errors),
        ]
        let notice: String? = switch request.notice {
        case "gespeichert": "Die Stelle ist eingetragen."
        case "entfernt": "Die Stelle ist entfernt."
        default: nil
        }
        var context: [String: TemplateValue] = ["offices": .array(offices), "count": .int(offices.count), "fields": .array(fields),
                                                "notice": TemplateValue(notice)]
        for (key, value) in errors.context { context[key] = value }
        return try request.page("wohnungen/hold_kostentraeger", title: (errors.isEmpty ? "" : "Fehler: ") + "Stellen der Kostenträger",
                                context: context, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/kostentraeger`.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed: [String: String] = [:]
        for name in ["name", "pot", "email"] { typed[name] = input.text(name) }
        do {
            try CostBearerOffices(store: request.context.store, now: request.context.now())
                .add(name: typed["name"]!, pot: typed["pot"]!, email: typed["email"]!, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.costBearerOffices))
        } catch let rejected as DirectoryWriter.Rejected {
            return try page(request, typed: typed, errors: FormErrors(rejected))
        }
    }

    /// `POST /koordination/kostentraeger/:id/entfernen`.
    static func remove(_ request: PageRequest) throws -> Response {
        let account = try request.account
        try CostBearerOffices(store: request.context.store, now: request.context.now()).remove(request.id, by: account)
        return .redirect(to: URLs.with(notice: "entfernt", URLs.costBearerOffices))
    }
}

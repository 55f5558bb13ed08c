// RentLimitsPage: `/koordination/mietobergrenzen` — the coordinators' benefit rent limits
// per area and household size with a valid-from date: list, add (checked, German errors,
// input kept), remove; every change audited by the RentLimits service.
import HTTP
import LotseCore
import Templating

/// The rent-limit tools.
enum RentLimitsPage {
    static let fieldNames = ["sozialraum_id", "household_size", "amount", "valid_from"]

    /// `GET /koordination/mietobergrenzen`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    /// The list and the form, with `typed` values and `errors`.
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let limits = try RentLimits(store: request.context.store).all().map { limit -> TemplateValue in
            .object(["area": .string(limit.sozialraumName), "size": .int(limit.householdSize), "amount": .string(Euro.text(limit.grossColdCents)),
                     "validFrom": TemplateValue(GermanFormat.date(limit.validFrom)), "removeURL": .string(URLs.removeRentLimit(limit.id))])
        }
        let areas = try SozialraumTreePage.options(request.context)
        let fields = [
            FormPage.field(FormField(name: "sozialraum_id", label: "Gebiet (Sozialraum oder Gemeinde)", kind: .select,
                                     hint: "Gebiete darunter ohne eigene Grenze übernehmen diese.", optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + areas), typed["sozialraum_id"] ?? "", errors),
            FormPage.field(FormField(name: "household_size", label: "Haushaltsgröße (Personen)", kind: .number, optional: false), typed["household_size"] ?? "", errors),
            FormPage.field(FormField(name: "amount", label: "Bruttokaltmiete höchstens (Euro im Monat)", kind: .number,
                                     hint: "Kaltmiete und kalte Betriebskosten, zum Beispiel 512,50. Heizkosten werden gesondert geprüft.", optional: false),
                           typed["amount"] ?? "", errors),
            FormPage.field(FormField(name: "valid_from", label: "Gültig ab", kind: .date, hint: "Datum, zum Beispiel 2026-01-01.", optional: false),
                           typed["valid_from"] ?? "", errors),
        ].map { $0["field"] }
        var page: [String: TemplateValue] = ["limits": .array(limits), "count": .int(limits.count), "fields": .array(fields),
                                             "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.page("wohnungen/mietobergrenzen", title: (errors.isEmpty ? "" : "Fehler: ") + "Mietobergrenzen", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/mietobergrenzen`.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed: [String: String] = [:]
        for name in fieldNames { typed[name] = input.text(name) }
        do {
            let draft = RentLimits.Draft(sozialraumID: typed["sozialraum_id"]!, householdSize: typed["household_size"]!,
                                         amount: typed["amount"]!, validFrom: typed["valid_from"]!)
            try RentLimits(store: request.context.store, now: request.context.now()).add(draft, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.rentLimits))
        } catch let rejected as DirectoryWriter.Rejected {
            return try page(request, typed: typed, errors: FormErrors(rejected))
        }
    }

    /// `POST /koordination/mietobergrenzen/:id/entfernen`.
    static func remove(_ request: PageRequest) throws -> Response {
        let account = try request.account
        try RentLimits(store: request.context.store, now: request.context.now()).remove(request.id, by: account)
        return .redirect(to: URLs.with(notice: "entfernt", URLs.rentLimits))
    }
}

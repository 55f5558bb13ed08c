// HousingQuotaPage: `/koordination/wohnungen/quoten` — the coordinators record each housing
// company's yearly quota of flats by household-size class: the year's quotas as a table, and
// the form (filled for `?unternehmen=…&jahr=…`), checked with German errors and the input kept;
// every change audited by HousingQuotas. Unknown filter values are refused (400).
import HTTP
import LotseCore
import Templating

/// The quota tools.
enum HousingQuotaPage {
    /// `GET /koordination/wohnungen/quoten`.
    static func show(_ request: PageRequest) throws -> Response {
        let reporting = HousingFiguresReporting(store: request.context.store, now: request.context.now())
        let year = try reporting.year(request.queryValue("jahr"))
        var typed = ["organization_id": "", "year": String(year)]
        if let company = try reporting.company(request.queryValue("unternehmen")) {
            typed["organization_id"] = company
            let quota = try HousingQuotas(store: request.context.store, now: request.context.now()).quota(organizationID: company, year: year)
            for kind in HouseholdClass.allCases { typed[kind.field] = quota?.flats[kind].map(String.init) ?? "" }
        }
        return try page(request, year: year, typed: typed, errors: FormErrors())
    }

    /// The year's quotas and the form, with `typed` values and `errors`.
    static func page(_ request: PageRequest, year: Int, typed: [String: String], errors: FormErrors) throws -> Response {
        let quotas = HousingQuotas(store: request.context.store, now: request.context.now())
        let companies = try quotas.companies()
        let rows = try quotas.all(year: year).map { quota -> TemplateValue in
            .object(["company": .string(quota.organizationName),
                     "flats": .array(HouseholdClass.allCases.map { .string(quota.flats[$0].map(String.init) ?? "–") }),
                     "total": .int(quota.total),
                     "editURL": .string(URLs.housingQuotas([("unternehmen", quota.organizationID), ("jahr", String(year))])),
                     "figuresURL": .string(URLs.housingFigures([("jahr", String(year)), ("unternehmen", quota.organizationID)]))])
        }
        var fields = [
            FormPage.field(FormField(name: "organization_id", label: "Wohnungsunternehmen oder -genossenschaft", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + companies.map { .init(value: $0.id, label: $0.name) }),
                           typed["organization_id"] ?? "", errors),
            FormPage.field(FormField(name: "year", label: "Jahr", kind: .number, hint: "Das Kalenderjahr der Vereinbarung, zum Beispiel \(year).",
                                     optional: false), typed["year"] ?? "", errors),
        ]
        for kind in HouseholdClass.allCases {
            fields.append(FormPage.field(FormField(name: kind.field, label: "Wohnungen für Haushalte mit \(kind.label)", kind: .number,
                                                   hint: kind == .one ? "Leer lassen, wenn für diese Haushaltsgröße keine Quote vereinbart ist." : nil),
                                         typed[kind.field] ?? "", errors))
        }
        var page: [String: TemplateValue] = [
            "year": .int(year), "quotas": .array(rows), "count": .int(rows.count), "fields": .array(fields.map { $0["field"] }),
            "classes": .array(HouseholdClass.allCases.map { .string($0.label) }),
            "previousURL": .string(URLs.housingQuotas([("jahr", String(year - 1))])), "previous": .int(year - 1),
            "nextURL": .string(URLs.housingQuotas([("jahr", String(year + 1))])), "next": .int(year + 1),
            "figuresURL": .string(URLs.housingFigures([("jahr", String(year))])),
            "notice": TemplateValue(CoordinationNotice.text(request)),
        ]
        for (key, value) in errors.context { page[key] = value }
        return try request.page("wohnungen/quoten", title: (errors.isEmpty ? "" : "Fehler: ") + "Wohnungsquoten \(year)", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/wohnungen/quoten`.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed: [String: String] = [:]
        for name in ["organization_id", "year"] + HouseholdClass.allCases.map(\.field) { typed[name] = input.text(name) }
        let quotas = HousingQuotas(store: request.context.store, now: request.context.now())
        do {
            var flats: [HouseholdClass: String] = [:]
            for kind in HouseholdClass.allCases { flats[kind] = typed[kind.field] ?? "" }
            let saved = try quotas.save(.init(organizationID: typed["organization_id"] ?? "", year: typed["year"] ?? "", flats: flats), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.housingQuotas([("jahr", String(saved.year))])))
        } catch let rejected as DirectoryWriter.Rejected {
            let shown = Int(typed["year"] ?? "").flatMap { HousingQuotas.years.contains($0) ? $0 : nil } ?? quotas.currentYear
            return try page(request, year: shown, typed: typed, errors: FormErrors(rejected))
        }
    }
}

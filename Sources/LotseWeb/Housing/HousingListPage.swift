// HousingListPage: `/wohnungen` (and its JSON twin) — the flat offers of the network's housing
// companies and cooperatives for signed-in members, with filters (Sozialraum, rooms, maximum
// rent, barrier-free features, household size) and the rent check per household size. Street
// and house number appear only for whom the offer reveals them to.
import HTTP
import LotseCore
import Templating

/// The network's flat offers.
enum HousingListPage {
    /// `GET /wohnungen`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        var filter = HousingOffers.Filter()
        var errors = FormErrors()
        let area = request.queryValue("sozialraum") ?? ""
        if !area.isEmpty { filter.sozialraumID = area }
        let rooms = request.queryValue("zimmer") ?? ""
        if !rooms.isEmpty {
            if let tenths = Euro.parseTenths(rooms) { filter.minRoomsTenths = tenths } else { errors.add("zimmer", "»\(rooms)« ist keine Zimmerzahl (zum Beispiel 2 oder 2,5).") }
        }
        let rent = request.queryValue("miete") ?? ""
        if !rent.isEmpty {
            if let cents = Euro.cents(rent) { filter.maxTotalCents = cents } else { errors.add("miete", "»\(rent)« ist kein Betrag in Euro (zum Beispiel 650).") }
        }
        let household = request.queryValue("haushalt") ?? ""
        if !household.isEmpty {
            if let size = Int(household), (1...12).contains(size) { filter.householdSize = size } else { errors.add("haushalt", "Bitte eine Haushaltsgröße von 1 bis 12 angeben.") }
        }
        let features = try offers.features()
        let known = Set(features.map(\.code))
        filter.features = request.queryValues("merkmal").filter { known.contains($0) }
        let labels = Dictionary(features.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let listings = errors.isEmpty ? try offers.listed(filter) : []
        let areas = [FormField.Option(value: "", label: "– alle –")] + (try SozialraumTreePage.options(request.context))
        let fields = [
            FormField(name: "sozialraum", label: "Sozialraum", kind: .select, options: areas).context(area, errors: errors),
            FormField(name: "zimmer", label: "Zimmer mindestens", kind: .number).context(rooms, errors: errors),
            FormField(name: "miete", label: "Gesamtmiete höchstens (Euro)", kind: .number, hint: "Kaltmiete, Betriebs- und Heizkosten.").context(rent, errors: errors),
            FormField(name: "haushalt", label: "Haushaltsgröße (Personen)", kind: .number).context(household, errors: errors),
        ]
        let group = ChoiceGroup(name: "merkmal", legend: "Barrierefreiheit (alle müssen zutreffen)", hint: nil,
                                sections: [.init(heading: nil, choices: features.map { .init(value: $0.code, label: $0.label) })])
        var page: [String: TemplateValue] = [
            "fields": .array(fields), "features": group.context(checked: Set(filter.features), errors: errors),
            "offers": .array(listings.map { listing in
                guard account.role == .counselor, listing.offer.status == .available,
                      case .object(var values) = HousingOfferView.context(listing, for: account, features: labels) else {
                    return HousingOfferView.context(listing, for: account, features: labels)
                }
                values["proposeURL"] = .string(URLs.newHousingProposal(listing.offer.id))
                return .object(values)
            }), "count": .int(listings.count),
            "isCoordinator": .bool(account.role == .coordinator), "mayPropose": .bool(account.role == .counselor || account.role == .provider),
        ]
        for (key, value) in errors.context { page[key] = value }
        return try request.page("wohnungen/liste", title: (errors.isEmpty ? "" : "Fehler: ") + "Freie Wohnungen", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }
}

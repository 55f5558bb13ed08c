// HousingEditorPages: `/pflege/wohnungen` — the editors of a housing company or cooperative
// keep their flat offers: list, create, edit, and let, withdraw or offer again. Everyone
// else gets 403 from HousingOffers (other providers, coordinators). Holding a flat is not
// here: only the hold workflow moves an offer to "held".
import HTTP
import LotseCore
import Templating

/// The housing company's offer pages.
enum HousingEditorPages {
    /// `GET /pflege/wohnungen`.
    static func list(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        let organizations = try offers.requireHousingEditor(account)
        let labels = Dictionary(try offers.features().map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let listings = try offers.offers(of: organizations.map(\.id)).map { listing -> TemplateValue in
            guard case .object(var values) = HousingOfferView.context(listing, for: account, features: labels) else { return .null }
            values["editURL"] = .string(URLs.housingOffer(listing.offer.id))
            values["statusURL"] = .string(URLs.housingOfferStatus(listing.offer.id))
            values["actions"] = .array(HousingOfferLifecycle.events(from: listing.offer.status, for: .companyEditor).map {
                .object(["event": .string($0.rawValue), "label": .string($0.label)])
            })
            return .object(values)
        }
        let notice: String? = switch request.notice {
        case "gespeichert": "Das Wohnungsangebot ist gespeichert."
        case "status": "Der Status ist geändert."
        default: nil
        }
        return try request.page("pflege/wohnungen", title: "Wohnungsangebote", context: [
            "offers": .array(listings), "count": .int(listings.count), "notice": TemplateValue(notice),
            "organizations": .string(organizations.map(\.name).joined(separator: ", ")),
        ])
    }

    /// `GET /pflege/wohnungen/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        let organizations = try offers.requireHousingEditor(account)
        var draft = HousingOffers.Draft()
        draft.organizationID = organizations[0].id
        return try form(request, draft: draft, offerID: nil, organizations: organizations, errors: FormErrors())
    }

    /// `POST /pflege/wohnungen/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        let organizations = try offers.requireHousingEditor(account)
        let draft = try draft(request)
        do {
            try offers.create(draft, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.housingEditor))
        } catch let rejected as DirectoryWriter.Rejected {
            return try form(request, draft: draft, offerID: nil, organizations: organizations, errors: FormErrors(rejected))
        }
    }

    /// `GET /pflege/wohnungen/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        let offer = try offers.ownOffer(request.id, for: account)
        return try form(request, draft: HousingOffers.draft(of: offer), offerID: offer.id,
                        organizations: try offers.housingOrganizations(of: account), errors: FormErrors())
    }

    /// `POST /pflege/wohnungen/:id`.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        let offer = try offers.ownOffer(request.id, for: account)
        var draft = try draft(request)
        draft.organizationID = offer.organizationID
        do {
            try offers.update(offer.id, draft, by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.housingEditor))
        } catch let rejected as DirectoryWriter.Rejected {
            return try form(request, draft: draft, offerID: offer.id, organizations: try offers.housingOrganizations(of: account),
                            errors: FormErrors(rejected))
        }
    }

    /// `POST /pflege/wohnungen/:id/status` with `ereignis` = let, withdraw or reoffer.
    static func changeStatus(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        _ = try offers.ownOffer(request.id, for: account)
        guard let event = HousingOfferLifecycle.Event(rawValue: try request.input.text("ereignis")) else {
            throw LotseError(.invalidInput, "Bitte einen Schritt wählen: vermietet, zurückziehen oder wieder anbieten.")
        }
        try offers.change(request.id, event, by: account)
        return .redirect(to: URLs.with(notice: "status", URLs.housingEditor))
    }

    /// The draft as typed.
    static func draft(_ request: PageRequest) throws -> HousingOffers.Draft {
        let input = try request.input
        var draft = HousingOffers.Draft()
        draft.organizationID = input.text("organization_id")
        draft.sozialraumID = input.text("sozialraum_id")
        draft.street = input.text("street")
        draft.houseNumber = input.text("house_number")
        draft.postalCode = input.text("postal_code")
        draft.showStreet = input.text("show_street") == "ja"
        draft.rooms = input.text("rooms")
        draft.size = input.text("size")
        draft.coldRent = input.text("cold_rent")
        draft.runningCosts = input.text("running_costs")
        draft.heating = input.text("heating")
        draft.features = input.values("features")
        draft.availableFrom = input.text("available_from")
        draft.wbsRequired = input.text("wbs_required") == "ja"
        draft.householdMin = input.text("household_min")
        draft.householdMax = input.text("household_max")
        draft.quota = input.text("quota")
        draft.description = input.text("description")
        return draft
    }

    /// The form with `draft`'s values and `errors` (400 when there are any).
    static func form(_ request: PageRequest, draft: HousingOffers.Draft, offerID: String?,
                     organizations: [(id: String, name: String)], errors: FormErrors) throws -> Response {
        let offers = HousingOffers(store: request.context.store, now: request.context.now())
        var page = FormPage(heading: offerID == nil ? "Neues Wohnungsangebot" : "Wohnungsangebot bearbeiten",
                            action: offerID.map(URLs.housingOffer) ?? URLs.newHousingOffer,
                            submitLabel: offerID == nil ? "Wohnungsangebot einstellen" : "Speichern", back: (URLs.housingEditor, "Zurück zu den Wohnungsangeboten"))
        page.intro = "Das Angebot sehen nur angemeldete Mitglieder des Netzwerks, nie die Öffentlichkeit. Hausnummer und Postleitzahl sieht außer Ihnen nur das Team, für das die Wohnung während der Kostenübernahme reserviert ist."
        let yesNo = [FormField.Option(value: "nein", label: "nein"), FormField.Option(value: "ja", label: "ja")]
        var place: [TemplateValue] = []
        if offerID == nil && organizations.count > 1 {
            place.append(FormPage.field(FormField(name: "organization_id", label: "Wohnungsunternehmen", kind: .select, optional: false,
                                                  options: organizations.map { .init(value: $0.id, label: $0.name) }), draft.organizationID, errors))
        } else {
            page.hidden.append(("organization_id", draft.organizationID))
        }
        place += [
            FormPage.field(FormField(name: "sozialraum_id", label: "Sozialraum", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + (try SozialraumTreePage.options(request.context))), draft.sozialraumID, errors),
            FormPage.field(FormField(name: "street", label: "Straße", optional: false, spellcheck: false), draft.street, errors),
            FormPage.field(FormField(name: "house_number", label: "Hausnummer", spellcheck: false), draft.houseNumber, errors),
            FormPage.field(FormField(name: "postal_code", label: "Postleitzahl", kind: .number), draft.postalCode, errors),
            FormPage.field(FormField(name: "show_street", label: "Straße schon vor einer Reservierung zeigen?", kind: .radios,
                                     hint: "Die Hausnummer bleibt bis zur Reservierung immer verborgen.", optional: false, options: yesNo),
                           draft.showStreet ? "ja" : "nein", errors),
        ]
        page.section("Lage", place)
        page.section("Wohnung", [
            FormPage.field(FormField(name: "rooms", label: "Zimmer", kind: .number, hint: "Zum Beispiel 2 oder 2,5.", optional: false), draft.rooms, errors),
            FormPage.field(FormField(name: "size", label: "Wohnfläche in m²", kind: .number, optional: false), draft.size, errors),
            FormPage.field(FormField(name: "available_from", label: "Frei ab", kind: .date, hint: "Datum, zum Beispiel 2026-03-01.", optional: false),
                           draft.availableFrom, errors),
            FormPage.field(FormField(name: "wbs_required", label: "Wohnberechtigungsschein nötig?", kind: .radios, optional: false, options: yesNo),
                           draft.wbsRequired ? "ja" : "nein", errors),
            FormPage.field(FormField(name: "household_min", label: "Passt für Haushalte ab (Personen)", kind: .number, optional: false), draft.householdMin, errors),
            FormPage.field(FormField(name: "household_max", label: "Passt für Haushalte bis (Personen)", kind: .number, optional: false), draft.householdMax, errors),
            FormPage.field(FormField(name: "quota", label: "Kontingent", hint: "Zum Beispiel ein Kooperationsvertrag oder geschütztes Marktsegment, auf das die Wohnung angerechnet wird."),
                           draft.quota, errors),
            FormPage.field(FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 3), draft.description, errors),
        ])
        page.section("Miete im Monat", text: "So aufgeteilt, wie die Kostenträger sie prüfen (Euro, zum Beispiel 412,50).", [
            FormPage.field(FormField(name: "cold_rent", label: "Kaltmiete", kind: .number, optional: false), draft.coldRent, errors),
            FormPage.field(FormField(name: "running_costs", label: "Kalte Betriebskosten", kind: .number, optional: false), draft.runningCosts, errors),
            FormPage.field(FormField(name: "heating", label: "Heizkosten", kind: .number, optional: false), draft.heating, errors),
        ])
        let group = ChoiceGroup(name: "features", legend: "Barrierefreiheit", hint: nil,
                                sections: [.init(heading: nil, choices: try offers.features().map { .init(value: $0.code, label: $0.label) })])
        page.section("Barrierefreiheit", [FormPage.choices(group, Set(draft.features), errors)])
        return try page.render(request, errors: errors)
    }
}

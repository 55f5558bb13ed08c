// ServiceView: the template context of the public service page, built from the service's
// HSDS tree (already filtered for the audience). Sections that need more rules — costs,
// capacity, verification — are in ServiceView+Details.swift.
import LotseCore
import Templating

/// Context of the service page.
enum ServiceView {
    /// The context for `node` (DirectoryReader.service, full detail); `today` is the Berlin
    /// date (`YYYY-MM-DD`) used for opening hours and staleness.
    static func context(_ node: HSDSNode, today: String) -> [String: TemplateValue] {
        let record = node.record
        let organization = node.node("organization")?.record
        let status = ServiceStatus(rawValue: record.text("status") ?? "") ?? .active
        let locations = node.nodes("service_at_locations").compactMap { placement -> TemplateValue? in
            guard let location = placement.node("location") else { return nil }
            return .object(LocationView.context(location, placement: placement, today: today))
        }
        let hasLocationHours = locations.contains { $0["openingHours"].isTruthy }
        // Schedules of a placement or location are shown with it (and not at all when it is hidden).
        let ownSchedules = node.nodes("schedules").map(\.record)
            .filter { $0.text("service_at_location_id") == nil && $0.text("location_id") == nil }
        let serviceHours = OpeningHours.context(ownSchedules, today: today)
        let languages = node.nodes("languages").compactMap { $0.record.text("name") ?? $0.record.text("code") }
        let areas = node.nodes("service_areas").compactMap { area -> TemplateValue? in
            let sozialraum = area.node("sozialraum")?.record
            guard let name = sozialraum?.text("name") ?? area.record.text("name") else { return nil }
            return .object(["name": .string(name), "url": TemplateValue(sozialraum?.text("code").map(URLs.sozialraum))])
        }
        var context: [String: TemplateValue] = [
            "id": .string(record.id),
            "name": .string(record.text("name") ?? "Angebot"),
            "alternateName": TemplateValue(record.text("alternate_name")),
            "description": TemplateValue(record.text("description")),
            "status": .object(["code": .string(status.rawValue), "label": .string(status.label)]),
            "isTemporarilyClosed": .bool(status == .temporarilyClosed),
            "alert": TemplateValue(record.text("alert")),
            "organization": organization.map(organizationLink) ?? .null,
            "program": TemplateValue(node.node("program")?.record.text("name")),
            "needs": .array(terms(node, .need)),
            "targetGroups": .array(terms(node, .targetGroup)),
            "legalBases": .array(terms(node, .legalBasis)),
            "funding": .array(node.nodes("funding").compactMap { $0.record.text("source") }.map(TemplateValue.string)),
            "eligibility": TemplateValue(record.text("eligibility_description")),
            "ages": TemplateValue(ages(minimum: record.number("minimum_age"), maximum: record.number("maximum_age"))),
            "applicationProcess": TemplateValue(record.text("application_process")),
            "waitTime": TemplateValue(record.text("wait_time")),
            "interpretationServices": TemplateValue(record.text("interpretation_services")),
            "serviceAreas": .array(areas),
            "locations": .array(locations),
            "openingHours": .array(serviceHours),
            "hasOpeningHours": .bool(hasLocationHours || !serviceHours.isEmpty),
            "languages": TemplateValue(languages.isEmpty ? nil : GermanFormat.list(languages)),
            "phones": .array(ContactView.phones(node.nodes("phones"))),
            "contacts": .array(ContactView.contacts(node.nodes("contacts"))),
            "email": ContactView.email(record.text("email")),
            "website": ContactView.website(record.text("url")),
            "links": .array(node.nodes("additional_urls").compactMap { url in
                let link = ContactView.website(url.record.text("url"), label: url.record.text("label"))
                return link == .null ? nil : link
            }),
            "requiredDocuments": .array(node.nodes("required_documents").compactMap { document in
                guard let text = document.record.text("document") else { return nil }
                return .object(["document": .string(text), "href": TemplateValue(document.record.text("uri").flatMap(URLs.external))])
            }),
            "jsonURL": .string(URLs.json(URLs.service(record.id))),
            "apiURL": .string(URLs.apiService(record.id)),
        ]
        context["hasContact"] = .bool(context["phones"]!.isTruthy || context["contacts"]!.isTruthy
                                      || context["email"]! != .null || context["website"]! != .null || context["links"]!.isTruthy)
        context["costs"] = costs(node)
        context["capacity"] = capacity(node)
        context["verification"] = verification(record, organization: organization, today: today)
        return context
    }

    /// A link to an organization: `name`, `url`, `kind` (German).
    static func organizationLink(_ record: Record) -> TemplateValue {
        .object([
            "name": .string(record.text("name") ?? "Organisation"),
            "url": .string(URLs.organization(record.id)),
            "kind": TemplateValue(record.text("kind").flatMap(OrganizationKind.init(rawValue:))?.label),
        ])
    }

    /// The terms of one of Lotse's taxonomies attached to the service, each with `code`,
    /// `name` and `url` (the results page filtered by it), in attribute order.
    static func terms(_ node: HSDSNode, _ taxonomy: TaxonomyCode) -> [TemplateValue] {
        node.nodes("attributes").compactMap { attribute in
            guard let term = attribute.node("taxonomy_term"),
                  term.node("taxonomy_detail")?.record.text("code") == taxonomy.rawValue,
                  let code = term.record.text("code"), let name = term.record.text("name") else { return nil }
            var query = SearchQuery()
            switch taxonomy {
            case .need: query.needs = [code]
            case .targetGroup: query.targetGroups = [code]
            case .legalBasis: query.legalBases = [code]
            case .accessibility: query.accessibility = [code]
            }
            return .object(["code": .string(code), "name": .string(name), "url": .string(URLs.search(query))])
        }
    }

    /// "ab 60 Jahren", "bis 27 Jahre", "14 bis 27 Jahre"; nil without limits.
    static func ages(minimum: Double?, maximum: Double?) -> String? {
        switch (minimum, maximum) {
        case let (low?, high?): return "\(GermanFormat.number(low)) bis \(GermanFormat.number(high)) Jahre"
        case let (low?, nil): return "ab \(GermanFormat.number(low)) Jahren"
        case let (nil, high?): return "bis \(GermanFormat.number(high)) Jahre"
        case (nil, nil): return nil
        }
    }
}

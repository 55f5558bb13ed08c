// LocationView: the template context of one visible location — name, addresses, Sozialraum
// link, position, how to get there, phones, opening hours, languages and accessibility —
// shared by the service, organization and print pages.
import LotseCore
import Templating

/// Context of a location block.
enum LocationView {
    /// The context of `location` (a node from DirectoryReader, already filtered for the
    /// audience). With `placement` (the service_at_location node), its own schedules, phones
    /// and contacts come first.
    static func context(_ location: HSDSNode, placement: HSDSNode? = nil, today: String) -> [String: TemplateValue] {
        let record = location.record
        let type = record.text("location_type") ?? "physical"
        var schedules = placement?.nodes("schedules").map(\.record) ?? []
        schedules += location.nodes("schedules").map(\.record)
        let hours = OpeningHours.context(schedules, today: today)
        let phones = ContactView.phones((placement?.nodes("phones") ?? []) + location.nodes("phones"))
        let contacts = ContactView.contacts((placement?.nodes("contacts") ?? []) + location.nodes("contacts"))
        var coordinates: String?
        if type == "physical", let latitude = record.number("latitude"), let longitude = record.number("longitude") {
            coordinates = GermanFormat.coordinates(latitude: latitude, longitude: longitude)
        }
        let features = location.nodes("attributes").compactMap { attribute -> TemplateValue? in
            guard let term = attribute.node("taxonomy_term"),
                  term.node("taxonomy_detail")?.record.text("code") == TaxonomyCode.accessibility.rawValue,
                  let name = term.record.text("name") else { return nil }
            return .string(name)
        }
        let accessibilityNotes = location.nodes("accessibility").compactMap { node -> TemplateValue? in
            let parts = [node.record.text("description"), node.record.text("details")].compactMap { $0 }
            return parts.isEmpty ? nil : .string(parts.joined(separator: " "))
        }
        let languages = location.nodes("languages").compactMap { $0.record.text("name") ?? $0.record.text("code") }
        let area = location.node("sozialraum").flatMap { node -> TemplateValue? in
            guard let code = node.record.text("code"), let name = node.record.text("name") else { return nil }
            return .object(["name": .string(name), "url": .string(URLs.sozialraum(code))])
        }
        return [
            "id": .string(record.id),
            "name": .string(record.text("name") ?? (type == "virtual" ? "Telefon und online" : "Standort")),
            "type": .string(typeLabel(type)),
            "isVirtual": .bool(type == "virtual"),
            "description": TemplateValue(placement?.record.text("description") ?? record.text("description")),
            "addresses": .array(location.nodes("addresses").map(address)),
            "sozialraum": area ?? .null,
            "coordinates": TemplateValue(coordinates),
            "transportation": TemplateValue(record.text("transportation")),
            "website": ContactView.website(record.text("url")),
            "phones": .array(phones),
            "contacts": .array(contacts),
            "openingHours": .array(hours),
            "languages": TemplateValue(languages.isEmpty ? nil : GermanFormat.list(languages)),
            "accessibility": .array(features),
            "accessibilityNotes": .array(accessibilityNotes),
        ]
    }

    /// An address: `lines` (street lines, then postal code and city), `attention`, `kind`
    /// ("Postanschrift" for postal addresses, else null).
    static func address(_ node: HSDSNode) -> TemplateValue {
        let record = node.record
        var lines = [record.text("address_1"), record.text("address_2")].compactMap { $0 }
        let city = [record.text("postal_code"), record.text("city")].compactMap { $0 }.joined(separator: " ")
        if !city.isEmpty { lines.append(city) }
        return .object([
            "lines": .array(lines.map(TemplateValue.string)),
            "oneLine": .string(lines.joined(separator: ", ")),
            "attention": TemplateValue(record.text("attention")),
            "kind": TemplateValue(record.text("address_type") == "postal" ? "Postanschrift" : nil),
        ])
    }

    /// German label of an HSDS location type.
    static func typeLabel(_ type: String) -> String {
        switch type {
        case "virtual": "telefonisch oder online"
        case "postal": "Postanschrift"
        default: "vor Ort"
        }
    }
}

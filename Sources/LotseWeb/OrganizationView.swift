// OrganizationView: the template context of the public organization page — description, kind,
// membership, contact, its services and locations, and its cooperations in the network.
import LotseCore
import Templating

/// Context of the organization page.
enum OrganizationView {
    /// The context for `node` (DirectoryReader.organization, full detail, already filtered for
    /// the audience); `today` is the Berlin date for opening hours and staleness.
    static func context(_ node: HSDSNode, today: String) -> [String: TemplateValue] {
        let record = node.record
        let kind = record.text("kind").flatMap(OrganizationKind.init(rawValue:))
        let membership = record.text("membership_status").flatMap(MembershipStatus.init(rawValue:))
        let services = node.nodes("services").map { service -> TemplateValue in
            let status = ServiceStatus(rawValue: service.record.text("status") ?? "") ?? .active
            return .object([
                "name": .string(service.record.text("name") ?? "Angebot"),
                "url": .string(URLs.service(service.record.id)),
                "status": TemplateValue(status == .active ? nil : status.label),
            ])
        }
        let cooperations = node.nodes("cooperations").compactMap { cooperation -> TemplateValue? in
            guard let partner = cooperation.node("partner")?.record else { return nil }
            let area = cooperation.node("sozialraum")?.record
            return .object([
                "partner": ServiceView.organizationLink(partner),
                "topic": TemplateValue(cooperation.record.text("topic")),
                "since": TemplateValue(GermanFormat.date(cooperation.record.text("since"))),
                "description": TemplateValue(cooperation.record.text("description")),
                "quartier": area.flatMap { area -> TemplateValue? in
                    guard let code = area.text("code"), let name = area.text("name") else { return nil }
                    return .object(["name": .string(name), "url": .string(URLs.sozialraum(code))])
                } ?? .null,
            ])
        }
        var context: [String: TemplateValue] = [
            "id": .string(record.id),
            "name": .string(record.text("name") ?? "Organisation"),
            "alternateName": TemplateValue(record.text("alternate_name")),
            "description": TemplateValue(record.text("description")),
            "kind": .object(["code": TemplateValue(kind?.rawValue), "label": TemplateValue(kind?.label)]),
            "legalStatus": TemplateValue(record.text("legal_status")),
            "yearIncorporated": TemplateValue(record.text("year_incorporated")),
            "membership": .object([
                "label": TemplateValue(membership?.label),
                "since": TemplateValue(GermanFormat.date(record.text("member_since"))),
            ]),
            "email": ContactView.email(record.text("email")),
            "website": ContactView.website(record.text("website")),
            "links": .array(node.nodes("additional_websites").compactMap { url in
                let link = ContactView.website(url.record.text("url"), label: url.record.text("label"))
                return link == .null ? nil : link
            }),
            "phones": .array(ContactView.phones(node.nodes("phones"))),
            "contacts": .array(ContactView.contacts(node.nodes("contacts"))),
            "identifiers": .array(node.nodes("organization_identifiers").compactMap { identifier in
                guard let value = identifier.record.text("identifier") else { return nil }
                return .object(["type": TemplateValue(identifier.record.text("identifier_type")), "identifier": .string(value)])
            }),
            "services": .array(services),
            "locations": .array(node.nodes("locations").map { .object(LocationView.context($0, today: today)) }),
            "cooperations": .array(cooperations),
            "verification": ServiceView.verification(record, organization: nil, today: today),
            "jsonURL": .string(URLs.json(URLs.organization(record.id))),
            "apiURL": .string(URLs.apiOrganization(record.id)),
        ]
        context["hasContact"] = .bool(context["phones"]!.isTruthy || context["contacts"]!.isTruthy
                                      || context["email"]! != .null || context["website"]! != .null || context["links"]!.isTruthy)
        return context
    }
}

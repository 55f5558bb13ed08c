// ContactView: template contexts for the ways to reach someone — phones, named contacts,
// e-mail addresses and web links — shared by the service, organization and print pages.
// Links are built only through URLs (tel:, mailto:, http(s) only).
import LotseCore
import Templating

/// Contexts for phones, contacts, e-mail and web links.
enum ContactView {
    /// German label of an HSDS phone type.
    static func phoneTypeLabel(_ type: String?) -> String {
        switch type {
        case "fax": "Fax"
        case "cell": "Mobil"
        case "text": "SMS"
        case "video": "Videotelefon"
        case "pager": "Pager"
        case "textphone": "Schreibtelefon"
        default: "Telefon"
        }
    }

    /// Phones: `number`, `extension`, `type` (German), `description`, `href` (tel:, or null),
    /// `languages` (names).
    static func phones(_ nodes: [HSDSNode]) -> [TemplateValue] {
        nodes.compactMap { node in
            let record = node.record
            guard let number = record.text("number") else { return nil }
            let languages = node.nodes("languages").compactMap { $0.record.text("name") ?? $0.record.text("code") }
            return .object([
                "number": .string(number),
                "extension": TemplateValue(record.text("extension")),
                "type": .string(phoneTypeLabel(record.text("type"))),
                "description": TemplateValue(record.text("description")),
                "href": TemplateValue(record.text("type") == "fax" ? nil : URLs.tel(number)),
                "languages": TemplateValue(languages.isEmpty ? nil : GermanFormat.list(languages)),
            ])
        }
    }

    /// Named contacts: `name`, `title`, `department`, `email` (see `email`), `phones`.
    static func contacts(_ nodes: [HSDSNode]) -> [TemplateValue] {
        nodes.compactMap { node in
            let record = node.record
            guard record.text("name") != nil || record.text("email") != nil || !node.nodes("phones").isEmpty else { return nil }
            return .object([
                "name": TemplateValue(record.text("name")),
                "title": TemplateValue(record.text("title")),
                "department": TemplateValue(record.text("department")),
                "email": email(record.text("email")),
                "phones": .array(phones(node.nodes("phones"))),
            ])
        }
    }

    /// An e-mail address: `address` and `href` (mailto:, or null when it does not look like one).
    static func email(_ address: String?) -> TemplateValue {
        guard let address else { return .null }
        return .object(["address": .string(address), "href": TemplateValue(URLs.mailto(address))])
    }

    /// A web link: `label` (or the address itself), `address` and `href` (http(s) only, else null).
    static func website(_ url: String?, label: String? = nil) -> TemplateValue {
        guard let url else { return .null }
        return .object(["label": .string(label ?? url), "address": .string(url), "href": TemplateValue(URLs.external(url))])
    }
}

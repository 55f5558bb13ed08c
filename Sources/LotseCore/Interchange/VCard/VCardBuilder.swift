// VCardBuilder: turns an organization bundle (read for one audience) into cards — one for the
// organization and one per named contact the audience may see. Nothing here decides
// visibility: the bundle holds only what DirectoryReader let through.
import Foundation

/// Builds the cards of an organization.
public enum VCardBuilder {
    /// The organization card followed by one card per named, visible contact (organization
    /// and location contacts). `categories` are the need categories of its services.
    public static func cards(_ bundle: OrganizationBundle, categories: [String]) -> [VCard] {
        let organization = bundle.organization
        let record = organization.record
        let name = record.text("name") ?? ""
        let revision = record.text("last_modified")
        var properties: [VCard.Property] = [
            VCard.Property("UID", .uri(uid(record.id))),
            VCard.Property("FN", .text(name)),
            VCard.Property("N", .structured(["", "", "", "", ""])),
            VCard.Property("ORG", .structured([name])),
        ]
        if let alternate = record.text("alternate_name") { properties.append(VCard.Property("NICKNAME", .text(alternate))) }
        var geo: VCard.Property?
        var phones: [VCard.Property] = organization.nodes("phones").map(telephone)
        for location in organization.nodes("locations") {
            for address in location.nodes("addresses") { properties.append(adr(address.record)) }
            if geo == nil, let latitude = location.record.number("latitude"), let longitude = location.record.number("longitude") {
                geo = VCard.Property("GEO", .geo(latitude: latitude, longitude: longitude))
            }
            phones += location.nodes("phones").map(telephone)
        }
        properties += phones
        if let email = record.text("email") { properties.append(VCard.Property("EMAIL", types: ["work"], .text(email))) }
        if let website = record.text("website") { properties.append(VCard.Property("URL", types: ["work"], .uri(website))) }
        for url in organization.nodes("additional_websites") {
            if let address = url.record.text("url") { properties.append(VCard.Property("URL", types: ["work"], .uri(address))) }
        }
        if let geo { properties.append(geo) }
        if !categories.isEmpty { properties.append(VCard.Property("CATEGORIES", .textList(categories))) }
        if let description = record.text("description") { properties.append(VCard.Property("NOTE", .text(description))) }
        if let revision { properties.append(VCard.Property("REV", .timestamp(revision))) }
        var cards = [VCard(kind: .org, properties: properties)]

        var contacts = organization.nodes("contacts")
        for location in organization.nodes("locations") { contacts += location.nodes("contacts") }
        var seen = Set<String>()
        for contact in contacts where seen.insert(contact.record.id).inserted {
            guard let person = contact.record.text("name") else { continue }
            var card: [VCard.Property] = [
                VCard.Property("UID", .uri(uid(contact.record.id))),
                VCard.Property("FN", .text(person)),
                VCard.Property("N", .structured(structuredName(person))),
                VCard.Property("ORG", .structured([name] + (contact.record.text("department").map { [$0] } ?? []))),
            ]
            if let title = contact.record.text("title") { card.append(VCard.Property("TITLE", .text(title))) }
            card += contact.nodes("phones").map(telephone)
            if let email = contact.record.text("email") { card.append(VCard.Property("EMAIL", types: ["work"], .text(email))) }
            if let revision { card.append(VCard.Property("REV", .timestamp(revision))) }
            cards.append(VCard(kind: .individual, properties: card))
        }
        return cards
    }

    /// `urn:uuid:` of a record id; ids that are not UUIDs get a stable name-based UUID.
    public static func uid(_ id: String) -> String {
        if let uuid = UUID(uuidString: id) { return "urn:uuid:" + uuid.uuidString.lowercased() }
        var bytes = Array(Crypto.sha256(Array("lotse:\(id)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50   // version 5 layout (name-based)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Crypto.hex(bytes)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "urn:uuid:" + parts.joined(separator: "-")
    }

    /// N components (family; given; additional; prefix; suffix) of a contact's name: a
    /// leading academic title is the prefix; two words are given and family name; anything
    /// else (a team, several people) stays whole as the family name.
    public static func structuredName(_ name: String) -> [String] {
        var words = name.split(separator: " ").map(String.init)
        var prefix: [String] = []
        while let first = words.first, ["Dr.", "Prof.", "Dipl.-Ing."].contains(first), words.count > 1 {
            prefix.append(first)
            words.removeFirst()
        }
        if words.count == 2 { return [words[1], words[0], "", prefix.joined(separator: " "), ""] }
        return [words.joined(separator: " "), "", "", prefix.joined(separator: " "), ""]
    }

    private static func adr(_ address: Record) -> VCard.Property {
        let postal = address.text("address_type") == "postal"
        let region = address.text("region") ?? address.text("state_province") ?? ""
        return VCard.Property("ADR", types: postal ? ["work", "postal"] : ["work"], .structured([
            "", address.text("address_2") ?? "", address.text("address_1") ?? "", address.text("city") ?? "",
            region, address.text("postal_code") ?? "", countryName(address.text("country") ?? ""),
        ]))
    }

    private static func countryName(_ code: String) -> String {
        code.uppercased() == "DE" ? "Deutschland" : code
    }

    private static func telephone(_ phone: HSDSNode) -> VCard.Property {
        let type = phone.record.text("type") ?? "voice"
        return VCard.Property("TEL", types: ["work", type], .telephone(number: phone.record.text("number") ?? "", extension: phone.record.text("extension")))
    }
}

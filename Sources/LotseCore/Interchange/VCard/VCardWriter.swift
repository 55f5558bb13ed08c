// VCardWriter: writes VCard values as vCard 3.0 (RFC 2426) or 4.0 (RFC 6350) text — CRLF,
// folded at 75 octets, escaped per version — mapping TYPE values to what each version allows.

/// Serialises cards as vCard text.
public struct VCardWriter: Sendable {
    /// The version written.
    public let version: VCardVersion

    /// Creates a writer.
    public init(version: VCardVersion) { self.version = version }

    /// The product identifier written into every card.
    public static let productID = "-//Lotse//Verzeichnis//DE"

    /// The complete card: BEGIN … END, each line folded and CRLF-terminated.
    public func write(_ card: VCard) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        func line(_ text: String) { VCardText.fold(text, into: &out) }
        line("BEGIN:VCARD")
        line("VERSION:\(version.rawValue)")
        line("PRODID:" + VCardText.escape(Self.productID, version: version, position: .text))
        if version == .v4 { line("KIND:\(card.kind.rawValue)") }
        for property in card.properties {
            if let text = contentLine(property) { line(text) }
        }
        line("END:VCARD")
        return out
    }

    /// The unfolded content line of a property, or nil when the version has no place for it.
    func contentLine(_ property: VCard.Property) -> String? {
        let name = property.name
        var parameters: [String] = []
        let types = mappedTypes(property)
        if !types.isEmpty { parameters.append("TYPE=" + types.joined(separator: ",")) }
        let value: String
        switch property.value {
        case .text(let text):
            value = VCardText.escape(text, version: version, position: .text)
        case .textList(let items):
            value = items.map { VCardText.escape($0, version: version, position: .listItem) }.joined(separator: ",")
        case .structured(let components):
            value = components.map { VCardText.escape($0, version: version, position: .component) }.joined(separator: ";")
        case .uri(let uri):
            value = uri
        case .telephone(let number, let ext):
            if version == .v4 {
                parameters.insert("VALUE=uri", at: 0)
                value = Self.telURI(number, extension: ext)
            } else {
                value = VCardText.escape(ext.map { "\(number)-\($0)" } ?? number, version: version, position: .text)
            }
        case .geo(let latitude, let longitude):
            value = version == .v4 ? "geo:\(Self.coordinate(latitude)),\(Self.coordinate(longitude))"
                                   : "\(Self.coordinate(latitude));\(Self.coordinate(longitude))"
        case .timestamp(let instant):
            value = version == .v4 ? Self.basicTimestamp(instant) : instant
        }
        return ([name] + parameters).joined(separator: ";") + ":" + value
    }

    /// TYPE values allowed for the property in this version (RFC 2426 §3 lists per property;
    /// RFC 6350 and the xCard schema allow work/home, and for TEL the telephone types).
    func mappedTypes(_ property: VCard.Property) -> [String] {
        switch (version, property.name) {
        case (.v3, "EMAIL"):
            return ["internet"]
        case (.v3, "TEL"):
            return property.types.compactMap { type in
                switch type {
                case "text": "msg"
                case "textphone": nil
                default: type
                }
            }
        case (.v3, "ADR"):
            return property.types.filter { ["work", "home", "postal", "parcel", "dom", "intl", "pref"].contains($0) }
        case (.v3, _):
            return []
        case (.v4, "TEL"):
            return property.types
        case (.v4, _):
            return property.types.filter { $0 == "work" || $0 == "home" }
        }
    }

    /// `tel:` URI of a number (RFC 3966): visual separators become hyphens.
    public static func telURI(_ number: String, extension ext: String?) -> String {
        var digits = ""
        for character in number {
            if character.isNumber || character == "+" { digits.append(character) }
            else if character == " " || character == "-" || character == "/" || character == "(" || character == ")" {
                if !digits.isEmpty && digits.last != "-" { digits.append("-") }
            }
        }
        while digits.last == "-" { digits.removeLast() }
        if let ext, !ext.isEmpty { digits += ";ext=" + ext.filter(\.isNumber) }
        return "tel:" + digits
    }

    /// `2026-11-01T08:00:00Z` → `20261101T080000Z` (RFC 6350 §4.3.5 timestamp).
    public static func basicTimestamp(_ instant: String) -> String {
        instant.filter { $0 != "-" && $0 != ":" }
    }

    /// A coordinate with at most six decimals, no exponent.
    static func coordinate(_ value: Double) -> String {
        let plain = "\(value)"
        if !plain.contains("e"), let dot = plain.firstIndex(of: "."), plain.distance(from: dot, to: plain.endIndex) <= 7 {
            return plain.hasSuffix(".0") ? String(plain.dropLast(2)) : plain
        }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

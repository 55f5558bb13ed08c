// XCardWriter: writes VCard values as xCard (RFC 6351), valid against the RFC's RELAX NG
// schema: TYPE values only from its enumerations, structured values as named components,
// timestamps in basic format.

/// Serialises cards as xCard XML.
public enum XCardWriter {
    /// The xCard namespace.
    public static let namespace = "urn:ietf:params:xml:ns:vcard-4.0"

    /// The document head up to the opening `<vcards>`.
    public static let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vcards xmlns=\"\(namespace)\">\n"
    /// The closing tag of the document.
    public static let tail = "</vcards>\n"

    /// One `<vcard>` element.
    public static func write(_ card: VCard) -> String {
        var out = "<vcard>\n"
        out += "  <prodid><text>\(XMLText.escape(VCardWriter.productID))</text></prodid>\n"
        out += "  <kind><text>\(card.kind.rawValue)</text></kind>\n"
        let v4 = VCardWriter(version: .v4)
        for property in card.properties {
            let name = property.name.lowercased()
            var parameters = ""
            let types = v4.mappedTypes(property)
            if !types.isEmpty {
                parameters = "<parameters><type>" + types.map { "<text>\($0)</text>" }.joined() + "</type></parameters>"
            }
            let value: String
            switch property.value {
            case .text(let text):
                value = "<text>\(XMLText.escape(text))</text>"
            case .textList(let items):
                value = items.map { "<text>\(XMLText.escape($0))</text>" }.joined()
            case .structured(let components):
                value = structured(property.name, components)
            case .uri(let uri):
                value = "<uri>\(XMLText.escape(uri))</uri>"
            case .telephone(let number, let ext):
                value = "<uri>\(XMLText.escape(VCardWriter.telURI(number, extension: ext)))</uri>"
            case .geo(let latitude, let longitude):
                value = "<uri>geo:\(VCardWriter.coordinate(latitude)),\(VCardWriter.coordinate(longitude))</uri>"
            case .timestamp(let instant):
                value = "<timestamp>\(VCardWriter.basicTimestamp(instant))</timestamp>"
            }
            out += "  <\(name)>\(parameters)\(value)</\(name)>\n"
        }
        return out + "</vcard>\n"
    }

    /// Component element names of the structured properties (RFC 6351 §3.3.1).
    static let components: [String: [String]] = [
        "N": ["surname", "given", "additional", "prefix", "suffix"],
        "ADR": ["pobox", "ext", "street", "locality", "region", "code", "country"],
    ]

    private static func structured(_ property: String, _ values: [String]) -> String {
        guard let names = components[property] else {
            // ORG: a text list (organization name, then units).
            return values.map { "<text>\(XMLText.escape($0))</text>" }.joined()
        }
        return names.enumerated().map { index, name in
            let value = index < values.count ? values[index] : ""
            return "<\(name)>\(XMLText.escape(value))</\(name)>"
        }.joined()
    }
}

// VCard: a version-neutral card — properties with parameters and typed values — built once
// per organization or contact and written as vCard 3.0, vCard 4.0 or xCard.

/// One vCard.
public struct VCard: Sendable, Equatable {
    /// A property value.
    public enum Value: Sendable, Equatable {
        /// One text value (FN, NOTE, TITLE, EMAIL, KIND).
        case text(String)
        /// A comma-separated list of text values (CATEGORIES).
        case textList([String])
        /// A structured value of semicolon-separated components (N, ADR, ORG).
        case structured([String])
        /// A URI (URL, UID).
        case uri(String)
        /// A telephone number; `tel:` URI in 4.0, text in 3.0.
        case telephone(number: String, extension: String?)
        /// A position (GEO): `lat;lon` in 3.0, a `geo:` URI in 4.0.
        case geo(latitude: Double, longitude: Double)
        /// An instant (REV) as `YYYY-MM-DDTHH:MM:SSZ`.
        case timestamp(String)
    }

    /// One property.
    public struct Property: Sendable, Equatable {
        /// Upper-case name, e.g. `ADR`.
        public var name: String
        /// TYPE parameter values, lower case, valid for both versions (the writer maps them).
        public var types: [String]
        /// The value.
        public var value: Value

        /// Creates a property.
        public init(_ name: String, types: [String] = [], _ value: Value) {
            self.name = name
            self.types = types
            self.value = value
        }
    }

    /// What the card describes.
    public enum Kind: String, Sendable {
        case org, individual
    }

    /// What the card describes (KIND in 4.0).
    public var kind: Kind
    /// Properties in output order (UID first).
    public var properties: [Property]

    /// Creates a card.
    public init(kind: Kind, properties: [Property]) {
        self.kind = kind
        self.properties = properties
    }
}

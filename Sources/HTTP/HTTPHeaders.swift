// HTTPHeaders: an ordered list of header fields with case-insensitive lookup (RFC 9110 §5.1:
// field names are case-insensitive; order matters for repeated fields such as Set-Cookie).

/// Ordered header fields; lookups ignore ASCII case, the original spelling is kept for output.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One field line: name as received or set, value without surrounding whitespace.
    public typealias Field = (name: String, value: String)

    /// All fields in order.
    public private(set) var fields: [Field]

    /// Empty headers.
    public init() { fields = [] }

    /// Headers from fields in the given order (repeated names allowed).
    public init(_ fields: [Field]) { self.fields = fields }

    /// Headers from a literal such as `["Content-Type": "text/plain"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, or nil. Setting replaces every field of that name (nil removes).
    public subscript(name: String) -> String? {
        get {
            for field in fields where field.name.equalsIgnoringASCIICase(name) { return field.value }
            return nil
        }
        set {
            if let newValue {
                replaceOrAppend(name, newValue)
            } else {
                remove(name)
            }
        }
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.compactMap { $0.name.equalsIgnoringASCIICase(name) ? $0.value : nil }
    }

    /// Whether at least one field is called `name`.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Appends a field, keeping existing ones of the same name (Set-Cookie, Vary).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Removes every field called `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// The number of field lines.
    public var count: Int { fields.count }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// One `Name: value` line per field.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    private mutating func replaceOrAppend(_ name: String, _ value: String) {
        if let first = fields.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) {
            fields[first].value = value
            var index = fields.count - 1
            while index > first {
                if fields[index].name.equalsIgnoringASCIICase(name) { fields.remove(at: index) }
                index -= 1
            }
        } else {
            fields.append((name: name, value: value))
        }
    }
}

extension String {
    /// ASCII case-insensitive comparison, enough for header names and tokens.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (a?, b?):
                if a != b && ASCII.lowercased(a) != ASCII.lowercased(b) { return false }
            default: return false
            }
        }
    }
}

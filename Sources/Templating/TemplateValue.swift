// TemplateValue: the data a template renders, a JSON-like tree with Mustache truthiness.
// Literal conformances live in TemplateValue+Literals.swift.

/// A value in a template's rendering context.
///
/// Contexts are trees of these values, usually written as Swift literals:
/// `["title": "Pflege", "items": [["name": "A"]]]`.
///
/// Truthiness follows Mustache: `.null`, `.bool(false)`, `.string("")` and `.array([])` are
/// falsy; everything else is truthy, including `.int(0)`, `.double(0)` and `.object([:])`.
public enum TemplateValue: Sendable, Equatable {
    /// No value: interpolates as nothing, falsy in sections.
    case null
    /// A boolean: interpolates as `true`/`false`; `false` is falsy.
    case bool(Bool)
    /// An integer: interpolates in decimal; always truthy (also `0`).
    case int(Int)
    /// A floating-point number: integral values interpolate without a fraction (`3`, not
    /// `3.0`), others in Swift's shortest form (`1.21`); always truthy.
    case double(Double)
    /// Text: interpolates escaped by `{{x}}` and raw by `{{{x}}}`; the empty string is falsy.
    case string(String)
    /// A list: a section iterates it; the empty list is falsy; interpolates as nothing.
    case array([TemplateValue])
    /// Named values: a section pushes it on the context stack; interpolates as nothing.
    case object([String: TemplateValue])
}

extension TemplateValue {
    /// Whether a section `{{#x}}` renders for this value (see the type's truthiness rules).
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .string(let value): !value.isEmpty
        case .array(let values): !values.isEmpty
        case .int, .double, .object: true
        }
    }

    /// An object built from a dictionary; reads better than `.object(…)` at some call sites.
    public static func from(_ dictionary: [String: TemplateValue]) -> TemplateValue {
        .object(dictionary)
    }

    /// A string value, or `.null` when `value` is nil.
    public init(_ value: String?) {
        self = value.map(TemplateValue.string) ?? .null
    }

    /// An integer value, or `.null` when `value` is nil.
    public init(_ value: Int?) {
        self = value.map(TemplateValue.int) ?? .null
    }

    /// A floating-point value, or `.null` when `value` is nil.
    public init(_ value: Double?) {
        self = value.map(TemplateValue.double) ?? .null
    }

    /// A boolean value, or `.null` when `value` is nil.
    public init(_ value: Bool?) {
        self = value.map(TemplateValue.bool) ?? .null
    }

    /// A list value.
    public init(_ values: [TemplateValue]) {
        self = .array(values)
    }

    /// An object value.
    public init(_ values: [String: TemplateValue]) {
        self = .object(values)
    }
}

extension TemplateValue {
    /// The value stored under `key` when this is an object, otherwise (or when absent) `.null`.
    public subscript(key: String) -> TemplateValue {
        guard case .object(let values) = self else { return .null }
        return values[key] ?? .null
    }

    /// The element at `index` when this is a list and the index is in range, otherwise `.null`.
    public subscript(index: Int) -> TemplateValue {
        guard case .array(let values) = self, values.indices.contains(index) else { return .null }
        return values[index]
    }

    /// The text when this is `.string`, otherwise nil.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The integer when this is `.int`, otherwise nil.
    public var intValue: Int? {
        guard case .int(let value) = self else { return nil }
        return value
    }

    /// The number when this is `.double` or `.int`, otherwise nil.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    /// The boolean when this is `.bool`, otherwise nil.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements when this is `.array`, otherwise nil.
    public var arrayValue: [TemplateValue]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    /// The members when this is `.object`, otherwise nil.
    public var objectValue: [String: TemplateValue]? {
        guard case .object(let values) = self else { return nil }
        return values
    }
}

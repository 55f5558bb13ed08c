// JSONWriter: appends JSON to a byte buffer — objects, arrays, strings with RFC 8259 escaping,
// numbers — without building intermediate trees, so large exports stream.

/// Writes JSON text into `bytes`. Callers keep the structure balanced.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer with reserved capacity.
    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// `{`
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    /// `}`
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    /// `[`
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    /// `]`
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// A key inside an object; the next value belongs to it.
    public mutating func key(_ key: String) {
        separate()
        JSONWriter.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    /// A string value.
    public mutating func string(_ value: String) { separate(); JSONWriter.appendString(value, to: &bytes) }
    /// An integer value.
    public mutating func number(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    /// A floating-point value (non-finite values become null).
    public mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }
    /// A boolean value.
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    /// Already-encoded JSON (e.g. a cached object).
    public mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json) }

    /// Convenience: `"key": "value"`.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// Appends a JSON string literal, escaping quotes, backslashes, control characters and
    /// U+2028/U+2029.
    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        var iterator = value.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? iterator.next() : pending.removeFirst() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32: bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) are valid JSON but break JavaScript embedding.
                let second = iterator.next(), third = iterator.next()
                if second == 0x80, let third, third == 0xA8 || third == 0xA9 {
                    bytes.append(contentsOf: Array("\\u202".utf8) + [third == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")])
                } else {
                    bytes.append(byte)
                    if let second { pending.append(second) }
                    if let third { pending.append(third) }
                }
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

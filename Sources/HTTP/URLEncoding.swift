// URLEncoding: the one percent-encoder and decoder (RFC 3986 §2.1) for paths, query strings and
// form bodies (application/x-www-form-urlencoded, where "+" means space). Works on UTF-8 bytes.

/// Percent-encoding and decoding of URL components and form data.
public enum URLEncoding {
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// RFC 3986 §2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~".
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: return true
        default: return false
        }
    }

    /// Encodes every byte except unreserved ones; safe for a path segment or a query value.
    public static func encodeComponent(_ text: String) -> String {
        encode(text, spaceAsPlus: false)
    }

    /// Form encoding: like `encodeComponent` but a space becomes "+".
    public static func encodeFormComponent(_ text: String) -> String {
        encode(text, spaceAsPlus: true)
    }

    /// `name=value&…` with both sides form-encoded, in the given order.
    public static func formEncoded(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { encodeFormComponent($0.name) + "=" + encodeFormComponent($0.value) }
            .joined(separator: "&")
    }

    /// Decodes `%XX` escapes. Nil if an escape is malformed or the result is not UTF-8.
    public static func decode(_ text: String) -> String? {
        decodeToString(text.utf8, plusAsSpace: false)
    }

    /// Decodes a form component: `%XX` escapes and "+" as space. Nil if malformed.
    public static func decodeFormComponent(_ text: String) -> String? {
        decodeToString(text.utf8, plusAsSpace: true)
    }

    /// Splits `a=1&b=2` into decoded pairs ("+" as space); a name without "=" gets "".
    /// Throws 400 for a malformed escape or invalid UTF-8.
    public static func decodeForm(_ text: some Collection<UInt8>) throws(HTTPError) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: 0x26, omittingEmptySubsequences: true) {  // "&"
            let name: String?
            let value: String?
            if let equals = part.firstIndex(of: 0x3D) {  // "="
                name = decodeToString(part[part.startIndex..<equals], plusAsSpace: true)
                value = decodeToString(part[part.index(after: equals)...], plusAsSpace: true)
            } else {
                name = decodeToString(part, plusAsSpace: true)
                value = ""
            }
            guard let name, let value else {
                throw HTTPError.badRequest("malformed percent-encoding in form data or query")
            }
            pairs.append((name: name, value: value))
        }
        return pairs
    }

    /// Decodes escapes into bytes; nil if an escape is malformed. Bytes are not checked for UTF-8.
    static func decodeBytes(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.percent {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { return nil }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex,
                      let high = ASCII.hexValue(bytes[first]), let low = ASCII.hexValue(bytes[second])
                else { return nil }
                output.append(high << 4 | low)
                index = bytes.index(after: second)
            } else {
                output.append(plusAsSpace && byte == 0x2B ? ASCII.space : byte)
                index = bytes.index(after: index)
            }
        }
        return output
    }

    /// Decodes escapes and validates UTF-8; returns the text unchanged when it has no escapes.
    static func decodeToString(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> String? {
        if !bytes.contains(where: { $0 == ASCII.percent || (plusAsSpace && $0 == 0x2B) }) {
            return String(validating: bytes, as: UTF8.self)
        }
        guard let decoded = decodeBytes(bytes, plusAsSpace: plusAsSpace) else { return nil }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func encode(_ text: String, spaceAsPlus: Bool) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy(isUnreserved) { return text }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else if spaceAsPlus && byte == ASCII.space {
                output.append(0x2B)
            } else {
                output.append(ASCII.percent)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

// ASCII: byte classes of the HTTP grammar (RFC 9110 §5.6.2 tokens, §5.5 field values) as
// lookup tables, so the parser works on bytes and never on Characters.

/// Byte-level helpers for the HTTP/1.1 grammar.
enum ASCII {
    /// Carriage return.
    static let cr: UInt8 = 13
    /// Line feed.
    static let lf: UInt8 = 10
    /// Space.
    static let space: UInt8 = 32
    /// Horizontal tab.
    static let tab: UInt8 = 9
    /// ":".
    static let colon: UInt8 = 58
    /// "/".
    static let slash: UInt8 = 47
    /// "%".
    static let percent: UInt8 = 37
    /// "?".
    static let questionMark: UInt8 = 63
    /// ";".
    static let semicolon: UInt8 = 59

    /// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
    /// "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.
    private static let tokenTable: [Bool] = (0..<256).map { byte in
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    /// Whether `byte` may appear in a token (method, field name).
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

    /// RFC 9110 §5.5: field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// The byte lowered if it is an ASCII capital letter.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// Whether `bytes` equals the lower-case ASCII `lowercaseLiteral`, ignoring case.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercaseLiteral: String) -> Bool {
        guard bytes.count == lowercaseLiteral.utf8.count else { return false }
        return zip(bytes, lowercaseLiteral.utf8).allSatisfy { lowercased($0) == $1 }
    }

    /// Appends the decimal digits of a non-negative integer without creating a String.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(UInt8(0x30 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while rest > 0 {
                raw[count] = UInt8(0x30 + rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }
}

extension ASCII {
    /// The value of a decimal digit, or nil.
    @inline(__always)
    static func decimalDigit(_ byte: UInt8) -> UInt8? {
        (0x30...0x39).contains(byte) ? byte - 0x30 : nil
    }
}

// VCardText: the text rules of vCard lines — value escaping, which differs between vCard 3.0
// (RFC 2426 §4 / RFC 2425 §5.8.4) and 4.0 (RFC 6350 §3.4), and line folding at 75 octets that
// never splits a UTF-8 sequence (RFC 6350 §3.2, RFC 2425 §5.8.1), with CRLF line ends.

/// A vCard version.
public enum VCardVersion: String, Sendable, CaseIterable {
    /// RFC 2426.
    case v3 = "3.0"
    /// RFC 6350.
    case v4 = "4.0"
}

/// Escaping and folding of vCard content lines.
public enum VCardText {
    /// Where a text value stands; the characters that must be escaped depend on it.
    public enum Position: Sendable {
        /// A single text value (FN, NOTE, TITLE, EMAIL).
        case text
        /// One item of a comma-separated list (CATEGORIES).
        case listItem
        /// A component of a structured value (N, ADR, ORG), separated by semicolons.
        case component
    }

    /// Escapes `value` for `version` at `position`.
    ///
    /// - 3.0: backslash, comma, semicolon and newline are escaped in every text value
    ///   (RFC 2426 §4, "escaped-char").
    /// - 4.0: backslash, comma and newline always; a semicolon only in components of
    ///   structured properties, because the TEXT-CHAR rule of RFC 6350 §3.3 does not allow
    ///   `\;` in plain text values (§3.4: "SEMICOLON characters in non-compound properties MAY
    ///   be escaped" — the ABNF wins; strict parsers reject it).
    ///
    /// CR LF, CR and LF all become `\n`; other control characters are dropped.
    public static func escape(_ value: String, version: VCardVersion, position: Position) -> String {
        let escapeSemicolon = version == .v3 || position == .component
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == 0x5C || byte == 0x2C || byte == 0x7F || (byte == 0x3B && escapeSemicolon) {
            plain = false
            break
        }
        if plain { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        var previousCR = false
        for scalar in value.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += escapeSemicolon ? "\\;" : ";"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The maximum octets of a physical line, excluding CRLF (RFC 6350 §3.2).
    public static let lineLimit = 75

    /// Folds one logical content line into physical lines, each ending with CRLF. Every
    /// physical line has at most 75 octets excluding the CRLF; continuation lines start with
    /// one space, which counts towards the 75. A line is only broken before a byte that starts
    /// a UTF-8 sequence, so no character is ever split.
    public static func fold(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(line, into: &out)
        return out
    }

    /// Appends the folded physical lines of `line` to `out`.
    public static func fold(_ line: String, into out: inout [UInt8]) {
        var line = line
        line.withUTF8 { bytes in
            var start = 0
            var first = true
            while true {
                let room = first ? lineLimit : lineLimit - 1
                if bytes.count - start <= room {
                    if !first { out.append(0x20) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                    out.append(13)
                    out.append(10)
                    return
                }
                var end = start + room
                // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
                while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                if end == start { end = start + room }   // not UTF-8; cannot happen for a String
                if !first { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                out.append(13)
                out.append(10)
                start = end
                first = false
            }
        }
    }
}

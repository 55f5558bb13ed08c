// MailEncoding: RFC 2047 encoded words (each at most 75 characters, never splitting a UTF-8
// sequence), RFC 5322 quoted phrases and header folding, and quoted-printable bodies
// (RFC 2045 §6.7) with lines of at most 76 characters.
import Foundation

/// Header and body encodings for e-mail.
public enum MailEncoding {
    /// The longest encoded word (RFC 2047 §2).
    public static let maximumEncodedWordLength = 75

    /// An unstructured header value (Subject): ASCII as is, otherwise encoded words separated
    /// by folding whitespace.
    public static func unstructured(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return fold(clean) }
        return encodedWords(clean).joined(separator: "\r\n ")
    }

    /// A display-name phrase: an atom or quoted string when ASCII, else encoded words.
    public static func phrase(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) {
            let specials = Set("()<>[]:;@\\,.\"")
            if !clean.contains(where: { specials.contains($0) }) { return clean }
            return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(clean).joined(separator: " ")
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters each, split at character boundaries.
    public static func encodedWords(_ text: String) -> [String] {
        // 75 = 10 ("=?UTF-8?B?") + 2 ("?=") + 63 base64 characters, i.e. 45 bytes of text.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 && !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// Folds an ASCII header value at spaces so that lines stay under 78 characters.
    public static func fold(_ text: String, firstLineUsed: Int = 10) -> String {
        var lines: [String] = []
        var current = ""
        var limit = 78 - firstLineUsed
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > limit {
                lines.append(current)
                current = String(word)
                limit = 77
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// Quoted-printable with CRLF line ends: non-ASCII, "=" and trailing spaces encoded,
    /// soft breaks keep every line at 76 characters or less.
    public static func quotedPrintable(_ text: String) -> String {
        String(decoding: quotedPrintableBytes(Array(text.utf8)), as: UTF8.self)
    }

    /// Quoted-printable of UTF-8 bytes (any of CRLF, CR, LF end a line; output uses CRLF).
    public static func quotedPrintableBytes(_ input: [UInt8]) -> [UInt8] {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 4)
        var lineLength = 0
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 13 || byte == 10 {
                output.append(13)
                output.append(10)
                lineLength = 0
                index += (byte == 13 && index + 1 < input.count && input[index + 1] == 10) ? 2 : 1
                continue
            }
            let atLineEnd = index + 1 == input.count || input[index + 1] == 13 || input[index + 1] == 10
            let literal = (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !atLineEnd)
            let width = literal ? 1 : 3
            if lineLength + width > 75 {
                output.append(61)
                output.append(13)
                output.append(10)
                lineLength = 0
            }
            if literal {
                output.append(byte)
            } else {
                output.append(61)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 15)])
            }
            lineLength += width
            index += 1
        }
        return output
    }

    /// The RFC 5322 date of an instant in Berlin time: `Mon, 23 Nov 2026 07:00:00 +0100`.
    public static func date(_ date: Date) -> String {
        let time = BerlinTime(date)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(days[time.weekday - 1]), \(time.day) \(months[time.month - 1]) \(time.year) \(pad(time.hour)):\(pad(time.minute)):\(pad(time.second)) +0\(time.utcOffset / 3600)00"
    }
}

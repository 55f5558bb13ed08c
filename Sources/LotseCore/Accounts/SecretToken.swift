// SecretToken: random 256-bit tokens for sessions, links and CSRF, handed out in URL-safe
// base64 and stored only as SHA-256 hex.
import Foundation

/// Random secrets.
public enum SecretToken {
    /// A new token: 32 random bytes, base64url without padding (43 characters).
    public static func make() -> String { base64URL(Crypto.randomBytes(32)) }

    /// The stored form of a token.
    public static func hash(_ token: String) -> String { Crypto.sha256Hex(token) }

    /// True when `token` has the shape of our tokens (so that garbage never reaches a query).
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }
    }

    /// URL-safe base64 without padding (RFC 4648 §5).
    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int((value >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int((value >> 18) & 63)])
            output.append(alphabet[Int((value >> 12) & 63)])
            if rest == 2 { output.append(alphabet[Int((value >> 6) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

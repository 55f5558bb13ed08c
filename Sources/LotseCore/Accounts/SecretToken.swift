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
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

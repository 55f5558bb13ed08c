// PasswordHasher: scrypt (memory-hard, from libcrypto) with its parameters stored beside the
// hash — "scrypt$ln$r$p$salt$hash" in base64 — so that they can be raised later and old
// hashes upgraded at the next login.
import Foundation

/// Hashes and verifies passwords.
public struct PasswordHasher: Sendable {
    /// log2 of the scrypt cost N.
    public let logN: Int
    /// Block size r.
    public let r: Int
    /// Parallelism p.
    public let p: Int

    /// The production parameters, OWASP's current recommendation for scrypt: N = 2^17, r = 8,
    /// p = 1 (128 MiB, about 0.4 s here). Weaker stored hashes are upgraded at the next login.
    public static let standard = PasswordHasher(logN: 17, r: 8, p: 1)

    /// Creates a hasher with explicit parameters (tests use cheap ones).
    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// The shortest password accepted.
    public static let minimumLength = 10

    /// Hashes `password` with a fresh 16-byte salt.
    public func hash(_ password: String) -> String {
        let salt = Crypto.randomBytes(16)
        let derived = Crypto.scrypt(password: Array(password.utf8), salt: salt, n: 1 << UInt64(logN), r: UInt64(r), p: UInt64(p), length: 32) ?? []
        return "scrypt$\(logN)$\(r)$\(p)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// True when `password` matches `stored` (constant-time comparison); false for any
    /// malformed stored value.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              (10...22).contains(logN), (1...32).contains(r), (1...16).contains(p),
              let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5])),
              !expected.isEmpty,
              let derived = Crypto.scrypt(password: Array(password.utf8), salt: Array(salt), n: 1 << UInt64(logN),
                                          r: UInt64(r), p: UInt64(p), length: expected.count) else { return false }
        return Crypto.constantTimeEqual(derived, Array(expected))
    }

    /// True when `stored` was made with weaker parameters than this hasher's.
    public func needsUpgrade(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 6, let logN = Int(parts[1]), let r = Int(parts[2]) else { return true }
        return logN < self.logN || r < self.r
    }
}

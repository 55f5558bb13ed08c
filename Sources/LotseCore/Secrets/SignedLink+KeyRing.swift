// SignedLink+KeyRing: verifying a link against every key the key ring still accepts (the
// current signing key and rotated-out keys within their grace period).
import Foundation
import SQLite

extension SignedLink {
    /// Verifies `token` against each of `keys` (see `KeyRing.verificationKeys`); a token no
    /// key signed is `.forged`.
    public static func verify(_ token: String, purpose: Purpose, keys: [[UInt8]], db: Database,
                              now: Date = Date()) throws -> Result<SignedLink, Refusal> {
        var result: Result<SignedLink, Refusal> = .failure(.forged)
        for key in keys {
            result = try verify(token, purpose: purpose, secret: key, db: db, now: now)
            if case .failure(.forged) = result { continue }
            return result
        }
        return result
    }
}

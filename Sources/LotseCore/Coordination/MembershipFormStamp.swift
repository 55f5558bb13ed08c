// MembershipFormStamp: the signed time stamp the public application form carries, so that a
// submission faster than a person can fill the form (or with a stamp the site never issued, or
// an old one) is recognised without any third-party service. The stamp is the issue time and an
// HMAC over it with a signing key of the key file (KeyRing, Crypto); it signs no one in and
// carries no personal data.
import Foundation

/// The signed issue time of the application form.
public enum MembershipFormStamp {
    /// Seconds a person needs at least to fill the form.
    public static let minimumFillTime: TimeInterval = 5
    /// How long a form stays valid after it was shown.
    public static let lifetime: TimeInterval = 12 * 3600

    /// What checking a stamp found.
    public enum Verdict: Sendable, Equatable {
        /// Plausibly filled by a person.
        case fine
        /// Sent sooner than `minimumFillTime` after the form was shown.
        case tooFast
        /// Older than `lifetime` (or from the future).
        case expired
        /// Not a stamp the site issued.
        case forged
    }

    /// A stamp for a form shown at `now`, signed with `key`.
    public static func make(now: Date, key: [UInt8]) -> String {
        let issued = String(Int(now.timeIntervalSince1970.rounded(.down)))
        return issued + "." + signature(issued, key: key)
    }

    /// Checks `stamp` against each of `keys` (the key ring's verification keys) at `now`.
    public static func check(_ stamp: String, keys: [[UInt8]], now: Date) -> Verdict {
        let parts = stamp.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count <= 12, let seconds = Int(parts[0]) else { return .forged }
        let issued = String(parts[0])
        guard keys.contains(where: { Crypto.constantTimeEqual(Array(signature(issued, key: $0).utf8), Array(parts[1].utf8)) }) else {
            return .forged
        }
        let age = now.timeIntervalSince1970 - Double(seconds)
        if age < -60 || age > lifetime { return .expired }
        return age < minimumFillTime ? .tooFast : .fine
    }

    private static func signature(_ issued: String, key: [UInt8]) -> String {
        SecretToken.base64URL(Crypto.hmacSHA256(key: key, message: Array("membership-form|\(issued)".utf8)))
    }
}

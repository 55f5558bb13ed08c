// SignedLink: HMAC-signed, expiring, single-purpose tokens for the one-click links in e-mails —
// confirm an entry unchanged, unsubscribe, digest preferences. None of them signs anyone in. The
// token carries purpose, issue time, expiry and subject (which starts with the account id); the
// link is refused once the account is no longer active or its links were revoked after the
// issue time (logout everywhere, password change, disabling: `LinkRevocation`); the signature
// uses a key of the key file (KeyRing); single-use purposes record their use.
import Foundation
import SQLite

/// A verified signed link.
public struct SignedLink: Sendable, Equatable {
    /// What the link does.
    public enum Purpose: String, Sendable, CaseIterable {
        /// Confirm an organization or service unchanged (subject "ACCOUNT|service:ID"); single use.
        case confirm
        /// Stop the weekly digest (subject: account id); may be used again.
        case unsubscribe
        /// Digest preferences (subject: account id); may be used again.
        case preferences

        /// True when a second use must be refused.
        public var isSingleUse: Bool { self == .confirm }

        /// Validity of a fresh link: two weeks, so that the link of one weekly digest outlives
        /// the next digest by a few days and no longer.
        public var lifetime: TimeInterval { 14 * 86_400 }
    }

    /// Why a link was refused.
    public enum Refusal: Error, Sendable, Equatable {
        case malformed, forged, expired, used
        /// Issued before the account's links were revoked, or the account is not active.
        case revoked

        /// German explanation.
        public var message: String {
            switch self {
            case .malformed, .forged: "Dieser Link ist ungültig oder unvollständig."
            case .expired: "Dieser Link ist abgelaufen."
            case .used: "Dieser Link wurde schon benutzt."
            case .revoked: "Dieser Link ist nicht mehr gültig: Nach „Überall abmelden“, einer Passwortänderung oder einer Sperre gelten die Links aus früheren E-Mails nicht mehr."
            }
        }
    }

    public let purpose: Purpose
    public let subject: String
    public let issued: Date
    public let expires: Date

    /// The account the link was sent to (the subject up to the first "|").
    public var accountID: String { String(subject.prefix { $0 != "|" }) }

    /// A token for `purpose` and `subject` (starting with the account id), issued at `now` and
    /// valid for the purpose's lifetime.
    public static func make(_ purpose: Purpose, subject: String, secret: [UInt8], now: Date = Date()) -> String {
        let issued = Int(now.timeIntervalSince1970.rounded(.down))
        let expires = Int(now.addingTimeInterval(purpose.lifetime).timeIntervalSince1970)
        let payload = "\(purpose.rawValue)|\(issued)|\(expires)|\(subject)"
        let encoded = SecretToken.base64URL(Array(payload.utf8))
        return encoded + "." + SecretToken.base64URL(Crypto.hmacSHA256(key: secret, message: Array(encoded.utf8)))
    }

    /// Verifies a token for `purpose`: signature, expiry, revocation (the account is active and
    /// its links were not revoked since the token was issued) and, for single-use purposes,
    /// earlier use.
    public static func verify(_ token: String, purpose: Purpose, secret: [UInt8], db: Database, now: Date = Date()) throws -> Result<SignedLink, Refusal> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, token.utf8.count < 2048, let payloadBytes = decodeBase64URL(String(parts[0])) else { return .failure(.malformed) }
        let expected = SecretToken.base64URL(Crypto.hmacSHA256(key: secret, message: Array(parts[0].utf8)))
        guard Crypto.constantTimeEqual(Array(expected.utf8), Array(parts[1].utf8)) else { return .failure(.forged) }
        let fields = String(decoding: payloadBytes, as: UTF8.self).split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == purpose.rawValue, let issued = Int(fields[1]), let expiry = Int(fields[2]) else { return .failure(.forged) }
        let link = SignedLink(purpose: purpose, subject: String(fields[3]), issued: Date(timeIntervalSince1970: Double(issued)),
                              expires: Date(timeIntervalSince1970: Double(expiry)))
        guard link.expires > now else { return .failure(.expired) }
        guard try LinkRevocation.stands(accountID: link.accountID, issued: link.issued, db: db) else { return .failure(.revoked) }
        if purpose.isSingleUse, try db.scalarInt("SELECT count(*) FROM signed_link_use WHERE token_hash = ?", SecretToken.hash(token)) == 1 {
            return .failure(.used)
        }
        return .success(link)
    }

    /// Records the use of a single-use token (inside the write that acts on it); false when it
    /// was used meanwhile.
    public static func markUsed(_ token: String, purpose: Purpose, db: Database, now: Date = Date()) throws -> Bool {
        try db.execute("INSERT OR IGNORE INTO signed_link_use(token_hash, purpose, used_at) VALUES (?, ?, ?)",
                       SecretToken.hash(token), purpose.rawValue, Timestamp.string(now))
        return db.changes == 1
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
              let byte = UInt8(hex[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

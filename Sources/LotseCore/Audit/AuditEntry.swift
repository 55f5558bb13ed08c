// AuditEntry: one row of the audit log — who (account, role, organization), when, what action
// on which referral, what exactly (field and category names, never the data) and for what
// purpose — and its canonical serialisation, which the chain's MACs are computed over.

/// What kind of access an audit row records.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    /// Referral data was shown to someone.
    case read
    /// Referral data was created or changed.
    case change
    /// Referral data left Lotse (download, report file).
    case export
    /// Referral data was made available to another organization (sent, viewed by a provider).
    case disclosure
    /// Retention anonymised or pruned data.
    case retention
}

/// One audit log row.
public struct AuditEntry: Sendable, Equatable {
    /// Position in the chain (1, 2, 3 …).
    public let seq: Int
    /// ISO timestamp.
    public let at: String
    /// The account concerned.
    public let accountID: String?
    /// The actor's role, or "system".
    public let role: String
    /// The organization concerned.
    public let organizationID: String?
    /// The kind of access.
    public let action: AuditAction
    /// The referral concerned.
    public let referralID: String?
    /// What was read or changed: field and category names, ids, codes.
    public let what: String
    /// Why (e.g. "Vermittlung bearbeiten").
    public let purpose: String
    /// The previous row's MAC (the anchor's, or 64 zeros, for the first row).
    public let previousHash: String
    /// HMAC-SHA256 (hex) of `canonical` with the audit key of the key file (rows written
    /// before migration 009_audit_mac: plain SHA-256).
    public let hash: String

    /// The hash of the empty chain's predecessor.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical serialisation of a row's content: every field length-prefixed, in a
    /// fixed order, NULL distinct from the empty string, ending with the previous hash.
    public static func canonical(seq: Int, at: String, accountID: String?, role: String, organizationID: String?,
                                 action: String, referralID: String?, what: String, purpose: String,
                                 previousHash: String) -> String {
        let fields: [String?] = [String(seq), at, accountID, role, organizationID, action, referralID, what, purpose, previousHash]
        return fields.map { field in field.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }

    /// The MAC of a row with these contents under the audit `key`.
    public static func mac(key: [UInt8], seq: Int, at: String, accountID: String?, role: String, organizationID: String?,
                           action: String, referralID: String?, what: String, purpose: String, previousHash: String) -> String {
        Crypto.hex(Crypto.hmacSHA256(key: key, message: Array(canonical(
            seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID, action: action,
            referralID: referralID, what: what, purpose: purpose, previousHash: previousHash).utf8)))
    }

    /// The unkeyed SHA-256 of a row with these contents (the chain before 009_audit_mac).
    public static func hash(seq: Int, at: String, accountID: String?, role: String, organizationID: String?,
                            action: String, referralID: String?, what: String, purpose: String, previousHash: String) -> String {
        Crypto.sha256Hex(canonical(seq: seq, at: at, accountID: accountID, role: role, organizationID: organizationID,
                                   action: action, referralID: referralID, what: what, purpose: purpose,
                                   previousHash: previousHash))
    }
}

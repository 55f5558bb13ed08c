// AuditLog+Disclosures: the disclosure view of a case — which organization received what about
// a referral group, and when — read off the audit log's disclosure rows.
import Foundation
import SQLite

/// What one organization received about a case.
public struct Disclosure: Sendable, Equatable {
    /// The organization concerned.
    public let organizationID: String
    /// The organization name.
    public let organizationName: String
    /// The referral concerned.
    public let referralID: String
    /// The data categories and items disclosed (e.g. "needs", "identity", "contact").
    public let categories: [String]
    /// First time.
    public let firstAt: String
    /// Last time.
    public let lastAt: String
    /// How many times.
    public let count: Int
}

extension AuditLog {
    /// Every organization that received data of the referrals of `groupID`, with what and
    /// when (from the disclosure rows; "what" holds comma-separated category names).
    public func disclosures(groupID: String) throws -> [Disclosure] {
        var grouped: [String: (referral: String, categories: Set<String>, first: String, last: String, count: Int)] = [:]
        try db.query("""
            SELECT a.organization_id, a.referral_id, a.what, a.at FROM audit_log a
            JOIN referral r ON r.id = a.referral_id
            WHERE r.group_id = ? AND a.action = 'disclosure' AND a.organization_id IS NOT NULL ORDER BY a.seq
            """, groupID) { ($0.string(0), $0.string(1), $0.string(2), $0.string(3)) }.forEach { organization, referral, what, at in
            let key = organization + "\u{1F}" + referral
            let categories = Set(what.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            if var entry = grouped[key] {
                entry.categories.formUnion(categories)
                entry.last = at
                entry.count += 1
                grouped[key] = entry
            } else {
                grouped[key] = (referral, categories, at, at, 1)
            }
        }
        var names: [String: String] = [:]
        for key in grouped.keys {
            let organization = String(key.split(separator: "\u{1F}")[0])
            if names[organization] == nil {
                names[organization] = try db.scalarString("SELECT name FROM organization WHERE id = ?", organization) ?? organization
            }
        }
        return grouped.map { key, entry in
            let organization = String(key.split(separator: "\u{1F}")[0])
            return Disclosure(organizationID: organization, organizationName: names[organization] ?? organization,
                              referralID: entry.referral, categories: entry.categories.sorted(), firstAt: entry.first,
                              lastAt: entry.last, count: entry.count)
        }.sorted { ($0.firstAt, $0.organizationName) < ($1.firstAt, $1.organizationName) }
    }
}

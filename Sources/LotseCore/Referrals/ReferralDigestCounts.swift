// ReferralDigestCounts: the referral figures of a weekly digest (docs/domain.md §8) — counts only,
// never personal data: for a provider the referrals waiting for an answer and the overdue ones;
// for a counselor the status changes and rejections of the team's referrals since the last
// digest; for a coordinator the unmet referrals per Sozialraum (cells under 5 suppressed).
import Foundation
import SQLite

/// Referral counts for one recipient's digest.
public struct ReferralDigestCounts: Sendable, Equatable {
    /// Provider: requested referrals addressed to the account's organizations.
    public var waiting = 0
    /// Provider: of those, past their respond-by date.
    public var overdue = 0
    /// Provider: active referrals asked for a status update since `since`.
    public var statusRequests = 0
    /// Counselor: status changes by others of the team's referrals since `since`.
    public var statusChanges = 0
    /// Counselor: rejected or cancelled-for-no-response referrals since `since` (to re-route).
    public var toReroute = 0
    /// Coordinator: rejected, cancelled or failed referrals since `since` per Sozialraum name
    /// (nil when under 5).
    public var unmetByArea: [(area: String, count: Int?)] = []

    /// Creates empty counts.
    public init() {}

    /// Equal when every count is equal.
    public static func == (lhs: ReferralDigestCounts, rhs: ReferralDigestCounts) -> Bool {
        lhs.waiting == rhs.waiting && lhs.overdue == rhs.overdue && lhs.statusRequests == rhs.statusRequests
            && lhs.statusChanges == rhs.statusChanges && lhs.toReroute == rhs.toReroute
            && lhs.unmetByArea.map(\.area) == rhs.unmetByArea.map(\.area) && lhs.unmetByArea.map(\.count) == rhs.unmetByArea.map(\.count)
    }

    /// The counts for `account` for the digest covering [`since`, `now`).
    public static func compute(_ db: Database, for account: Account, since: Date, now: Date = Date()) throws -> ReferralDigestCounts {
        var counts = ReferralDigestCounts()
        let from = Timestamp.string(since), today = BerlinTime(now).dateString
        switch account.role {
        case .provider:
            for organization in account.organizations.sorted() {
                counts.waiting += try db.scalarInt("""
                    SELECT count(DISTINCT r.id) FROM referral_recipient rr JOIN referral r ON r.id = rr.referral_id
                    WHERE rr.organization_id = ? AND rr.state = 'offered' AND r.status = 'requested'
                    """, organization) ?? 0
                counts.overdue += try db.scalarInt("""
                    SELECT count(DISTINCT r.id) FROM referral_recipient rr JOIN referral r ON r.id = rr.referral_id
                    WHERE rr.organization_id = ? AND rr.state = 'offered' AND r.status = 'requested' AND r.respond_by < ?
                    """, organization, today) ?? 0
                counts.statusRequests += try db.scalarInt("""
                    SELECT count(*) FROM notification WHERE organization_id = ? AND kind = 'status-requested' AND created_at >= ?
                    """, organization, from) ?? 0
            }
        case .counselor:
            let team = "(r.requester_account_id = ?1 OR (r.requester_organization_id IS NOT NULL AND r.requester_organization_id = ?2))"
            counts.statusChanges = try db.scalarInt("""
                SELECT count(*) FROM referral_event e JOIN referral r ON r.id = e.referral_id
                WHERE \(team) AND e.kind IN ('status', 'claim') AND e.role <> 'counselor' AND e.at >= ?3
                """, account.id, account.organizationID, from) ?? 0
            counts.toReroute = try db.scalarInt("""
                SELECT count(*) FROM referral r WHERE \(team) AND r.closed_at >= ?3
                  AND (r.status = 'rejected' OR (r.status = 'cancelled' AND r.reason = 'no-response'))
                """, account.id, account.organizationID, from) ?? 0
        case .coordinator:
            let rows = try db.query("""
                SELECT coalesce(s.name, 'ohne Sozialraum'), count(*) FROM referral r LEFT JOIN sozialraum s ON s.id = r.sozialraum_id
                WHERE r.status IN ('rejected', 'cancelled', 'failed') AND r.closed_at >= ? GROUP BY 1 ORDER BY 2 DESC, 1
                """, from) { ($0.string(0), $0.int(1)) }
            counts.unmetByArea = zip(rows, UnmetNeedsReport.suppress(rows.map(\.1))).map { ($0.0.0, $0.1) }
        case .admin:
            break
        }
        return counts
    }
}

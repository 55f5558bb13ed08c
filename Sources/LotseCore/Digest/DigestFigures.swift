// DigestFigures: the directory figures of the week's digests, computed in bulk once per run —
// per organization, per Sozialraum and for the network — so that building 10,000 digests costs a
// few queries, not thousands. Counts and names of directory entries only; no personal data.
import Foundation
import SQLite

/// The week's figures for all digests.
public struct DigestFigures: Sendable {
    /// A directory entry due for review.
    public struct DueEntry: Sendable {
        public let table: String
        public let id: String
        public let name: String
        public let due: String
    }

    /// Per organization: entries due for review within four weeks (or overdue), in due order.
    public var dueByOrganization: [String: [DueEntry]] = [:]
    /// Per organization: listed services whose capacity was not updated for 30 days.
    public var staleCapacityByOrganization: [String: Int] = [:]
    /// Per Sozialraum id: services created in the last seven days located in its subtree.
    public var newServicesByArea: [String: Set<String>] = [:]
    /// Network figures for coordinators.
    public var members = 0, listedServices = 0, reviewQueue = 0, staleEntries = 0, openCorrections = 0
    /// Confirmed applications for membership waiting for a decision.
    public var openApplications = 0
    /// The Sozialraum names by id.
    public var areaNames: [String: String] = [:]
    /// Organization names by id (of organizations with something to report).
    public var organizationNames: [String: String] = [:]
    /// MAE rounds open for the members' comments (DigestContent+MAE).
    public var mae = MAEDigestFigures()

    /// Computes the figures for the week that contains `now`.
    public static func compute(_ db: Database, now: Date) throws -> DigestFigures {
        var figures = DigestFigures()
        let today = BerlinTime(now).dateString
        let soon = Timestamp.addingMonths(1, to: today) ?? today
        let listed = "s.hidden = 0 AND s.status IN ('active', 'temporarily closed')"
        try db.query("""
            SELECT 'service', s.id, s.name, s.next_review_due, s.organization_id FROM service s
            WHERE \(listed) AND s.next_review_due IS NOT NULL AND s.next_review_due <= ?1
            UNION ALL
            SELECT 'organization', o.id, o.name, o.next_review_due, o.id FROM organization o
            WHERE o.membership_status = 'member' AND o.next_review_due IS NOT NULL AND o.next_review_due <= ?1
            ORDER BY 4, 3
            """, soon) { row in
            figures.dueByOrganization[row.string(4), default: []]
                .append(DueEntry(table: row.string(0), id: row.string(1), name: row.string(2), due: row.string(3)))
        }.forEach { _ in }
        let monthAgo = Timestamp.string(now.addingTimeInterval(-30 * 86_400))
        try db.query("""
            SELECT s.organization_id, count(*) FROM service s
            WHERE \(listed) AND (s.capacity_updated_at IS NULL OR s.capacity_updated_at < ?) GROUP BY s.organization_id
            """, monthAgo) { row in figures.staleCapacityByOrganization[row.string(0)] = row.int(1) }.forEach { _ in }

        // New services by area: each new service counts for its location's area and ancestors.
        var parents: [String: String] = [:]
        try db.query("SELECT id, parent_id, name FROM sozialraum") { row in
            if let parent = row.optionalString(1) { parents[row.string(0)] = parent }
            figures.areaNames[row.string(0)] = row.string(2)
        }.forEach { _ in }
        let weekAgo = Timestamp.string(now.addingTimeInterval(-7 * 86_400))
        try db.query("""
            SELECT DISTINCT s.id, l.sozialraum_id FROM service s JOIN service_at_location sal ON sal.service_id = s.id
            JOIN location l ON l.id = sal.location_id
            WHERE \(listed) AND s.created_at >= ? AND l.visibility = 'public' AND l.sozialraum_id IS NOT NULL
            """, weekAgo) { row in
            var area: String? = row.string(1)
            var steps = 0
            while let current = area, steps < 16 {
                figures.newServicesByArea[current, default: []].insert(row.string(0))
                area = parents[current]
                steps += 1
            }
        }.forEach { _ in }

        let reported = Set(figures.dueByOrganization.keys).union(figures.staleCapacityByOrganization.keys)
        try db.query("SELECT id, name FROM organization") { row in
            if reported.contains(row.string(0)) { figures.organizationNames[row.string(0)] = row.string(1) }
        }.forEach { _ in }
        figures.members = try db.scalarInt("SELECT count(*) FROM organization WHERE membership_status = 'member'") ?? 0
        figures.listedServices = try db.scalarInt("""
            SELECT count(*) FROM service s JOIN organization o ON o.id = s.organization_id WHERE \(Listing.condition)
            """) ?? 0
        figures.reviewQueue = try db.scalarInt("SELECT count(*) FROM change_request WHERE status = 'pending'") ?? 0
        figures.openCorrections = try db.scalarInt("SELECT count(*) FROM correction WHERE status = 'open'") ?? 0
        figures.staleEntries = try Verification.staleEntries(db, today: today).count
        figures.openApplications = try MembershipApplications.openCount(db)
        figures.mae = try MAEDigestFigures.compute(db, now: now)
        return figures
    }
}

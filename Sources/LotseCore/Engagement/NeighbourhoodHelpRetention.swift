// NeighbourhoodHelpRetention: the retention of helper data, run with RetentionJob under the same
// period as referrals (`retention.referral_days`): a helper whose registration ended longer ago
// is emptied (name, contact, availability) and unlinked from ended placements; a placement that
// ended longer ago loses its helper link; a help request's time text goes with its anonymised
// referral. Each run leaves an audit row with counts only.
import Foundation
import SQLite

/// Retention of neighbourhood help data.
public enum NeighbourhoodHelpRetention {
    /// What a run did (or, dry, would do).
    public struct Report: Sendable, Equatable {
        public var helpersAnonymised = 0
        public var placementsUnlinked = 0
        public var requestsCleared = 0
    }

    /// Empties what ended before `cutoff` (an ISO timestamp); only counts with `dryRun`.
    public static func run(_ db: Database, now: Date, cutoff: String, dryRun: Bool) throws -> Report {
        var report = Report()
        let helpers = try db.query("""
            SELECT id FROM helper WHERE status = 'ended' AND anonymised_at IS NULL AND ended_at < ?
              AND NOT EXISTS (SELECT 1 FROM help_placement p WHERE p.helper_id = helper.id AND p.state <> 'ended')
            """, cutoff) { $0.string(0) }
        report.helpersAnonymised = helpers.count
        report.placementsUnlinked = try db.scalarInt("""
            SELECT count(*) FROM help_placement WHERE helper_id IS NOT NULL AND state = 'ended'
              AND (ended_at < ?1 OR helper_id IN (SELECT id FROM helper WHERE status = 'ended' AND ended_at < ?1))
            """, cutoff) ?? 0
        report.requestsCleared = try db.scalarInt("""
            SELECT count(*) FROM help_request h JOIN referral r ON r.id = h.referral_id WHERE h.schedule IS NOT NULL AND r.anonymised_at IS NOT NULL
            """) ?? 0
        guard !dryRun else { return report }
        let today = BerlinTime(now).dateString
        try db.execute("""
            UPDATE help_placement SET helper_id = NULL, proposed_at = substr(proposed_at, 1, 10), agreed_at = substr(agreed_at, 1, 10),
                started_at = substr(started_at, 1, 10), ended_at = substr(ended_at, 1, 10), asked_at = substr(asked_at, 1, 10)
            WHERE helper_id IS NOT NULL AND state = 'ended'
              AND (ended_at < ?1 OR helper_id IN (SELECT id FROM helper WHERE status = 'ended' AND ended_at < ?1))
            """, cutoff)
        for id in helpers {
            try db.execute("""
                UPDATE helper SET name = NULL, email = NULL, phone = NULL, availability = NULL, police_certificate_on = NULL,
                    created_at = substr(created_at, 1, 10), updated_at = substr(updated_at, 1, 10), ended_at = substr(ended_at, 1, 10),
                    anonymised_at = ? WHERE id = ?
                """, today, id)
        }
        try db.execute("""
            UPDATE help_request SET schedule = NULL WHERE schedule IS NOT NULL
              AND referral_id IN (SELECT id FROM referral WHERE anonymised_at IS NOT NULL)
            """)
        if report != Report() {
            try AuditLog(db: db, now: now).append(.retention, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                                  what: "Nachbarschaftshilfe: \(report.helpersAnonymised) Helfende anonymisiert, "
                                                    + "\(report.placementsUnlinked) Einsätze gelöst, \(report.requestsCleared) Anfragen geleert",
                                                  purpose: "Aufbewahrungsfristen")
        }
        return report
    }
}

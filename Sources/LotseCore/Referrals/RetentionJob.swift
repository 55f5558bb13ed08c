// RetentionJob: anonymises closed referrals past their period (docs/domain.md §6.5) — names,
// contact, case reference, notes, free-text reasons and outcomes, consent personal fields —
// keeping anonymous statistics (needs, Sozialraum, status, reason codes, day-precision dates);
// deletes old notifications and digest delivery logs; prunes the audit log by its own period; logs the run. Runs with
// `secure_delete` on, and `run(store:)` checkpoints the WAL afterwards, so no removed text
// stays in the database file.
import Foundation
import SQLite

/// One retention run.
public struct RetentionJob {
    let db: Database
    let now: Date
    let policy: RetentionPolicy

    /// Creates the job on the writer connection (inside a transaction).
    public init(db: Database, now: Date = Date(), policy: RetentionPolicy = RetentionPolicy()) {
        self.db = db
        self.now = now
        self.policy = policy
    }

    /// What a run did (or, dry, would do).
    public struct Report: Sendable, Equatable {
        /// True for a dry run.
        public var dryRun = false
        /// Referrals closed before this instant were due.
        public var cutoff = ""
        /// Referrals anonymised.
        public var referralsAnonymised = 0
        /// Notes deleted.
        public var notesDeleted = 0
        /// Consents anonymised.
        public var consentsAnonymised = 0
        /// Audit rows pruned.
        public var auditRowsPruned = 0
        /// Notifications deleted.
        public var notificationsDeleted = 0
        /// Helper data emptied (neighbourhood help).
        public var neighbourhoodHelp = NeighbourhoodHelpRetention.Report()

        /// A German one-line summary (counts only).
        public var summary: String {
            (dryRun ? "Probelauf – nichts geändert. Fällig wären: " : "Aufbewahrung: ")
                + "\(referralsAnonymised) Vermittlungen anonymisiert, \(notesDeleted) Notizen gelöscht, "
                + "\(consentsAnonymised) Einwilligungen anonymisiert, \(notificationsDeleted) Benachrichtigungen gelöscht, "
                + "\(auditRowsPruned) Protokollzeilen entfernt (geschlossen vor \(cutoff.prefix(10)))"
        }
    }

    /// Runs retention in one write transaction, then checkpoints and truncates the WAL so the
    /// removed text is gone from the files as well.
    public static func run(store: Store, now: Date = Date(), dryRun: Bool = false) throws -> Report {
        let report = try store.pool.write { db in
            try RetentionJob(db: db, now: now, policy: try ReferralSettings.load(db).retention).run(dryRun: dryRun)
        }
        if !dryRun {
            try store.pool.writeWithoutTransaction { db in _ = try db.scalarString("PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        return report
    }

    /// Anonymises, deletes and prunes what is due (only counts with `dryRun`), and logs the
    /// run in `retention_run` and the audit log.
    public func run(dryRun: Bool = false) throws -> Report {
        try db.execute("PRAGMA secure_delete = ON")
        var report = Report(dryRun: dryRun)
        report.cutoff = Timestamp.string(now.addingTimeInterval(-Double(policy.referralDays) * 86_400))
        let due = try db.query("""
            SELECT id FROM referral WHERE anonymised_at IS NULL AND closed_at IS NOT NULL AND closed_at < ?
              AND status IN ('rejected', 'cancelled', 'failed', 'completed', 'entered-in-error') ORDER BY id
            """, report.cutoff) { $0.string(0) }
        report.referralsAnonymised = due.count
        let today = BerlinTime(now).dateString
        for id in due {
            report.notesDeleted += try db.scalarInt("SELECT count(*) FROM referral_note WHERE referral_id = ?", id) ?? 0
            guard !dryRun else { continue }
            try db.execute("""
                UPDATE referral SET reason_text = NULL, case_reference = NULL, citizen_name = NULL, citizen_phone = NULL,
                    citizen_email = NULL, citizen_address = NULL, outcome_text = NULL, citizen_feedback = NULL,
                    created_at = substr(created_at, 1, 10), sent_at = substr(sent_at, 1, 10),
                    responded_at = substr(responded_at, 1, 10), status_changed_at = substr(status_changed_at, 1, 10),
                    closed_at = substr(closed_at, 1, 10), loop_closed_at = substr(loop_closed_at, 1, 10), anonymised_at = ?
                WHERE id = ?
                """, today, id)
            try db.execute("DELETE FROM referral_note WHERE referral_id = ?", id)
            try db.execute("DELETE FROM referral_appointment WHERE referral_id = ?", id)
            try db.execute("UPDATE housing_proposal SET documents_missing = NULL, extension_reason = NULL WHERE referral_id = ?", id)
            try db.execute("UPDATE referral_event SET reason_text = NULL, at = substr(at, 1, 10) WHERE referral_id = ?", id)
        }
        report.neighbourhoodHelp = try NeighbourhoodHelpRetention.run(db, now: now, cutoff: report.cutoff, dryRun: dryRun)
        // Consents of groups whose every referral is anonymised (or is now).
        let consents = try db.query("""
            SELECT c.id FROM consent c WHERE (c.consenting_person IS NOT NULL OR c.purpose <> '')
              AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.group_id = c.group_id AND r.anonymised_at IS NULL
                              AND NOT (r.closed_at IS NOT NULL AND r.closed_at < ?1
                                       AND r.status IN ('rejected', 'cancelled', 'failed', 'completed', 'entered-in-error')))
            """, report.cutoff) { $0.string(0) }
        report.consentsAnonymised = consents.count
        if !dryRun {
            for id in consents {
                try db.execute("""
                    UPDATE consent SET consenting_person = NULL, purpose = '', recorded_at = substr(recorded_at, 1, 10) WHERE id = ?
                    """, id)
            }
        }
        let notificationCutoff = Timestamp.string(now.addingTimeInterval(-Double(policy.notificationDays) * 86_400))
        report.notificationsDeleted = try db.scalarInt("SELECT count(*) FROM notification WHERE created_at < ?", notificationCutoff) ?? 0
        let auditCutoff = Timestamp.string(now.addingTimeInterval(-Double(policy.auditDays) * 86_400))
        if dryRun {
            report.auditRowsPruned = try db.scalarInt("SELECT count(*) FROM audit_log WHERE at < ?", auditCutoff) ?? 0
        } else {
            try db.execute("DELETE FROM notification WHERE created_at < ?", notificationCutoff)
            try DigestRun.purgeDeliveries(db, now: now)
            report.auditRowsPruned = try AuditLog(db: db, now: now).prune(before: auditCutoff)
        }
        try db.execute("""
            INSERT INTO retention_run(at, dry_run, referral_cutoff, referrals_anonymised, notes_deleted, consents_anonymised,
                audit_rows_pruned, notifications_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, Timestamp.string(now), dryRun, report.cutoff, report.referralsAnonymised, report.notesDeleted,
                       report.consentsAnonymised, report.auditRowsPruned, report.notificationsDeleted)
        try AuditLog(db: db, now: now).append(.retention, accountID: nil, role: "system", organizationID: nil, referralID: nil,
                                              what: "\(dryRun ? "Probelauf: " : "")\(report.referralsAnonymised) anonymisiert, "
                                                + "\(report.notesDeleted) Notizen, \(report.consentsAnonymised) Einwilligungen, "
                                                + "\(report.auditRowsPruned) Protokollzeilen",
                                              purpose: "Aufbewahrungsfristen")
        return report
    }
}

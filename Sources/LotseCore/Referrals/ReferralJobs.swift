// ReferralJobs: the deadline and escalation steps, run by a scheduler or `lotse jobs run` —
// remind the provider at the respond-by date, alert the counselor with alternatives some
// working days later, optionally cancel as "keine Rückmeldung", and ask for a status when an
// active referral stalls. Each step happens once per referral (recorded in referral_job_step).
import Foundation
import SQLite

/// The deadline jobs on one connection (inside the caller's write transaction).
public struct ReferralJobs {
    let db: Database
    let now: Date
    let settings: ReferralSettings
    /// Alternative service ids for a counselor alert (default: a directory search for the
    /// referral's needs near its Sozialraum, without the services already asked).
    let alternatives: ((Referral) throws -> [String])?

    /// Creates the jobs.
    public init(db: Database, now: Date = Date(), settings: ReferralSettings = .standard,
                alternatives: ((Referral) throws -> [String])? = nil) {
        self.db = db
        self.now = now
        self.settings = settings
        self.alternatives = alternatives
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// Reminders sent to providers.
        public var reminders = 0
        /// Alerts sent to counselors.
        public var alerts = 0
        /// Referrals cancelled for no response.
        public var autoCancelled = 0
        /// Status requests for stalled referrals.
        public var stalledAsked = 0

        /// A German one-line summary (counts only).
        public var summary: String {
            "Fristen: \(reminders) Erinnerungen an Anbieter, \(alerts) Hinweise an die Beratung, "
                + "\(autoCancelled) storniert (keine Rückmeldung), \(stalledAsked) Nachfragen zum Stand"
        }
    }

    /// Runs every due step once.
    public func run() throws -> Report {
        let desk = try ReferralDesk(db: db, now: now, settings: settings)
        let today = BerlinTime(now).dateString
        var report = Report()
        var calendars: [String: WorkingDays] = [:]
        func calendar(_ referral: Referral) throws -> WorkingDays {
            let key = referral.sozialraumID ?? referral.serviceID ?? ""
            if let known = calendars[key] { return known }
            let made = WorkingDays(stateCode: try desk.stateCode(sozialraumID: referral.sozialraumID, serviceID: referral.serviceID))
            calendars[key] = made
            return made
        }

        let overdue = try db.query("SELECT id FROM referral WHERE status = 'requested' AND respond_by <= ? ORDER BY respond_by, id",
                                   today) { $0.string(0) }
        for id in overdue {
            let referral = try desk.referral(id)
            guard let respondBy = referral.respondBy else { continue }
            let days = try calendar(referral)
            if try mark(id, "reminder") {
                for organization in referral.recipientOrganizations.sorted() {
                    try desk.notifications.add(.respondReminder, referralID: id, organizationID: organization)
                }
                report.reminders += 1
            }
            if today >= days.adding(settings.alertAfterWorkingDays, to: respondBy), try mark(id, "alert") {
                let ids = try (alternatives ?? defaultAlternatives)(referral)
                try desk.notifications.add(.noResponseAlert, referralID: id, accountID: referral.requesterAccountID,
                                           detail: ids.joined(separator: ","))
                report.alerts += 1
            }
            if let after = settings.autoCancelAfterWorkingDays, today >= days.adding(after, to: respondBy), try mark(id, "auto-cancel") {
                try desk.apply(referral, to: .cancelled, actor: .system("jobs"), reason: .noResponse)
                try desk.notifications.add(.autoCancelled, referralID: id, accountID: referral.requesterAccountID)
                for organization in referral.recipientOrganizations.sorted() {
                    try desk.notifications.add(.autoCancelled, referralID: id, organizationID: organization)
                }
                report.autoCancelled += 1
            }
        }

        // Working days are at least calendar days, so this pre-filter loses nothing.
        let earliest = Timestamp.string(now.addingTimeInterval(-Double(settings.stalledAfterWorkingDays) * 86_400))
        let active = try db.query("""
            SELECT id FROM referral WHERE status IN ('accepted', 'in-progress', 'on-hold') AND status_changed_at <= ? ORDER BY id
            """, earliest) { $0.string(0) }
        for id in active {
            let referral = try desk.referral(id)
            let since = String(referral.statusChangedAt.prefix(10))
            guard try calendar(referral).count(from: since, to: today) >= settings.stalledAfterWorkingDays,
                  try mark(id, "stalled:\(referral.statusChangedAt)") else { continue }
            for organization in referral.recipientOrganizations.sorted() {
                try desk.notifications.add(.statusRequested, referralID: id, organizationID: organization)
            }
            report.stalledAsked += 1
        }
        return report
    }

    /// Records a step; false when it was already done.
    private func mark(_ referralID: String, _ step: String) throws -> Bool {
        try db.execute("INSERT OR IGNORE INTO referral_job_step(referral_id, step, done_at) VALUES (?, ?, ?)",
                       referralID, step, Timestamp.string(now))
        return db.changes == 1
    }

    /// Up to three listed services with one of the needs, nearest first, not yet asked.
    private func defaultAlternatives(_ referral: Referral) throws -> [String] {
        var query = SearchQuery(limit: 10)
        query.needs = referral.needs
        if let area = referral.sozialraumID, let code = try db.scalarString("SELECT code FROM sozialraum WHERE id = ?", area) {
            query.near = code
        }
        let asked = Set(referral.recipients.map(\.serviceID))
        return try SearchIndex.current(db, now: now).search(query, now: now).serviceIDs.filter { !asked.contains($0) }.prefix(3).map { $0 }
    }
}

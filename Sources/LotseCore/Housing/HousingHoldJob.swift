// HousingHoldJob: the hold deadlines, run by the scheduler and `lotse jobs run` — a hold whose
// last day has passed without an approval lapses ("Kostenübernahme nicht rechtzeitig": the
// referral fails with "keine Rückmeldung", the flat is free again, both sides are notified);
// some working days before the last day the counselor is reminded (a notification, mailed on
// the notification path) and a reminder e-mail to the cost bearer's office is queued
// (HoldReminderMails). Each step happens once per hold date; a second run changes nothing.
import Foundation
import SQLite
import Templating

/// The hold deadlines on one connection (inside the caller's write transaction).
public struct HousingHoldJob {
    /// What a run did (counts only).
    public struct Report: Sendable, Equatable {
        public var lapsed = 0
        public var reminders = 0

        public init() {}

        /// A German one-line summary.
        public var summary: String {
            "Wohnungen: \(lapsed) Reservierungen abgelaufen, \(reminders) Erinnerungen vor Ablauf"
        }
    }

    let db: Database
    let now: Date

    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Runs every due step once.
    public func run() throws -> Report {
        let desk = try ReferralDesk(db: db, now: now, settings: try ReferralSettings.load(db))
        let settings = try SettingValues.load(db)
        let today = desk.todayString
        var report = Report()
        for proposal in try HousingProposal.load(db, where: "state = 'held' AND hold_until < ?", [today]) {
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .lapse, by: .system)
            let referral = try desk.referral(proposal.referralID)
            if referral.status == .accepted {
                try desk.apply(referral, to: .failed, actor: .system("housing"), reason: .noResponse)
            }
            try HousingOffers.release(db, offer: proposal.offerID, now: now)
            try HousingHolds.end(desk, proposal, next, by: .system("housing"))
            try desk.notifications.add(.statusChanged, referralID: proposal.referralID, organizationID: proposal.companyOrganizationID,
                                       detail: ReferralStatus.failed.rawValue)
            report.lapsed += 1
        }
        let days = settings.integer(SettingsRegistry.holdReminderDays) ?? 3
        for proposal in try HousingProposal.load(db, where: "state = 'held' AND reminded_at IS NULL AND hold_until >= ?", [today]) {
            guard let until = proposal.holdUntil,
                  HoldDeadline.reminderDue(until, today: today, workingDays: days, calendar: try HousingHolds.calendar(desk, offer: proposal.offerID))
            else { continue }
            try db.execute("UPDATE housing_proposal SET reminded_at = ? WHERE referral_id = ?", desk.timestampString, proposal.referralID)
            let referral = try desk.referral(proposal.referralID)
            try desk.notifications.add(.statusRequested, referralID: proposal.referralID, accountID: referral.requesterAccountID,
                                       detail: "hold-until:\(until)")
            if let office = proposal.costBearerOfficeID,
               let email = try db.scalarString("SELECT email FROM cost_bearer_office WHERE id = ?", office) {
                try db.execute("""
                    INSERT OR IGNORE INTO housing_hold_mail(referral_id, email, hold_until, created_at) VALUES (?, ?, ?, ?)
                    """, proposal.referralID, email, until, desk.timestampString)
            }
            report.reminders += 1
        }
        return report
    }
}

/// The reminder e-mails to the cost bearers' offices: the area, the hold's last day, whether
/// and when the approval was applied for and the proposing team — no name, no case reference,
/// no link that signs anyone in.
public enum HoldReminderMails {
    /// What a send run did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var failed = 0

        public init() {}

        public var summary: String { "Erinnerungen an Kostenträger: \(sent) verschickt, \(failed) fehlgeschlagen" }
    }

    /// One pending reminder with what its message says.
    public struct Reminder: Sendable, Equatable {
        public let id: Int
        public let email: String
        public let office: String
        public let area: String
        public let holdUntil: String
        public let appliedOn: String?
        public let team: String
    }

    /// Sends the pending reminders (at most five attempts each).
    @discardableResult
    public static func send(store: Store, settings: MailSettings, networkName: String, now: Date) throws -> Report {
        let pending = try store.pool.read { db in
            try db.query("""
                SELECT m.id, m.email, coalesce(c.name, ''), s.name, m.hold_until, p.approval_applied_on, coalesce(t.name, '')
                FROM housing_hold_mail m JOIN housing_proposal p ON p.referral_id = m.referral_id
                JOIN housing_offer o ON o.id = p.offer_id JOIN sozialraum s ON s.id = o.sozialraum_id
                JOIN referral r ON r.id = p.referral_id LEFT JOIN organization t ON t.id = r.requester_organization_id
                LEFT JOIN cost_bearer_office c ON c.id = p.cost_bearer_office_id
                WHERE m.sent_at IS NULL AND m.attempts < 5 ORDER BY m.id
                """) {
                Reminder(id: $0.int(0), email: $0.string(1), office: $0.string(2), area: $0.string(3), holdUntil: $0.string(4),
                         appliedOn: $0.optionalString(5), team: $0.string(6))
            }
        }
        var report = Report()
        for reminder in pending {
            do {
                try settings.transport.send(try message(reminder, settings: settings, networkName: networkName, now: now).rendered)
                try store.pool.write { db in
                    try db.execute("UPDATE housing_hold_mail SET sent_at = ? WHERE id = ?", Timestamp.string(now), reminder.id)
                }
                report.sent += 1
            } catch {
                try store.pool.write { db in
                    try db.execute("UPDATE housing_hold_mail SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                                   String(describing: error).prefix(500).description, reminder.id)
                }
                report.failed += 1
            }
        }
        return report
    }

    /// The message of `reminder` (template `wohnungen/hold_reminder.txt`).
    public static func message(_ reminder: Reminder, settings: MailSettings, networkName: String, now: Date) throws -> MailMessage {
        let context: [String: TemplateValue] = [
            "office": .string(reminder.office), "area": .string(reminder.area), "holdUntil": .string(HoldDeadline.german(reminder.holdUntil)),
            "appliedOn": reminder.appliedOn.map { .string(HoldDeadline.german($0)) } ?? .null, "team": .string(reminder.team),
            "url": .string(settings.publicURL + "/"), "networkName": .string(networkName),
        ]
        let text = try settings.templates.render("wohnungen/hold_reminder.txt", .object(context))
        return MailMessage(from: settings.from, to: [MailAddress(reminder.email)],
                           subject: "Reservierte Wohnung: Kostenübernahme bis \(HoldDeadline.german(reminder.holdUntil)) (\(networkName))",
                           text: text, date: now)
    }
}

// NotificationMailRun: sends the queued notification e-mails (`notification_mail`) — each
// immediate one on its own, the daily ones of an account as one summary when their hour has
// come — never during the quiet hours unless urgent. Each message is claimed ('sending'),
// handed to sendmail (its process group recorded at once), and marked 'sent' or 'failed'
// (retried with back-off, given up after `MailQueue.maximumAttempts`). A rerun after a crash
// waits for a surviving sendmail and counts its message sent instead of sending it again.
// Messages carry what happened, the organization, the deadline and a link behind the login (the
// referral's own page, the list, or the grants page) — no personal data of the referral, and no
// link that signs anyone in. Grant announcements name the organization, the role asked for and
// the requesting staff member.
import Foundation
import SQLite
import Templating

/// One run of the notification mailer.
public struct NotificationMailRun: Sendable {
    /// What a run did.
    public struct Report: Sendable, Equatable {
        public var sent = 0, failed = 0, handedOver = 0, dropped = 0
        public var summary: String { "\(sent) verschickt, \(failed) fehlgeschlagen" + (handedOver > 0 ? ", \(handedOver) vor einem Abbruch übergeben" : "") }
    }

    /// Seconds a claimed message is reserved; a claim older than this without a sendmail is
    /// sent again (the run that claimed it died before starting sendmail).
    public static let lease: TimeInterval = 10 * 60

    let store: Store
    let settings: MailSettings
    let networkName: String

    /// A run on `store` sending with `settings`.
    public init(store: Store, settings: MailSettings, networkName: String) {
        self.store = store
        self.settings = settings
        self.networkName = networkName
    }

    /// Whether `now` lies in the quiet hours of `values` (Berlin time).
    public static func isQuiet(_ now: Date, values: SettingValues) -> Bool {
        guard let from = values.integer(SettingsRegistry.quietFrom), let until = values.integer(SettingsRegistry.quietUntil), from != until else {
            return false
        }
        let hour = BerlinTime(now).hour
        return from < until ? (hour >= from && hour < until) : (hour >= from || hour < until)
    }

    /// Sends what is due at `now`.
    public func run(now: Date = Date()) throws -> Report {
        var report = Report()
        let values = try store.pool.read { try SettingValues.load($0) }
        let quiet = Self.isQuiet(now, values: values)
        // Settle hand-overs of a run that died; release claims that never reached sendmail.
        let handedOver = try store.pool.read { db in
            try db.query("SELECT DISTINCT sendmail_pid FROM notification_mail WHERE status = 'sending' AND sendmail_pid IS NOT NULL") { Int32($0.int(0)) }
        }
        for group in handedOver where !SendmailTransport.groupAlive(group) {
            try store.pool.write { db in
                try db.execute("UPDATE notification_mail SET status = 'sent', sent_at = ?, sendmail_pid = NULL WHERE status = 'sending' AND sendmail_pid = ?",
                               Timestamp.string(now), Int(group))
                report.handedOver += db.changes
            }
        }
        try store.pool.write { db in
            try db.execute("UPDATE notification_mail SET status = 'pending' WHERE status = 'sending' AND sendmail_pid IS NULL AND due_at <= ?",
                           Timestamp.string(now))
        }
        // Claim the due messages: immediate ones one by one, daily ones per account.
        let batches: [[Int64]] = try store.pool.write { db in
            let rows = try db.query("""
                SELECT id, account_id, mode FROM notification_mail WHERE status IN ('pending', 'failed') AND due_at <= ? AND (urgent = 1 OR ? = 0)
                ORDER BY urgent DESC, id
                """, Timestamp.string(now), quiet ? 1 : 0) { ($0.int64(0), $0.string(1), $0.string(2)) }
            var batches: [[Int64]] = []
            var daily: [String: [Int64]] = [:]
            for (id, account, mode) in rows {
                if mode == NotificationMode.daily.rawValue { daily[account, default: []].append(id) } else { batches.append([id]) }
            }
            batches += daily.keys.sorted().map { daily[$0]! }
            for batch in batches {
                for id in batch {
                    try db.execute("UPDATE notification_mail SET status = 'sending', batch = ?, attempts = attempts + 1, due_at = ? WHERE id = ?",
                                   "n\(batch[0])", Timestamp.string(now.addingTimeInterval(Self.lease)), id)
                }
            }
            return batches
        }
        for batch in batches { try send(batch, now: now, into: &report) }
        return report
    }

    /// One item of a message: a notification with the organization and deadline of its referral.
    private struct Item {
        let accountID: String, kind: ReferralNotificationKind, organization: String?, deadline: String?, alternatives: Int, attempts: Int
        /// The referral's id (a link target, no personal data).
        let referralID: String?
        /// Grant announcements: who asked (a staff member's display name) and for which role.
        let requestedBy: String?, grantRole: Role?
    }

    private func send(_ batch: [Int64], now: Date, into report: inout Report) throws {
        let (account, items) = try store.pool.read { db -> (Account?, [Item]) in
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            let items = try db.query("""
                SELECT m.account_id, COALESCE(n.kind, 'grant-requested'), COALESCE(o.name, ro.name, go.name), r.respond_by,
                       COALESCE(n.detail, ''), m.attempts, n.referral_id, g.requested_by_name, g.role
                FROM notification_mail m LEFT JOIN notification n ON n.id = m.notification_id
                LEFT JOIN organization o ON o.id = n.organization_id
                LEFT JOIN referral r ON r.id = n.referral_id LEFT JOIN organization ro ON ro.id = r.organization_id
                LEFT JOIN access_grant g ON g.id = m.grant_id LEFT JOIN organization go ON go.id = g.organization_id
                WHERE m.id IN (\(marks)) ORDER BY m.id
                """, values: batch.map { $0 as SQLBindable? }) { row in
                Item(accountID: row.string(0), kind: ReferralNotificationKind(rawValue: row.string(1)) ?? .statusChanged,
                     organization: row.optionalString(2), deadline: row.optionalString(3),
                     alternatives: row.string(4).split(separator: ",").filter { !$0.isEmpty }.count, attempts: row.int(5),
                     referralID: row.optionalString(6), requestedBy: row.optionalString(7), grantRole: row.optionalString(8).flatMap(Role.init(rawValue:)))
            }
            return (try items.first.flatMap { try AccountStore(db: db).account(id: $0.accountID) }, items)
        }
        let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
        let ids = batch.map { $0 as SQLBindable? }
        guard let account, account.status == .active, !items.isEmpty else {
            try store.pool.write { try $0.execute("UPDATE notification_mail SET status = 'dropped' WHERE id IN (\(marks))", values: ids) }
            report.dropped += batch.count
            return
        }
        let message = try render(items, to: account, batch: batch[0], now: now)
        do {
            try settings.transport.send(message.rendered) { group in
                try store.pool.write { try $0.execute("UPDATE notification_mail SET sendmail_pid = ? WHERE id IN (\(marks))", values: [Int(group)] + ids) }
            }
        } catch let failure as SendmailTransport.Failure {
            let attempts = items.map(\.attempts).max() ?? 1
            let givenUp = attempts >= MailQueue.maximumAttempts
            try store.pool.write { db in
                try db.execute("""
                    UPDATE notification_mail SET status = ?, sendmail_pid = NULL, last_error = ?, due_at = ? WHERE id IN (\(marks))
                    """, values: [givenUp ? "dropped" : "failed", String(failure.description.prefix(500)),
                                  Timestamp.string(now.addingTimeInterval(MailQueue.delay(afterAttempts: attempts)))] + ids)
            }
            if givenUp { report.dropped += 1 } else { report.failed += 1 }
            return
        }
        try store.pool.write { db in
            try db.execute("UPDATE notification_mail SET status = 'sent', sent_at = ?, sendmail_pid = NULL, last_error = NULL WHERE id IN (\(marks))",
                           values: [Timestamp.string(Date())] + ids)
        }
        report.sent += 1
    }

    /// The message: one notification, or the daily summary of several.
    private func render(_ items: [Item], to account: Account, batch: Int64, now: Date) throws -> MailMessage {
        let single = items.count == 1 ? items[0] : nil
        let subject: String
        let intro: String
        if let single {
            subject = "\(single.kind.label)" + (single.organization.map { " – \($0)" } ?? "") + " (\(networkName))"
            intro = single.kind == .grantRequested ? "in \(networkName) wartet ein beantragter Zugang auf Ihre Bestätigung:"
                : "in \(networkName) gibt es Neues zu einer Vermittlung:"
        } else {
            subject = "Ihre tägliche Zusammenfassung: \(items.count) Benachrichtigungen (\(networkName))"
            intro = "hier sind die Benachrichtigungen des Tages aus \(networkName):"
        }
        let itemValues: [TemplateValue] = items.map { item in
            .object(["what": .string(item.kind.label), "organization": item.organization.map { .string($0) } ?? .null,
                     "deadline": item.deadline.flatMap(Self.germanDate).map { .string($0) } ?? .null,
                     "alternatives": item.alternatives > 0 && item.kind == .noResponseAlert ? .string("\(item.alternatives)") : .null,
                     "request": item.requestedBy.map { .string("Zugang \(item.grantRole.map { "als \($0.label) " } ?? "")beantragt von \($0)") } ?? .null,
                     "link": .string(settings.publicURL + link(item))])
        }
        // One notification links to its own page; a summary to the list (and each item to its page).
        let url = single.map(link) ?? (items.allSatisfy { $0.kind == .grantRequested } ? settings.links.grants : settings.links.referrals)
        let context: [String: TemplateValue] = ["name": .string(account.displayName), "networkName": .string(networkName), "title": .string(subject),
                                                "intro": .string(intro), "items": .array(itemValues), "summary": .bool(single == nil),
                                                "url": .string(settings.publicURL + url), "siteURL": .string(settings.publicURL),
                                                "linkText": .string(url == settings.links.grants ? "Zu den Freigaben" : single?.referralID != nil ? "Zur Vermittlung" : "Zu den Vermittlungen")]
        let text = try settings.templates.render("mail/notification.txt", .object(context))
        let html = try settings.templates.render("mail/notification.html", .object(context))
        let domain = settings.from.email.split(separator: "@").last.map(String.init) ?? "lotse.invalid"
        return MailMessage(from: settings.from, to: [MailAddress(account.email, name: account.displayName)], subject: subject,
                           text: text, html: html, date: now, extraHeaders: [("Auto-Submitted", "auto-generated")],
                           messageID: "notification.\(batch).\(Crypto.sha256Hex(account.id).prefix(16))@\(domain)")
    }

    /// The page an item leads to, behind the login: the grants, the referral, or the list.
    private func link(_ item: Item) -> String {
        if item.kind == .grantRequested { return settings.links.grants }
        return item.referralID.map(settings.links.referral) ?? settings.links.referrals
    }

    /// "2026-11-25" → "25.11.2026".
    static func germanDate(_ iso: String) -> String? {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return nil }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}

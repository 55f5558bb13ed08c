// DigestRun: one run of the weekly digest. First every due recipient's message is prepared
// (rendered and stored in the delivery log, or 'skipped' when there is nothing to report),
// then every prepared, failed or interrupted message is handed to sendmail, each state change
// committed on its own: 'sending' before sendmail starts, the process group it was handed to
// right after it started, 'sent' or 'failed' when it ended. Rerunning — after failures, a
// hanging sendmail or a crash — sends what is missing and nothing twice: a message whose
// sendmail was already running when the run died is not sent again (the rerun waits for that
// process group and counts it as delivered). The window left is the instant between starting
// sendmail and recording its process id. Once sent, the stored copy is deleted (only the
// delivery log stays), and retention deletes the log after `deliveryLogDays`.
import Dispatch
import Foundation
import SQLite
import Templating

/// Builds and sends the digests of one ISO week.
public struct DigestRun: Sendable {
    /// What to do.
    public struct Options: Sendable {
        /// The week (default: the current one).
        public var week: ISOWeek
        /// Only this recipient's e-mail address.
        public var recipient: String?
        /// Build messages but record and send nothing.
        public var dryRun = false
        /// Write the messages as .eml files here instead of sending (implies a dry run).
        public var outputDirectory: String?
        /// Fault injection for tests: stop the run (as a crash would) after this many sends.
        public var stopAfterSends: Int?
        /// Messages handed to sendmail at the same time (nil: `MailSettings.senders`).
        public var concurrency: Int?
        /// Send a failed message again only when its back-off has passed (the scheduler's
        /// retries); a run by hand retries every failed message at once.
        public var respectBackoff = false

        /// Options for a week.
        public init(week: ISOWeek) { self.week = week }
    }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        public var recipients = 0, prepared = 0, skipped = 0, sent = 0, failed = 0, alreadySent = 0, written = 0
        /// Messages handed to a sendmail by a run that died, counted as sent by this run.
        public var handedOver = 0
        /// Sendmail failures (recipient, reason) of this run.
        public var failures: [String] = []
    }

    /// Thrown when `stopAfterSends` is reached (simulated crash).
    public struct Interrupted: Error, Sendable {}

    let store: Store
    let settings: MailSettings
    let networkName: String

    /// Creates a run.
    public init(store: Store, settings: MailSettings, networkName: String) {
        self.store = store
        self.settings = settings
        self.networkName = networkName
    }

    /// Runs the digest for `options.week` at `now`.
    public func run(_ options: Options, now: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        let week = options.week.description
        let recipients = try store.pool.read { db in try Self.recipients(db, only: options.recipient) }
        summary.recipients = recipients.count
        let figures = try store.pool.read { try DigestFigures.compute($0, now: now) }
        let secret = try store.keys.signingKey()
        let writeFiles = options.outputDirectory != nil
        let dry = options.dryRun || writeFiles

        // Prepare, in batches.
        var index = 0
        while index < recipients.count {
            let batch = recipients[index..<min(recipients.count, index + 250)]
            index += batch.count
            var prepared: [(Account, String, [UInt8]?)] = []
            let since = now.addingTimeInterval(-7 * 86_400)
            let (done, referralCounts) = try store.pool.read { db in
                let done = Set(try db.query("SELECT account_id FROM digest_delivery WHERE week = ?", week) { $0.string(0) })
                var counts: [String: ReferralDigestCounts] = [:]
                for (account, _, _) in batch where dry || !done.contains(account.id) {
                    counts[account.id] = try ReferralDigestCounts.compute(db, for: account, since: since, now: now)
                }
                return (done, counts)
            }
            for (account, areas, sendEmpty) in batch {
                if done.contains(account.id) && !dry { summary.alreadySent += 1; continue }
                let base = DigestContent.make(for: account, areas: areas, figures: figures, referrals: referralCounts[account.id] ?? ReferralDigestCounts(),
                                                 week: options.week, networkName: networkName,
                                                 siteURL: settings.publicURL, paths: settings.links) { purpose, subject in
                    settings.publicURL + settings.links.signedLink(purpose, SignedLink.make(purpose, subject: subject, secret: secret, now: now))
                }
                let content = try store.pool.read { db in try base.addingNeighbourhoodHelp(db, siteURL: settings.publicURL, paths: settings.links) }
                    .withHousing(store: store, now: now, siteURL: settings.publicURL, paths: settings.links)
                if !content.hasNews && !sendEmpty {
                    prepared.append((account, "", nil))
                    continue
                }
                let message = try render(content, week: options.week, now: now)
                prepared.append((account, message.messageID, message.rendered))
            }
            if writeFiles, let directory = options.outputDirectory {
                for (account, _, bytes) in prepared {
                    guard let bytes else { summary.skipped += 1; continue }
                    let name = account.email.replacingOccurrences(of: "/", with: "_") + ".eml"
                    try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
                    summary.written += 1
                }
                continue
            }
            if dry {
                for (_, _, bytes) in prepared { if bytes == nil { summary.skipped += 1 } else { summary.prepared += 1 } }
                continue
            }
            try store.pool.write { db in
                for (account, messageID, bytes) in prepared {
                    try db.execute("""
                        INSERT OR IGNORE INTO digest_delivery(account_id, week, status, message_id, message, prepared_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, account.id, week, bytes == nil ? "skipped" : "prepared", bytes == nil ? nil : messageID, bytes,
                                   Timestamp.string(now))
                    if db.changes == 1 { if bytes == nil { summary.skipped += 1 } else { summary.prepared += 1 } }
                }
            }
            progress?(index, recipients.count)
        }
        guard !dry else { return summary }

        // Messages a crashed run had handed to a sendmail that may still run: wait for it, never resend.
        let only = Set(recipients.map(\.0.id))
        let handedOver = try store.pool.read { db in
            try db.query("SELECT account_id, sendmail_pid FROM digest_delivery WHERE week = ? AND status = 'sending' AND sendmail_pid IS NOT NULL",
                         week) { ($0.string(0), Int32($0.int(1))) }.filter { only.contains($0.0) }
        }
        for (accountID, group) in handedOver {
            SendmailTransport.waitForGroup(group, until: Date().addingTimeInterval(settings.transport.timeout + 5))
            try store.pool.write { db in
                try db.execute("PRAGMA secure_delete = ON")
                try db.execute("""
                    UPDATE digest_delivery SET status = 'sent', sent_at = ?, message = NULL, sendmail_pid = NULL,
                    last_error = 'an sendmail übergeben, als der Lauf abbrach; nicht erneut gesendet' WHERE account_id = ? AND week = ?
                    """, Timestamp.string(Date()), accountID, week)
            }
            summary.handedOver += 1
        }

        // Send what is prepared, failed earlier (when its back-off has passed, if asked), or
        // was interrupted before its sendmail started.
        let queue = try store.pool.read { db in
            try db.query("""
                SELECT account_id FROM digest_delivery WHERE week = ? AND (status = 'prepared' OR (status = 'sending' AND sendmail_pid IS NULL)
                OR (status = 'failed' AND (? = 0 OR next_attempt_at IS NULL OR next_attempt_at <= ?))) ORDER BY account_id
                """, week, options.respectBackoff ? 1 : 0, Timestamp.string(now)) { $0.string(0) }.filter { only.contains($0) }
        }
        // Several senders in parallel, each on its own thread (starting sendmail dominates the
        // cost of a message, and a thread pool would cap them at the number of cores).
        let state = SendState()
        let senders = max(1, min(options.concurrency ?? settings.senders, queue.count))
        let group = DispatchGroup()
        for _ in 0..<senders {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let index = state.next(below: queue.count) {
                    let accountID = queue[index]
                    do {
                        let outcome = try send(accountID, week: week, now: now)
                        let stop = state.record(outcome, accountID: accountID, stopAfter: options.stopAfterSends)
                        progress?(index + 1, queue.count)
                        if stop { return }
                    } catch {
                        state.fail(error)
                        return
                    }
                }
            }
            thread.name = "lotse-digest"
            thread.start()
        }
        group.wait()
        let final = state.snapshot()
        if let error = final.error { throw error }
        summary.sent = final.sent
        summary.failed = final.failed
        summary.failures = final.failures
        if final.stop { throw Interrupted() }
        return summary
    }

    enum SendOutcome { case sent, failed(String), nothing }

    /// The shared progress of the parallel senders.
    final class SendState: @unchecked Sendable {
        struct Value { var next = 0, sent = 0, failed = 0, failures: [String] = [], stop = false, error: (any Error)? }
        private let lock = NSLock()
        private var value = Value()

        /// The next index to send, or nil when done, stopped or failed.
        func next(below count: Int) -> Int? {
            lock.withLock {
                guard !value.stop, value.error == nil, value.next < count else { return nil }
                value.next += 1
                return value.next - 1
            }
        }

        /// Records an outcome; true when the run is to stop (fault injection).
        func record(_ outcome: SendOutcome, accountID: String, stopAfter: Int?) -> Bool {
            lock.withLock {
                switch outcome {
                case .sent: value.sent += 1
                case .failed(let reason):
                    value.failed += 1
                    value.failures.append("\(accountID): \(reason)")
                case .nothing: break
                }
                if let stopAfter, value.sent >= stopAfter { value.stop = true }
                return value.stop
            }
        }

        func fail(_ error: any Error) { lock.withLock { value.error = value.error ?? error } }
        func snapshot() -> Value { lock.withLock { value } }
    }

    /// Sends one prepared message: 'sending' is committed before sendmail starts, its process
    /// group as soon as it runs, 'sent' or 'failed' (with the time of the next attempt) after.
    private func send(_ accountID: String, week: String, now: Date) throws -> SendOutcome {
        let (message, attempts) = try store.pool.write { db -> ([UInt8]?, Int) in
            try db.execute("UPDATE digest_delivery SET status = 'sending', sendmail_pid = NULL, attempts = attempts + 1 WHERE account_id = ? AND week = ?",
                           accountID, week)
            return try db.queryFirst("SELECT message, attempts FROM digest_delivery WHERE account_id = ? AND week = ?", accountID, week) {
                ($0.bytes(0), $0.int(1))
            } ?? (nil, 0)
        }
        guard let message, !message.isEmpty else { return .nothing }
        do {
            try settings.transport.send(message) { group in
                try store.pool.write { db in
                    try db.execute("UPDATE digest_delivery SET sendmail_pid = ? WHERE account_id = ? AND week = ?", Int(group), accountID, week)
                }
            }
        } catch let failure as SendmailTransport.Failure {
            let retry = now.addingTimeInterval(MailQueue.delay(afterAttempts: attempts))
            try store.pool.write { db in
                try db.execute("""
                    UPDATE digest_delivery SET status = 'failed', sendmail_pid = NULL, last_error = ?, next_attempt_at = ? WHERE account_id = ? AND week = ?
                    """, failure.description, Timestamp.string(retry), accountID, week)
            }
            return .failed(failure.description)
        }
        try store.pool.write { db in
            // The copy goes, and with secure_delete its bytes are overwritten, not just freed.
            try db.execute("PRAGMA secure_delete = ON")
            try db.execute("""
                UPDATE digest_delivery SET status = 'sent', sent_at = ?, last_error = NULL, message = NULL, sendmail_pid = NULL
                WHERE account_id = ? AND week = ?
                """, Timestamp.string(Date()), accountID, week)
        }
        return .sent
    }

    /// Whether messages of `week` are still to be sent (prepared, failed or interrupted).
    public static func hasUnsent(_ db: Database, week: ISOWeek) throws -> Bool {
        (try db.scalarInt("SELECT count(*) FROM digest_delivery WHERE week = ? AND status IN ('prepared', 'sending', 'failed')",
                          week.description) ?? 0) > 0
    }

    /// Days the delivery log (and any unsent copy) of a digest is kept: long enough for the
    /// reruns of its week and an operator's questions about it.
    public static let deliveryLogDays = 28

    /// Deletes the delivery log of digests prepared more than `deliveryLogDays` ago, with any
    /// copy never sent (part of the retention run); returns the number of rows deleted.
    @discardableResult
    public static func purgeDeliveries(_ db: Database, now: Date) throws -> Int {
        try db.execute("DELETE FROM digest_delivery WHERE prepared_at < ?", Timestamp.string(now.addingTimeInterval(-Double(deliveryLogDays) * 86_400)))
        return db.changes
    }

    /// Active recipients who want the digest, with their areas and the send-empty choice.
    static func recipients(_ db: Database, only: String?) throws -> [(Account, [String], Bool)] {
        let accounts = try AccountStore(db: db).list().filter { $0.status == .active }
            .filter { only == nil || $0.email.caseInsensitiveCompare(only!) == .orderedSame }
        var preferences: [String: (enabled: Bool, sendEmpty: Bool)] = [:]
        try db.query("SELECT account_id, enabled, send_empty FROM digest_preference") { row in
            preferences[row.string(0)] = (row.bool(1), row.bool(2))
        }.forEach { _ in }
        var areas: [String: [String]] = [:]
        try db.query("SELECT account_id, sozialraum_id FROM account_area") { row in
            areas[row.string(0), default: []].append(row.string(1))
        }.forEach { _ in }
        return accounts.compactMap { account in
            let preference = preferences[account.id] ?? (true, false)
            guard preference.enabled else { return nil }
            return (account, areas[account.id] ?? [], preference.sendEmpty)
        }
    }

    /// The message of a digest: text and HTML from Templates/mail/digest.*, a stable Message-ID
    /// per recipient and week, and the list headers for one-click unsubscribe (RFC 8058).
    func render(_ content: DigestContent, week: ISOWeek, now: Date) throws -> MailMessage {
        var context = content.context
        context["title"] = .string("Wochenübersicht \(week.description)")
        let text = try settings.templates.render("mail/digest.txt", .object(context))
        let html = try settings.templates.render("mail/digest.html", .object(context))
        let domain = settings.from.email.split(separator: "@").last.map(String.init) ?? "lotse.invalid"
        let unsubscribe = context["unsubscribeURL"]?.stringValue ?? settings.publicURL
        return MailMessage(
            from: settings.from, to: [MailAddress(content.account.email, name: content.account.displayName)],
            subject: "Ihre Wochenübersicht für KW \(week.week)/\(week.year) – \(networkName)", text: text, html: html, date: now,
            extraHeaders: [("Auto-Submitted", "auto-generated"), ("Precedence", "bulk"),
                           ("List-Unsubscribe", "<\(unsubscribe)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")],
            messageID: "digest.\(week.description).\(Crypto.sha256Hex(content.account.id).prefix(24))@\(domain)")
    }
}

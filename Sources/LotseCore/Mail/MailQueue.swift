// MailQueue: delivers the account e-mails of the outbox (`MailOutbox`) — issues each mail's
// one-time link when it is sent, pipes the message through the sendmail transport, deletes the
// row, and retries failures with back-off. In `lotse serve` a background sender thread does the
// work and is woken when something is enqueued, so that a request never waits for sendmail.
import Foundation

/// The account-mail queue of a store.
public final class MailQueue: @unchecked Sendable {
    /// The database with the outbox.
    public let store: Store
    /// Renders and sends the messages.
    public let mailer: AccountMailer
    /// Attempts before a mail is given up (its links would have expired by then).
    public static let maximumAttempts = 8
    /// Seconds the sender sleeps when nothing wakes it (retries become due meanwhile).
    public static let idleWait: TimeInterval = 30

    private let now: @Sendable () -> Date
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var senderRunning = false
    private var stopRequested = false
    private var woken = false
    private var thread: Thread?

    /// What one round of delivery did.
    public struct Report: Sendable, Equatable {
        /// Mails sent.
        public var sent = 0
        /// Mails that failed and will be tried again.
        public var postponed = 0
        /// Mails given up or no longer needed (account gone, disabled or already active).
        public var dropped = 0
    }

    /// A queue on `store` sending with `mailer`; `log` gets a line per failure.
    public init(store: Store, mailer: AccountMailer, now: @escaping @Sendable () -> Date = { Date() },
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.store = store
        self.mailer = mailer
        self.now = now
        self.log = log
    }

    /// Back-off after `attempts` failures: 1, 2, 4 … minutes, at most an hour.
    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(3600, 60 * pow(2, Double(max(0, min(attempts - 1, 10)))))
    }

    /// Call after a transaction that enqueued a mail has committed: wakes the background
    /// sender, or, when none runs (`lotse http`, in-process tests), delivers right away.
    public func enqueued() {
        condition.lock()
        if senderRunning {
            woken = true
            condition.signal()
            condition.unlock()
            return
        }
        condition.unlock()
        deliverPending()
    }

    /// Delivers every due mail now (errors are logged, never thrown).
    @discardableResult
    public func deliverPending() -> Report {
        var report = Report()
        do {
            while true {
                let claimed = try claim()
                if claimed.isEmpty { break }
                for (entry, prepared) in claimed { deliver(entry, prepared, into: &report) }
            }
        } catch {
            log("Mailversand: Warteschlange nicht lesbar: \(error)")
        }
        return report
    }

    /// A claimed mail with its recipient and freshly issued token, or nil when it is not needed.
    private typealias Prepared = (account: Account, token: String)?

    /// Claims due rows and issues their links in one transaction.
    private func claim() throws -> [(MailOutbox.Entry, Prepared)] {
        let current = now()
        return try store.pool.write { db in
            try MailOutbox(db: db, now: current).claimDue().map { entry in
                let wanted: Account.Status = entry.purpose == .invite ? .invited : .active
                guard let account = try AccountStore(db: db, now: current).account(id: entry.accountID), account.status == wanted else {
                    return (entry, nil)
                }
                return (entry, (account, try LoginLinks(db: db, now: current).issue(accountID: account.id, purpose: entry.purpose, next: entry.next)))
            }
        }
    }

    /// Sends one claimed mail and records the outcome.
    private func deliver(_ entry: MailOutbox.Entry, _ prepared: Prepared, into report: inout Report) {
        do {
            guard let (account, token) = prepared else {
                try store.pool.write { try MailOutbox(db: $0).remove(entry.id) }
                report.dropped += 1
                return
            }
            do {
                switch entry.purpose {
                case .login: try mailer.loginLink(to: account, token: token)
                case .reset: try mailer.passwordReset(to: account, token: token)
                case .invite: try mailer.invitation(to: account, token: token, organization: entry.organization ?? "",
                                                    invitedBy: entry.invitedBy ?? "Die Koordination")
                }
            } catch {
                let attempts = entry.attempts + 1
                let givenUp = attempts >= Self.maximumAttempts
                try store.pool.write { db in
                    try LoginLinks(db: db).revoke(token)
                    if givenUp { try MailOutbox(db: db).remove(entry.id) } else {
                        try MailOutbox(db: db, now: now()).postpone(entry.id, error: "\(error)", delay: Self.delay(afterAttempts: attempts))
                    }
                }
                log("Mailversand (\(entry.purpose.rawValue)) an Konto \(account.id) fehlgeschlagen, Versuch \(attempts)"
                    + (givenUp ? ", aufgegeben" : ", neuer Versuch in \(Int(Self.delay(afterAttempts: attempts))) s") + ": \(error)")
                if givenUp { report.dropped += 1 } else { report.postponed += 1 }
                return
            }
            try store.pool.write { try MailOutbox(db: $0).remove(entry.id) }
            report.sent += 1
        } catch {
            log("Mailversand (\(entry.purpose.rawValue)): Warteschlange nicht aktualisiert: \(error)")
        }
    }

    // MARK: The background sender

    /// Starts the background sender thread (once): it delivers whatever is due, then waits
    /// until `enqueued()` wakes it or `idleWait` seconds pass.
    public func startSender() {
        condition.lock()
        defer { condition.unlock() }
        guard !senderRunning else { return }
        senderRunning = true
        stopRequested = false
        let thread = Thread { [self] in
            while true {
                deliverPending()
                condition.lock()
                if !woken && !stopRequested { _ = condition.wait(until: Date().addingTimeInterval(Self.idleWait)) }
                woken = false
                let stopping = stopRequested
                condition.unlock()
                if stopping { break }
            }
        }
        thread.name = "lotse-mail"
        self.thread = thread
        thread.start()
    }

    /// Stops the background sender after its current mail; later enqueues deliver inline.
    public func stopSender() {
        condition.lock()
        stopRequested = true
        senderRunning = false
        condition.signal()
        condition.unlock()
    }
}

// MailQueue: queued account mails are sent with a freshly issued link and deleted; failures
// are retried with back-off (the unsent link withdrawn) and given up after a few attempts.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite struct MailQueueTests {
    func queue(_ fixture: Fixture, command: String, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> MailQueue {
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: command, timeout: 10),
                                    templates: try TemplateLibrary(directory: DigestTests.templates), links: .fixture)
        return MailQueue(store: fixture.store, mailer: AccountMailer(settings: settings, networkName: "Netzwerk"), now: { Fixture.now }, log: log)
    }

    func account(_ fixture: Fixture) throws -> Account {
        try fixture.store.pool.write { try AccountStore(db: $0).create(email: "anna@example.org", displayName: "Anna", role: .counselor) }
    }

    func liveLinks(_ fixture: Fixture) throws -> Int {
        try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM login_token") } ?? 0
    }

    @Test func sendsWithAFreshLinkAndDeletesTheRow() throws {
        let fixture = try Fixture()
        _ = try account(fixture)
        let mailbox = NSTemporaryDirectory() + "queue-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        #expect(try SignIn(store: fixture.store, now: Fixture.now).requestLink(.login, email: "anna@example.org", address: "192.0.2.1") == .accepted)
        #expect(try liveLinks(fixture) == 0)   // nothing issued (or stored) before the mail leaves
        let report = try queue(fixture, command: "/usr/bin/tee -a \(mailbox)").deliverPending()
        #expect(report == MailQueue.Report(sent: 1, postponed: 0, dropped: 0))
        let mail = try String(contentsOfFile: mailbox, encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "")
        #expect(mail.contains("To: Anna <anna@example.org>"))
        let token = try #require(mail.range(of: "/test/login/").map { String(mail[$0.upperBound...].prefix(43)) })
        #expect(try SignIn(store: fixture.store, now: Fixture.now).checkLink(token, .login) == nil)
        #expect(try fixture.store.pool.read { try MailOutbox(db: $0).count() } == 0)
    }

    @Test func failuresAreRetriedWithBackOffThenGivenUp() throws {
        let fixture = try Fixture()
        _ = try account(fixture)
        #expect(try SignIn(store: fixture.store, now: Fixture.now).requestLink(.reset, email: "anna@example.org", address: "192.0.2.1") == .accepted)
        let lines = LogLines()
        let failing = try queue(fixture, command: "/bin/false", log: { lines.append($0) })
        #expect(failing.deliverPending() == MailQueue.Report(sent: 0, postponed: 1, dropped: 0))
        #expect(try liveLinks(fixture) == 0)   // the unsent link was withdrawn
        #expect(failing.deliverPending() == MailQueue.Report())   // not due yet
        let due = try fixture.store.pool.read { try $0.scalarString("SELECT due_at FROM mail_outbox") }
        #expect(due == Timestamp.string(Fixture.now.addingTimeInterval(60)))
        #expect(lines.all.first?.contains("fehlgeschlagen, Versuch 1") == true)
        #expect(MailQueue.delay(afterAttempts: 2) == 120 && MailQueue.delay(afterAttempts: 20) == 3600)
        for _ in 1..<MailQueue.maximumAttempts {
            try fixture.store.pool.write { try $0.execute("UPDATE mail_outbox SET due_at = ?", Timestamp.string(Fixture.now)) }
            failing.deliverPending()
        }
        #expect(try fixture.store.pool.read { try MailOutbox(db: $0).count() } == 0)
        #expect(lines.all.last?.contains("aufgegeben") == true)
    }
}

/// Log lines collected across threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

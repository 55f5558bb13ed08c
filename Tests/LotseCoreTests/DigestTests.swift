// Weekly digests at the store level: content per role, idempotent delivery with failures,
// timeouts and interruptions, and the signed links.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite struct DigestTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path

    func setUp() throws -> (Fixture, String) {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger Süd", reviewDue: "2026-11-01")
        try fixture.service("Schuldnerberatung Süd", organization: org, area: "dd-gr", reviewDue: "2026-12-01")
        try fixture.store.pool.write { db in
            let accounts = AccountStore(db: db)
            try accounts.create(email: "anbieter@example.org", displayName: "Jürgen Müller", role: .provider, organizations: [org])
            try accounts.create(email: "koord@example.org", displayName: "Koordination", role: .coordinator)
            try accounts.create(email: "leer@example.org", displayName: "Berta Berater", role: .counselor)
        }
        let mailbox = NSTemporaryDirectory() + "digest-\(UUID().uuidString).mbox"
        return (fixture, mailbox)
    }

    func run(_ fixture: Fixture, command: String, stopAfter: Int? = nil, timeout: TimeInterval = 30, concurrency: Int = 1,
             now: Date = Fixture.now, backoff: Bool = false) throws -> DigestRun.Summary {
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: command, timeout: timeout),
                                    templates: try TemplateLibrary(directory: Self.templates), links: .fixture)
        var options = DigestRun.Options(week: ISOWeek("2026-W48")!)
        options.stopAfterSends = stopAfter
        options.concurrency = concurrency
        options.respectBackoff = backoff
        return try DigestRun(store: fixture.store, settings: settings, networkName: "Netzwerk Süd").run(options, now: now)
    }

    func messages(_ mailbox: String) -> [String] {
        ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").components(separatedBy: "From: ").dropFirst().map { $0 }
    }

    @Test func everyRoleGetsItsSectionsAndEmptyOnesNothing() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        let summary = try run(fixture, command: "/usr/bin/tee -a \(mailbox)")
        #expect(summary.sent == 2 && summary.skipped == 1 && summary.failed == 0)
        let text = messages(mailbox).joined().replacingOccurrences(of: "=\r\n", with: "")
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(text.contains("Message-ID: <digest.2026-W48."))
        #expect(!text.contains("leer@example.org"))
    }

    @Test func rerunsNeverSendTwiceAndRetryFailures() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        // A sendmail that fails: nothing delivered, both recorded as failed.
        let failing = try run(fixture, command: "/bin/false")
        #expect(failing.failed == 2 && failing.sent == 0)
        // A sendmail that hangs: killed after the timeout, recorded as failed.
        let hanging = try run(fixture, command: "/bin/sleep 30", timeout: 0.5)
        #expect(hanging.failed == 2)
        // An interrupted run (simulated crash after one message).
        #expect(throws: DigestRun.Interrupted.self) { _ = try run(fixture, command: "/usr/bin/tee -a \(mailbox)", stopAfter: 1) }
        #expect(messages(mailbox).count == 1)
        // The rerun sends the rest, and a further run nothing.
        let rerun = try run(fixture, command: "/usr/bin/tee -a \(mailbox)")
        #expect(rerun.sent == 1 && rerun.alreadySent == 3)
        #expect(try run(fixture, command: "/usr/bin/tee -a \(mailbox)").sent == 0)
        let delivered = messages(mailbox)
        #expect(delivered.count == 2)
        #expect(Set(delivered.compactMap { text in text.range(of: "Message-ID: <").map { String(text[$0.upperBound...].prefix(60)) } }).count == 2)
        let attempts = try fixture.store.pool.read { try $0.query("SELECT attempts, status FROM digest_delivery WHERE status <> 'skipped' ORDER BY account_id") { ($0.int(0), $0.string(1)) } }
        #expect(attempts.allSatisfy { $0.1 == "sent" && $0.0 >= 3 })
    }

    @Test func parallelSendersAlsoDeliverExactlyOnce() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        #expect(throws: DigestRun.Interrupted.self) { _ = try run(fixture, command: "/usr/bin/tee -a \(mailbox)", stopAfter: 1, concurrency: 4) }
        _ = try run(fixture, command: "/bin/false", concurrency: 4)
        let rest = try run(fixture, command: "/usr/bin/tee -a \(mailbox)", concurrency: 4)
        #expect(rest.failed == 0)
        #expect(messages(mailbox).count == 2)
    }

    /// An executable shell script (DIR: a fresh directory for its files); returns (script, directory).
    func script(_ body: String) throws -> (String, String) {
        let directory = NSTemporaryDirectory() + "digest-sendmail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/sendmail"
        try ("#!/bin/sh\n" + body.replacingOccurrences(of: "DIR", with: directory) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (path, directory)
    }

    @Test func aSendmailThatReadsHalfAndExitsZeroHasNotSent() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        let half = try run(fixture, command: "/usr/bin/head -c 200")
        #expect(half.sent == 0 && half.failed == 2)
        #expect(half.failures.allSatisfy { $0.contains("nur 200 von") })
        let rerun = try run(fixture, command: "/usr/bin/tee -a \(mailbox)")
        #expect(rerun.sent == 2 && messages(mailbox).count == 2)
    }

    @Test func aSendmailStillRunningAfterACrashIsWaitedForNotRepeated() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        _ = try run(fixture, command: "/bin/false")   // both messages prepared and stored
        // A run that died while its sendmail (own process group) went on delivering: the row is
        // 'sending' with the group it was handed to, and the sendmail delivers after a while.
        let (slow, directory) = try script("sleep 1\nexec /usr/bin/tee -a \(mailbox)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (accountID, message) = try fixture.store.pool.write { db in
            let row = try db.queryFirst("SELECT account_id, message FROM digest_delivery WHERE status = 'failed' ORDER BY account_id") { ($0.string(0), $0.bytes(1)) }!
            try db.execute("UPDATE digest_delivery SET status = 'sending' WHERE account_id = ?", row.0)
            return row
        }
        let store = fixture.store
        let survivor = Thread {
            try? SendmailTransport(commandLine: slow).send(message) { group in
                try store.pool.write { try $0.execute("UPDATE digest_delivery SET sendmail_pid = ? WHERE account_id = ?", Int(group), accountID) }
            }
        }
        survivor.start()
        let deadline = Date().addingTimeInterval(10)
        while try fixture.store.pool.read({ try $0.scalarInt("SELECT count(*) FROM digest_delivery WHERE sendmail_pid IS NOT NULL") }) == 0 && Date() < deadline {
            usleep(10_000)
        }
        let rerun = try run(fixture, command: "/usr/bin/tee -a \(mailbox)")
        #expect(rerun.handedOver == 1 && rerun.sent == 1)
        let delivered = messages(mailbox)
        #expect(delivered.count == 2)   // the survivor's one and the other recipient's, nothing twice
        #expect(Set(delivered.compactMap { text in text.range(of: "Message-ID: <").map { String(text[$0.upperBound...].prefix(60)) } }).count == 2)
        let statuses = try fixture.store.pool.read { try $0.query("SELECT status FROM digest_delivery WHERE status <> 'skipped'") { $0.string(0) } }
        #expect(statuses == ["sent", "sent"])
    }

    @Test func theConfiguredNumberOfParallelSendersIsReached() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        try fixture.store.pool.write { db in
            for index in 2...3 {
                try AccountStore(db: db).create(email: "koord\(index)@example.org", displayName: "Koordination \(index)", role: .coordinator)
            }
        }
        // Each sendmail waits (up to 5 s) until four run at once and logs how many it saw.
        let (path, directory) = try script("""
            cat >/dev/null
            mkdir -p DIR/running; touch DIR/running/$$
            i=0; while [ $(ls DIR/running | wc -l) -lt 4 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
            ls DIR/running | wc -l >> DIR/seen
            rm DIR/running/$$
            """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try run(fixture, command: path, concurrency: 4)
        #expect(summary.sent == 4)
        let seen = ((try? String(contentsOfFile: directory + "/seen", encoding: .utf8)) ?? "").split(separator: "\n")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(seen.max() == 4)
    }

    @Test func failedMessagesWaitForTheirBackOffWhenAsked() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        #expect(try run(fixture, command: "/bin/false").failed == 2)
        let early = try run(fixture, command: "/usr/bin/tee -a \(mailbox)", now: Fixture.now.addingTimeInterval(30), backoff: true)
        #expect(early.sent == 0 && messages(mailbox).isEmpty)
        let later = try run(fixture, command: "/usr/bin/tee -a \(mailbox)", now: Fixture.now.addingTimeInterval(61), backoff: true)
        #expect(later.sent == 2 && messages(mailbox).count == 2)
    }

    @Test func unsubscribedRecipientsGetNothing() throws {
        let (fixture, mailbox) = try setUp()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        try fixture.store.pool.write { db in
            let id = try db.scalarString("SELECT id FROM account WHERE email = 'koord@example.org'")
            try db.execute("INSERT INTO digest_preference(account_id, enabled, send_empty, updated_at) VALUES (?, 0, 0, '2026-01-01T00:00:00Z')", id)
            let empty = try db.scalarString("SELECT id FROM account WHERE email = 'leer@example.org'")
            try db.execute("INSERT INTO digest_preference(account_id, enabled, send_empty, updated_at) VALUES (?, 1, 1, '2026-01-01T00:00:00Z')", empty)
        }
        let summary = try run(fixture, command: "/usr/bin/tee -a \(mailbox)")
        #expect(summary.recipients == 2 && summary.sent == 2)
        #expect(!messages(mailbox).joined().contains("koord@example.org"))
    }

    @Test func signedLinksAreCheckedForSignaturePurposeExpiryAndUse() throws {
        let fixture = try Fixture()
        let now = Fixture.now
        let a = try fixture.account("a@example.org").id
        try fixture.store.pool.write { db in
            let secret = try fixture.store.keys.signingKey()
            #expect(try fixture.store.keys.signingKey() == secret)
            let token = SignedLink.make(.confirm, subject: "\(a)|service:x", secret: secret, now: now)
            guard case .success(let link) = try SignedLink.verify(token, purpose: .confirm, secret: secret, db: db, now: now) else {
                Issue.record("valid link refused"); return
            }
            #expect(link.subject == "\(a)|service:x")
            func refusal(_ result: Result<SignedLink, SignedLink.Refusal>) -> SignedLink.Refusal? {
                if case .failure(let reason) = result { return reason }
                return nil
            }
            #expect(refusal(try SignedLink.verify(token, purpose: .unsubscribe, secret: secret, db: db, now: now)) == .forged)
            #expect(refusal(try SignedLink.verify(token, purpose: .confirm, secret: Crypto.randomBytes(32), db: db, now: now)) == .forged)
            let tampered = String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A")
            #expect(refusal(try SignedLink.verify(tampered, purpose: .confirm, secret: secret, db: db, now: now)) == .forged)
            #expect(refusal(try SignedLink.verify("kaputt", purpose: .confirm, secret: secret, db: db, now: now)) == .malformed)
            #expect(refusal(try SignedLink.verify(token, purpose: .confirm, secret: secret, db: db, now: now.addingTimeInterval(15 * 86_400))) == .expired)
            #expect(try SignedLink.markUsed(token, purpose: .confirm, db: db, now: now))
            #expect(try !SignedLink.markUsed(token, purpose: .confirm, db: db, now: now))
            #expect(refusal(try SignedLink.verify(token, purpose: .confirm, secret: secret, db: db, now: now)) == .used)
            let unsubscribe = SignedLink.make(.unsubscribe, subject: a, secret: secret, now: now)
            _ = try SignedLink.markUsed(unsubscribe, purpose: .unsubscribe, db: db, now: now)
            #expect(refusal(try SignedLink.verify(unsubscribe, purpose: .unsubscribe, secret: secret, db: db, now: now)) == nil)
        }
    }

    @Test func isoWeeks() {
        #expect(ISOWeek(containing: Timestamp.parse("2026-11-23T06:00:00Z")!).description == "2026-W48")
        #expect(ISOWeek(containing: Timestamp.parse("2027-01-01T12:00:00Z")!).description == "2026-W53")
        #expect(ISOWeek(containing: Timestamp.parse("2024-12-30T12:00:00Z")!).description == "2025-W01")
        #expect(ISOWeek("2026-W48")?.monday == "2026-11-23")
        #expect(ISOWeek("2026-W53") != nil && ISOWeek("2027-W53") == nil && ISOWeek("2026-48") == nil)
    }
}

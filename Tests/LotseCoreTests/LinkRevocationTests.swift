// LinkRevocation: the links in e-mails are narrow keys. One-click links (confirm unchanged,
// unsubscribe, preferences) expire within days and die with logout-everywhere, a password change
// or disabling; a new login or reset link revokes the older ones; digests carry no login link;
// sent digests keep no copy, and retention deletes the delivery log.
import Foundation
import Templating
import Testing
@testable import LotseCore

@Suite struct LinkRevocationTests {
    static let now = Fixture.now

    func token(_ fixture: Fixture, _ purpose: SignedLink.Purpose, _ subject: String, at now: Date = Self.now) throws -> String {
        let secret = try fixture.store.keys.signingKey()
        return SignedLink.make(purpose, subject: subject, secret: secret, now: now)
    }

    func accepted(_ fixture: Fixture, _ token: String, _ purpose: SignedLink.Purpose, at now: Date) throws -> Bool {
        if case .success = try DigestLinks(store: fixture.store, now: now).verify(token, purpose: purpose) { return true }
        return false
    }

    /// The three one-click links of `account` (confirm for `service`), issued at `now`.
    func oneClickLinks(_ fixture: Fixture, _ account: Account, service: String) throws -> [(SignedLink.Purpose, String)] {
        [(.confirm, try token(fixture, .confirm, "\(account.id)|service:\(service)")),
         (.unsubscribe, try token(fixture, .unsubscribe, account.id)),
         (.preferences, try token(fixture, .preferences, account.id))]
    }

    func provider(_ fixture: Fixture, _ email: String) throws -> (Account, String) {
        let org = try fixture.organization("Träger \(email)")
        let service = try fixture.service("Beratung \(email)", organization: org, area: "dd-gr")
        return (try fixture.account(email, name: "Petra", role: .provider, organizations: [org]), service)
    }

    @Test func logoutEverywhereRevokesOneClickLinks() throws {
        let fixture = try Fixture()
        let (account, service) = try provider(fixture, "p@example.org")
        let links = try oneClickLinks(fixture, account, service: service)
        for (purpose, token) in links { #expect(try accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(60))) }
        try SignIn(store: fixture.store, now: Self.now.addingTimeInterval(120)).endAllSessions(of: account)
        for (purpose, token) in links {
            #expect(try !accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(180)), "\(purpose) survived logout everywhere")
        }
        // Links issued afterwards work.
        let fresh = try token(fixture, .unsubscribe, account.id, at: Self.now.addingTimeInterval(240))
        #expect(try accepted(fixture, fresh, .unsubscribe, at: Self.now.addingTimeInterval(300)))
    }

    @Test func passwordChangeRevokesOneClickLinks() throws {
        let fixture = try Fixture()
        let (account, service) = try provider(fixture, "p@example.org")
        let links = try oneClickLinks(fixture, account, service: service)
        try AccountSettings(store: fixture.store, now: Self.now.addingTimeInterval(120))
            .changePassword(of: account, current: "", password: "ein-ganz-neues-passwort", repeated: "ein-ganz-neues-passwort")
        for (purpose, token) in links {
            #expect(try !accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(180)), "\(purpose) survived a password change")
        }
    }

    @Test func disablingRevokesOneClickLinksAlsoAfterReactivation() throws {
        let fixture = try Fixture()
        let (account, service) = try provider(fixture, "p@example.org")
        let links = try oneClickLinks(fixture, account, service: service)
        try fixture.store.pool.write { try AccountStore(db: $0, now: Self.now.addingTimeInterval(120)).disable(id: account.id) }
        for (purpose, token) in links {
            #expect(try !accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(180)), "\(purpose) works for a disabled account")
        }
        try fixture.store.pool.write { try AccountStore(db: $0, now: Self.now.addingTimeInterval(200)).activate(id: account.id) }
        for (purpose, token) in links {
            #expect(try !accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(240)), "\(purpose) came back with reactivation")
        }
    }

    @Test func oneClickLinksExpireWithinDays() throws {
        let fixture = try Fixture()
        let (account, service) = try provider(fixture, "p@example.org")
        for (purpose, token) in try oneClickLinks(fixture, account, service: service) {
            #expect(try accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(9 * 86_400)))
            #expect(try !accepted(fixture, token, purpose, at: Self.now.addingTimeInterval(15 * 86_400)), "\(purpose) lives longer than two weeks")
        }
    }

    @Test func logoutEverywhereAndPasswordChangeRevokeLoginAndResetLinks() throws {
        let fixture = try Fixture()
        let account = try fixture.account("k@example.org")
        func issue(_ purpose: LoginLinks.Purpose, at offset: TimeInterval) throws -> String {
            try fixture.store.pool.write { try LoginLinks(db: $0, now: Self.now.addingTimeInterval(offset)).issue(accountID: account.id, purpose: purpose) }
        }
        let login = try issue(.login, at: 0), reset = try issue(.reset, at: 0)
        try SignIn(store: fixture.store, now: Self.now.addingTimeInterval(60)).endAllSessions(of: account)
        let signIn = SignIn(store: fixture.store, now: Self.now.addingTimeInterval(120))
        #expect(try signIn.checkLink(login, .login) != nil, "a login link survived logout everywhere")
        #expect(try signIn.checkLink(reset, .reset) != nil, "a reset link survived logout everywhere")
        let later = try issue(.login, at: 180)
        try AccountSettings(store: fixture.store, now: Self.now.addingTimeInterval(240))
            .changePassword(of: account, current: "", password: "ein-ganz-neues-passwort", repeated: "ein-ganz-neues-passwort")
        #expect(try SignIn(store: fixture.store, now: Self.now.addingTimeInterval(300)).checkLink(later, .login) != nil,
                "a login link survived a password change")
    }

    @Test func aNewLoginOrResetLinkRevokesTheOlderOnes() throws {
        let fixture = try Fixture()
        let account = try fixture.account("k@example.org")
        for purpose in [LoginLinks.Purpose.login, .reset] {
            let (old, new) = try fixture.store.pool.write { db in
                (try LoginLinks(db: db, now: Self.now).issue(accountID: account.id, purpose: purpose),
                 try LoginLinks(db: db, now: Self.now.addingTimeInterval(30)).issue(accountID: account.id, purpose: purpose))
            }
            let signIn = SignIn(store: fixture.store, now: Self.now.addingTimeInterval(60))
            #expect(try signIn.checkLink(old, purpose) == .unknown, "an older \(purpose) link still works")
            #expect(try signIn.checkLink(new, purpose) == nil)
        }
    }

    // MARK: Digests

    func digestFixture() throws -> (Fixture, String) {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger Süd", reviewDue: "2026-11-01")
        try fixture.service("Schuldnerberatung Süd", organization: org, area: "dd-gr", reviewDue: "2026-12-01")
        try fixture.store.pool.write { db in
            let accounts = AccountStore(db: db)
            try accounts.create(email: "anbieter@example.org", displayName: "Jürgen Müller", role: .provider, organizations: [org])
            try accounts.create(email: "koord@example.org", displayName: "Koordination", role: .coordinator)
        }
        return (fixture, NSTemporaryDirectory() + "links-\(UUID().uuidString).mbox")
    }

    func runDigest(_ fixture: Fixture, mailbox: String, now: Date = Self.now) throws -> DigestRun.Summary {
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: "/usr/bin/tee -a \(mailbox)", timeout: 30),
                                    templates: try TemplateLibrary(directory: DigestTests.templates), links: .fixture)
        return try DigestRun(store: fixture.store, settings: settings, networkName: "Netzwerk Süd")
            .run(DigestRun.Options(week: ISOWeek("2026-W48")!), now: now)
    }

    @Test func digestsCarryNoLoginLinksOnlyPagesAndOneClickLinks() throws {
        let (fixture, mailbox) = try digestFixture()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        #expect(try runDigest(fixture, mailbox: mailbox).sent == 2)
        let text = ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").replacingOccurrences(of: "=\r\n", with: "")
        #expect(!text.contains("/test/login"), "a digest carries a login link")
        #expect(text.contains("https://lotse.example.org/test/editor"), "the provider's link to the editor is not the page itself")
        #expect(text.contains("https://lotse.example.org/test/coordination"))
        #expect(text.contains("https://lotse.example.org/test/unsubscribe/"))
    }

    @Test func sentDigestsKeepNoCopyAndRetentionDeletesTheLog() throws {
        let (fixture, mailbox) = try digestFixture()
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        #expect(try runDigest(fixture, mailbox: mailbox).sent == 2)
        let stored = try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_delivery WHERE message IS NOT NULL") }
        #expect(stored == 0, "sent digests are kept with their links")
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_delivery WHERE status = 'sent'") } == 2)
        // A rerun in the same week still sends nothing twice.
        #expect(try runDigest(fixture, mailbox: mailbox).alreadySent == 2)
        _ = try RetentionJob.run(store: fixture.store, now: Self.now.addingTimeInterval(10 * 86_400))
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_delivery") } == 2, "this month's log is kept")
        _ = try RetentionJob.run(store: fixture.store, now: Self.now.addingTimeInterval(40 * 86_400))
        #expect(try fixture.store.pool.read { try $0.scalarInt("SELECT count(*) FROM digest_delivery") } == 0, "the delivery log is never pruned")
    }
}

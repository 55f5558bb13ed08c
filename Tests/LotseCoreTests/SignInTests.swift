// SignIn: password login (throttled, hash upgraded, unknown and disabled accounts refused alike),
// login and reset links (queued only for active accounts, throttled per client address, used
// once), per-account pauses after failures from many addresses, and sessions that start without
// fixation and end here or everywhere.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct SignInTests {
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!

    func account(_ fixture: Fixture, status: Account.Status = .active) throws -> Account {
        let organization = try fixture.organization("Verein")
        return try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "anna@example.org", displayName: "Anna Beispiel", role: .provider,
                                            organizations: [organization], password: "richtig-geheim", status: status,
                                            hasher: PasswordHasher(logN: 10, r: 8, p: 1))
        }
    }

    @Test func passwordLoginUpgradesWeakHashesAndRefusesAlike() throws {
        let fixture = try Fixture()
        let anna = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        guard case .accepted(let accepted) = try signIn.password(email: "anna@example.org", password: "richtig-geheim", address: "192.0.2.1") else {
            Issue.record("right password refused"); return
        }
        #expect(accepted.id == anna.id)
        let hash = try #require(try fixture.store.pool.read { try AccountStore(db: $0).passwordHash(id: anna.id) })
        #expect(!PasswordHasher.standard.needsUpgrade(hash))
        for (email, password) in [("anna@example.org", "falsch-falsch"), ("niemand@example.org", "richtig-geheim")] {
            guard case .refused = try signIn.password(email: email, password: password, address: "192.0.2.1") else {
                Issue.record("\(email) not refused"); return
            }
        }
    }

    /// OWASP's scrypt parameters (N = 2^17, r = 8, p = 1); a hash made with the former
    /// standard (N = 2^15) is replaced by one with them at the next successful login.
    @Test func passwordsUseOWASPParametersAndOldHashesAreUpgraded() throws {
        #expect(PasswordHasher.standard.logN == 17 && PasswordHasher.standard.r == 8 && PasswordHasher.standard.p == 1)
        let fixture = try Fixture()
        let organization = try fixture.organization("Verein")
        let former = PasswordHasher(logN: 15, r: 8, p: 1)
        let anna = try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "alt@example.org", displayName: "Alt", role: .provider, organizations: [organization],
                                            password: "richtig-geheim", hasher: former)
        }
        #expect(try fixture.store.pool.read { try AccountStore(db: $0).passwordHash(id: anna.id) }?.hasPrefix("scrypt$15$8$1$") == true)
        guard case .accepted = try SignIn(store: fixture.store, now: Self.now).password(email: "alt@example.org", password: "richtig-geheim",
                                                                                          address: "192.0.2.1") else {
            Issue.record("right password refused"); return
        }
        let upgraded = try #require(try fixture.store.pool.read { try AccountStore(db: $0).passwordHash(id: anna.id) })
        #expect(upgraded.hasPrefix("scrypt$17$8$1$"))
        #expect(PasswordHasher.verify("richtig-geheim", against: upgraded))
    }

    @Test func manyFailuresThrottleTheAddress() throws {
        let fixture = try Fixture()
        _ = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        var outcome: SignIn.PasswordOutcome = .refused
        for _ in 0..<30 {
            outcome = try signIn.password(email: "anna@example.org", password: "falsch-falsch", address: "192.0.2.9")
            if case .throttled = outcome { break }
        }
        guard case .throttled = outcome else { Issue.record("never throttled"); return }
    }

    /// The queued mails of the outbox (claimed, so a second call sees none).
    func queued(_ fixture: Fixture) throws -> [MailOutbox.Entry] {
        try fixture.store.pool.write { try MailOutbox(db: $0, now: Self.now).claimDue() }
    }

    @Test func linksAreQueuedOnlyForActiveAccountsAndUsedOnlyOnce() throws {
        let fixture = try Fixture()
        let anna = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        #expect(try signIn.requestLink(.login, email: "niemand@example.org", address: "192.0.2.1") == .accepted)
        #expect(try queued(fixture).isEmpty)
        #expect(try signIn.requestLink(.login, email: "anna@example.org", address: "192.0.2.1", next: "/pflege") == .accepted)
        let entry = try #require(try queued(fixture).first)
        #expect(entry.purpose == .login && entry.accountID == anna.id && entry.next == "/pflege")
        // The queue issues the link when it sends the mail; using it works once.
        let token = try fixture.store.pool.write { try LoginLinks(db: $0, now: Self.now).issue(accountID: anna.id, purpose: .login, next: entry.next) }
        #expect(try signIn.checkLink(token, .login) == nil)
        #expect(try signIn.checkLink(token, .reset) != nil)
        guard case .success(let used) = try signIn.useLoginLink(token) else { Issue.record("link refused"); return }
        #expect(used.account.id == anna.id && used.next == "/pflege")
        guard case .failure = try signIn.useLoginLink(token) else { Issue.record("link used twice"); return }
        #expect(try signIn.requestLink(.reset, email: "anna@example.org", address: "192.0.2.1") == .accepted)
        #expect(try queued(fixture).map(\.purpose) == [.reset])
        let reset = try fixture.store.pool.write { try LoginLinks(db: $0, now: Self.now).issue(accountID: anna.id, purpose: .reset) }
        guard case .success = try signIn.resetPassword(reset, to: "ganz-neues-passwort") else { Issue.record("reset refused"); return }
        guard case .accepted = try signIn.password(email: "anna@example.org", password: "ganz-neues-passwort", address: "192.0.2.2") else {
            Issue.record("new password refused"); return
        }
    }

    @Test func disabledAccountsGetNoLink() throws {
        let fixture = try Fixture()
        _ = try account(fixture, status: .disabled)
        #expect(try SignIn(store: fixture.store, now: Self.now).requestLink(.login, email: "anna@example.org", address: "192.0.2.1") == .accepted)
        #expect(try queued(fixture).isEmpty)
    }

    @Test func linkRequestsAreThrottledPerClientAddressWithRetryAfter() throws {
        let fixture = try Fixture()
        _ = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        for _ in 0..<LoginThrottle.linksPerEmail {
            #expect(try signIn.requestLink(.login, email: "anna@example.org", address: "192.0.2.66") == .accepted)
        }
        #expect(try signIn.requestLink(.login, email: "anna@example.org", address: "192.0.2.66") == .throttled(retryAfter: 900))
        // Someone else's requests do not stop the owner's link.
        #expect(try signIn.requestLink(.login, email: "anna@example.org", address: "198.51.100.7") == .accepted)
        for index in 0..<LoginThrottle.linksPerAddress {
            #expect(try signIn.requestLink(.reset, email: "x\(index)@example.org", address: "203.0.113.5") == .accepted)
        }
        #expect(try signIn.requestLink(.reset, email: "anna@example.org", address: "203.0.113.5") == .throttled(retryAfter: 900))
        let later = SignIn(store: fixture.store, now: Self.now.addingTimeInterval(LoginThrottle.window + 1))
        #expect(try later.requestLink(.reset, email: "anna@example.org", address: "203.0.113.5") == .accepted)
    }

    @Test func failuresFromManyAddressesPauseTheAccountWithGrowingPauses() throws {
        let fixture = try Fixture()
        _ = try account(fixture)
        func attempt(_ password: String, at offset: TimeInterval, from address: String) throws -> SignIn.PasswordOutcome {
            try SignIn(store: fixture.store, now: Self.now.addingTimeInterval(offset)).password(email: "anna@example.org", password: password, address: address)
        }
        for index in 0..<LoginThrottle.perAccount {
            guard case .refused = try attempt("falsch-falsch", at: 0, from: "192.0.2.\(index + 1)") else { Issue.record("not refused"); return }
        }
        guard case .throttled(let first) = try attempt("richtig-geheim", at: 10, from: "198.51.100.1") else { Issue.record("not paused"); return }
        #expect(first == 50)
        guard case .refused = try attempt("falsch-falsch", at: 61, from: "192.0.2.99") else { Issue.record("pause did not end"); return }
        guard case .throttled(let second) = try attempt("richtig-geheim", at: 61, from: "198.51.100.1") else { Issue.record("not paused again"); return }
        #expect(second == 120)   // doubled
        guard case .accepted = try attempt("richtig-geheim", at: 182, from: "198.51.100.1") else { Issue.record("owner refused after the pause"); return }
    }

    @Test func sessionsStartFreshAndEndHereOrEverywhere() throws {
        let fixture = try Fixture()
        let anna = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        let first = try signIn.startSession(for: anna, replacing: nil)
        let second = try signIn.startSession(for: anna, replacing: first)
        #expect(first != second)
        #expect(try signIn.session(first) == nil, "the replaced session ends (no fixation)")
        let session = try #require(try signIn.session(second))
        #expect(session.account.id == anna.id)
        try signIn.touch(session)
        let third = try signIn.startSession(for: anna, replacing: nil)
        try signIn.endSession(third)
        #expect(try signIn.session(third) == nil)
        try signIn.endAllSessions(of: anna)
        #expect(try signIn.session(second) == nil)
    }
}

// SignIn: password login (throttled, hash upgraded, unknown and disabled accounts refused alike),
// login and reset links (only for active accounts, used once), and sessions that start without
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

    @Test func linksOnlyForActiveAccountsAndOnlyOnce() throws {
        let fixture = try Fixture()
        let anna = try account(fixture)
        let signIn = SignIn(store: fixture.store, now: Self.now)
        #expect(try signIn.issueLink(.login, email: "niemand@example.org", address: "192.0.2.1") == nil)
        let issued = try #require(try signIn.issueLink(.login, email: "anna@example.org", address: "192.0.2.1", next: "/pflege"))
        #expect(issued.account.id == anna.id)
        #expect(try signIn.checkLink(issued.token, .login) == nil)
        #expect(try signIn.checkLink(issued.token, .reset) != nil)
        guard case .success(let used) = try signIn.useLoginLink(issued.token) else { Issue.record("link refused"); return }
        #expect(used.account.id == anna.id && used.next == "/pflege")
        guard case .failure = try signIn.useLoginLink(issued.token) else { Issue.record("link used twice"); return }
        let reset = try #require(try signIn.issueLink(.reset, email: "anna@example.org", address: "192.0.2.1"))
        guard case .success = try signIn.resetPassword(reset.token, to: "ganz-neues-passwort") else { Issue.record("reset refused"); return }
        guard case .accepted = try signIn.password(email: "anna@example.org", password: "ganz-neues-passwort", address: "192.0.2.2") else {
            Issue.record("new password refused"); return
        }
    }

    @Test func disabledAccountsGetNoLink() throws {
        let fixture = try Fixture()
        _ = try account(fixture, status: .disabled)
        #expect(try SignIn(store: fixture.store, now: Self.now).issueLink(.login, email: "anna@example.org", address: "192.0.2.1") == nil)
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

// Accounts, passwords, sessions, one-time links and throttling on a fresh store.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct AccountsTests {
    static let cheap = PasswordHasher(logN: 10, r: 8, p: 1)

    func makeAccount(_ fixture: Fixture, role: Role = .provider, organizations: [String]? = nil, password: String? = "richtig-geheim") throws -> Account {
        let orgs = try organizations ?? [fixture.organization("Verein")]
        return try fixture.store.pool.write { db in
            try AccountStore(db: db).create(email: "\(UUID().uuidString.prefix(8))@example.org", displayName: "Anna Beispiel",
                                            role: role, organizations: role == .provider ? orgs : [], password: password, hasher: Self.cheap)
        }
    }

    @Test func passwordsAreHashedWithTheirParametersAndVerifiedInConstantTime() throws {
        let hash = Self.cheap.hash("korrektes Pferd")
        #expect(hash.hasPrefix("scrypt$10$8$1$"))
        #expect(!hash.contains("korrektes"))
        #expect(PasswordHasher.verify("korrektes Pferd", against: hash))
        #expect(!PasswordHasher.verify("falsches Pferd", against: hash))
        #expect(!PasswordHasher.verify("x", against: "scrypt$99$8$1$AA==$AA=="))
        #expect(!PasswordHasher.verify("x", against: "plain"))
        #expect(PasswordHasher.standard.needsUpgrade(hash))
        #expect(Self.cheap.hash("a") != Self.cheap.hash("a"))   // salted
    }

    @Test func accountValidation() throws {
        let fixture = try Fixture()
        try fixture.store.pool.write { db in
            let store = AccountStore(db: db)
            #expect(throws: LotseError.self) { try store.create(email: "keine-adresse", displayName: "X", role: .counselor) }
            #expect(throws: LotseError.self) { try store.create(email: "jürgen@example.org", displayName: "X", role: .counselor) }
            #expect(throws: LotseError.self) { try store.create(email: "a@example.org\r\nBcc: x@y.de", displayName: "X", role: .counselor) }
            #expect(throws: LotseError.self) { try store.create(email: "a@example.org", displayName: " ", role: .counselor) }
            #expect(throws: LotseError.self) { try store.create(email: "a@example.org", displayName: "A", role: .provider) }
            #expect(throws: LotseError.self) { try store.create(email: "a@example.org", displayName: "A", role: .counselor, password: "kurz") }
            try store.create(email: "a@example.org", displayName: "A", role: .counselor)
            let duplicate = #expect(throws: LotseError.self) { try store.create(email: "A@EXAMPLE.org", displayName: "A", role: .counselor) }
            #expect(duplicate?.kind == .conflict)
        }
    }

    @Test func sessionsExpireWhenIdleOrOldAndEndEverywhere() throws {
        let fixture = try Fixture()
        let account = try makeAccount(fixture)
        let start = Date()
        let (first, second) = try fixture.store.pool.write { db in
            (try SessionStore(db: db, now: start).start(accountID: account.id), try SessionStore(db: db, now: start).start(accountID: account.id))
        }
        #expect(first != second && SecretToken.isWellFormed(first))
        let (live, idle, forged, stored) = try fixture.store.pool.read { db in
            (try SessionStore(db: db, now: start).resolve(first)?.account.id,
             try SessionStore(db: db, now: start.addingTimeInterval(SessionStore.idleTimeout + 1)).resolve(first)?.account.id,
             try SessionStore(db: db, now: start).resolve((first.hasPrefix("x") ? "y" : "x") + String(first.dropFirst()))?.account.id,
             try db.scalarInt("SELECT count(*) FROM session WHERE token_hash = ? OR csrf_token = ?", first, first))
        }
        #expect(live == account.id && idle == nil && forged == nil)
        // Only hashes are stored.
        #expect(stored == 0)
        // Touching keeps it alive past the idle limit, but not past the absolute one.
        let later = start.addingTimeInterval(SessionStore.idleTimeout - 60)
        try fixture.store.pool.write { db in
            let session = try #require(try SessionStore(db: db, now: later).resolve(first))
            try SessionStore(db: db, now: later).touch(session)
        }
        let (extended, tooOld) = try fixture.store.pool.read { db in
            (try SessionStore(db: db, now: later.addingTimeInterval(SessionStore.idleTimeout - 60)).resolve(first)?.account.id,
             try SessionStore(db: db, now: start.addingTimeInterval(SessionStore.absoluteTimeout + 1)).resolve(first)?.account.id)
        }
        #expect(extended == account.id && tooOld == nil)
        try fixture.store.pool.write { db in try SessionStore(db: db).endAll(accountID: account.id) }
        #expect(try fixture.store.pool.read { try SessionStore(db: $0).resolve(second)?.account.id } == nil)
    }

    @Test func disabledAccountsLoseTheirSessions() throws {
        let fixture = try Fixture()
        let account = try makeAccount(fixture)
        let token = try fixture.store.pool.write { try SessionStore(db: $0).start(accountID: account.id) }
        try fixture.store.pool.write { try AccountStore(db: $0).disable(id: account.id) }
        #expect(try fixture.store.pool.read { try SessionStore(db: $0).resolve(token)?.account.id } == nil)
    }

    @Test func loginLinksAreSingleUseExpiringAndPurposeBound() throws {
        let fixture = try Fixture()
        let account = try makeAccount(fixture)
        let now = Date()
        let token = try fixture.store.pool.write { try LoginLinks(db: $0, now: now).issue(accountID: account.id, purpose: .login, next: "//evil.example") }
        func refusal(_ result: Result<(accountID: String, next: String?), LoginLinks.Refusal>) -> LoginLinks.Refusal? {
            if case .failure(let reason) = result { return reason }
            return nil
        }
        let outcomes = try fixture.store.pool.write { db -> [Result<(accountID: String, next: String?), LoginLinks.Refusal>] in
            let links = LoginLinks(db: db, now: now)
            return [try links.consume(token, purpose: .reset), try links.consume(token, purpose: .login), try links.consume(token, purpose: .login),
                    try links.consume("forged-token", purpose: .login), try links.consume(SecretToken.make(), purpose: .login)]
        }
        #expect(refusal(outcomes[0]) == .wrongPurpose)
        if case .success(let used) = outcomes[1] { #expect(used.accountID == account.id && used.next == nil) } else { Issue.record("not accepted") }
        #expect(refusal(outcomes[2]) == .used && refusal(outcomes[3]) == .unknown && refusal(outcomes[4]) == .unknown)
        let old = try fixture.store.pool.write { try LoginLinks(db: $0, now: now).issue(accountID: account.id, purpose: .login) }
        #expect(refusal(try fixture.store.pool.write { try LoginLinks(db: $0, now: now.addingTimeInterval(21 * 60)).consume(old, purpose: .login) }) == .expired)
        #expect(LoginLinks.safePath("/angebote/x") == "/angebote/x")
        #expect(LoginLinks.safePath("https://evil.example") == nil)
    }

    @Test func throttleBlocksAfterRepeatedFailures() throws {
        let fixture = try Fixture()
        let verdicts = try fixture.store.pool.write { db -> [Bool] in
            let throttle = LoginThrottle(db: db)
            for _ in 0..<LoginThrottle.perAccount { try throttle.record(email: "a@example.org", address: "10.0.0.1", kind: "password", succeeded: false) }
            for index in 0..<LoginThrottle.perAddress { try throttle.record(email: "x\(index)@example.org", address: "10.0.0.2", kind: "password", succeeded: false) }
            return [try throttle.passwordPause(email: "A@example.org", address: "10.0.0.9") != nil,
                    try throttle.passwordPause(email: "b@example.org", address: "10.0.0.9") != nil,
                    try throttle.passwordPause(email: "new@example.org", address: "10.0.0.2") != nil,
                    try LoginThrottle(db: db, now: Date().addingTimeInterval(LoginThrottle.window + 1)).passwordPause(email: "a@example.org", address: "10.0.0.1") != nil]
        }
        #expect(verdicts == [true, false, true, false])
    }
}

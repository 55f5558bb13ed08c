// SignIn: logging in and out as the web layer needs it, each step in its own transaction —
// password login with throttling and a decoy hash for unknown addresses (no timing oracle),
// login and reset links (queued only for active accounts, the same answer in the same time
// either way: the mail is sent by the mail queue), and sessions (start without fixation,
// resolve, extend, end here or everywhere).
import Foundation

/// Sign-in flows on a store.
public struct SignIn: Sendable {
    /// The database.
    public let store: Store
    /// The instant every step is stamped with.
    public let now: Date

    /// Spends scrypt's time when the account does not exist.
    static let decoyHash = PasswordHasher.standard.hash("lotse-decoy")

    /// The sign-in flows on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// What a password login came to.
    public enum PasswordOutcome: Sendable {
        /// Too many failures for this client address or account: try again in `retryAfter` seconds.
        case throttled(retryAfter: Int)
        /// Unknown address, wrong password or a disabled account (indistinguishable).
        case refused
        /// The account, whose hash has been upgraded if it was weaker than the standard.
        case accepted(Account)
    }

    /// Checks `password` for `email` from client `address`, recording the attempt for throttling.
    public func password(email: String, password: String, address: String) throws -> PasswordOutcome {
        if let pause = try store.pool.read({ try LoginThrottle(db: $0, now: now).passwordPause(email: email, address: address) }) {
            return .throttled(retryAfter: pause)
        }
        let account = try store.pool.read { try AccountStore(db: $0, now: now).account(email: email) }
        let stored = try account.flatMap { account in try store.pool.read { try AccountStore(db: $0).passwordHash(id: account.id) } }
        let matches = PasswordHasher.verify(password, against: stored ?? Self.decoyHash) && stored != nil
        guard let account, matches, account.status == .active else {
            try store.pool.write { try LoginThrottle(db: $0, now: now).record(email: email, address: address, kind: "password", succeeded: false) }
            return .refused
        }
        try store.pool.write { db in
            try LoginThrottle(db: db, now: now).record(email: email, address: address, kind: "password", succeeded: true)
            if let stored, PasswordHasher.standard.needsUpgrade(stored) {
                try AccountStore(db: db).upgradeHash(id: account.id, password: password, hasher: .standard)
            }
        }
        return .accepted(account)
    }

    /// What a link request came to.
    public enum LinkOutcome: Sendable, Equatable {
        /// Too many link requests from this client address (or for this e-mail address from
        /// it): try again in `retryAfter` seconds. Nothing was queued.
        case throttled(retryAfter: Int)
        /// Counted; a mail is queued if there is an active account (the caller cannot tell,
        /// and must call `MailQueue.enqueued()` either way).
        case accepted
    }

    /// Queues a login (`.login`, returning to `next`) or reset (`.reset`) link for `email` in
    /// the mail outbox, counted against the link throttle of client `address`. The link itself
    /// is issued when the mail is sent.
    public func requestLink(_ purpose: LoginLinks.Purpose, email: String, address: String, next: String? = nil) throws -> LinkOutcome {
        try store.pool.write { db -> LinkOutcome in
            let throttle = LoginThrottle(db: db, now: now)
            if let pause = try throttle.linkPause(email: email, address: address) { return .throttled(retryAfter: pause) }
            try throttle.record(email: email, address: address, kind: "link", succeeded: true)
            if let account = try AccountStore(db: db, now: now).account(email: email), account.status == .active {
                try MailOutbox(db: db, now: now).enqueue(purpose, accountID: account.id, next: purpose == .login ? next : nil)
            }
            return .accepted
        }
    }

    /// Whether `token` is a usable link of `purpose` (nothing is used up).
    public func checkLink(_ token: String, _ purpose: LoginLinks.Purpose) throws -> LoginLinks.Refusal? {
        if case .failure(let refusal) = try store.pool.read({ try LoginLinks(db: $0, now: now).check(token, purpose: purpose) }) { return refusal }
        return nil
    }

    /// Uses login link `token` once: the active account and where to go next.
    public func useLoginLink(_ token: String) throws -> Result<(account: Account, next: String?), LoginLinks.Refusal> {
        try store.pool.write { db in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .login) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                guard let account = try AccountStore(db: db).account(id: used.accountID), account.status == .active else { return .failure(.unknown) }
                return .success((account, used.next))
            }
        }
    }

    /// Uses reset link `token` once to set `password` (already checked by the caller).
    public func resetPassword(_ token: String, to password: String) throws -> Result<Account, LoginLinks.Refusal> {
        try store.pool.write { db in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .reset) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                let accounts = AccountStore(db: db, now: now)
                try accounts.setPassword(id: used.accountID, to: password)
                guard let account = try accounts.account(id: used.accountID), account.status == .active else { return .failure(.unknown) }
                return .success(account)
            }
        }
    }

    // MARK: Sessions

    /// Starts a session for `account` (always a new token: no session fixation), ending the
    /// session of `previousToken` if there was one; returns the new token.
    public func startSession(for account: Account, replacing previousToken: String?) throws -> String {
        try store.pool.write { db in
            if let previousToken, SecretToken.isWellFormed(previousToken) {
                try SessionStore(db: db, now: now).end(tokenHash: SecretToken.hash(previousToken))
            }
            try AccountStore(db: db, now: now).noteLogin(id: account.id)
            return try SessionStore(db: db, now: now).start(accountID: account.id)
        }
    }

    /// The live session of `token`, nil when unknown or expired.
    public func session(_ token: String) throws -> SessionStore.Session? {
        try store.pool.read { try SessionStore(db: $0, now: now).resolve(token) }
    }

    /// Extends `session` (idle timeout).
    public func touch(_ session: SessionStore.Session) throws {
        try store.pool.write { try SessionStore(db: $0, now: now).touch(session) }
    }

    /// Ends the session of `token` (logout here).
    public func endSession(_ token: String) throws {
        guard SecretToken.isWellFormed(token) else { return }
        try store.pool.write { try SessionStore(db: $0, now: now).end(tokenHash: SecretToken.hash(token)) }
    }

    /// Ends every session of `account` and revokes every link e-mailed to it (logout
    /// everywhere).
    public func endAllSessions(of account: Account) throws {
        try store.pool.write { db in
            try SessionStore(db: db, now: now).endAll(accountID: account.id)
            try LinkRevocation.revokeAll(accountID: account.id, db: db, now: now)
        }
    }
}

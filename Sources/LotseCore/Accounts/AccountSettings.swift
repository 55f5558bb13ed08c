// AccountSettings: what people change on their own account page — the password (the current
// one when one is set, the new one twice, checked for length); setting it ends every session
// and revokes every link e-mailed so far.
import Foundation
import SQLite

/// Self-service changes to one's own account on a store.
public struct AccountSettings: Sendable {
    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The settings on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Sets `password` (typed twice: `repeated`) for `account`, checking `current` when the
    /// account has a password. Throws `DirectoryWriter.Rejected` with the fields `current`,
    /// `repeated` and `password`. Ends every session of the account and revokes its links.
    public func changePassword(of account: Account, current: String, password: String, repeated: String) throws {
        var problems: [DirectoryWriter.FieldProblem] = []
        if account.hasPassword {
            let stored = try store.pool.read { try AccountStore(db: $0).passwordHash(id: account.id) } ?? ""
            if !PasswordHasher.verify(current, against: stored) { problems.append(.init(field: "current", message: "Das bisherige Passwort stimmt nicht.")) }
        }
        if password != repeated { problems.append(.init(field: "repeated", message: "Die beiden Eingaben stimmen nicht überein.")) }
        do { try AccountStore.checkPassword(password) } catch let error as LotseError { problems.append(.init(field: "password", message: error.message)) }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        try store.pool.write { try AccountStore(db: $0, now: now).setPassword(id: account.id, to: password) }
    }
}

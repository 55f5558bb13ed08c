// AccountSettings: what people change on their own account page — the password (the current
// one when one is set, the new one twice, checked for length; setting it ends every session
// and revokes every link e-mailed so far) and how each kind of notification reaches them by
// e-mail (`NotificationPreferences`).
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

    /// One kind of notification e-mail with the mode in force and the modes to choose from.
    public struct NotificationChoice: Sendable, Equatable {
        public let kind: ReferralNotificationKind
        public let mode: NotificationMode
        public let modes: [NotificationMode]
    }

    /// The notification kinds of `account`'s role with its current choices, in page order.
    public func notificationChoices(of account: Account) throws -> [NotificationChoice] {
        let modes = try store.pool.read { try NotificationPreferences(db: $0, now: now).modes(for: account) }
        return NotificationPreferences.kinds(for: account.role).map { kind in
            NotificationChoice(kind: kind, mode: modes[kind] ?? .weekly, modes: NotificationPreferences.modes(for: kind))
        }
    }

    /// Stores `account`'s choices from form values (kind raw value → mode raw value). Throws
    /// `DirectoryWriter.Rejected` naming the kind of an unknown or not offered mode; stores
    /// nothing then.
    public func setNotificationChoices(of account: Account, values: [String: String]) throws {
        var choices: [ReferralNotificationKind: NotificationMode] = [:]
        var problems: [DirectoryWriter.FieldProblem] = []
        for kind in NotificationPreferences.kinds(for: account.role) {
            guard let value = values[kind.rawValue] else { continue }
            guard let mode = NotificationMode(rawValue: value), NotificationPreferences.modes(for: kind).contains(mode) else {
                problems.append(.init(field: kind.rawValue, message: "Bitte für »\(kind.label)« eine der angebotenen Möglichkeiten wählen."))
                continue
            }
            choices[kind] = mode
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        try store.pool.write { try NotificationPreferences(db: $0, now: now).set(choices, for: account) }
    }
}

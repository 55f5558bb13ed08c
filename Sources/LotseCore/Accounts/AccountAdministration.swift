// AccountAdministration: the admins' account tools on a store — the list with last logins and
// organization names, create an account (e-mail, name, role, organizations: providers need
// exactly one, counselors belong to at most one; a provider or a counselor of an organization
// is a pending access grant until another person confirms it), disable and enable (never
// one's own account).
import Foundation
import SQLite

/// Account administration on a store.
public struct AccountAdministration: Sendable {
    /// What the account list shows.
    public struct Overview: Sendable {
        /// Every account, by e-mail.
        public var accounts: [Account]
        /// The last login per account id (accounts that never logged in are missing).
        public var lastLogins: [String: String]
        /// Every organization's name by id.
        public var organizationNames: [String: String]
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The administration on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The accounts, their last logins and the organizations' names.
    public func overview() throws -> Overview {
        try store.pool.read { db in
            let accounts = AccountStore(db: db)
            return Overview(accounts: try accounts.list(), lastLogins: try accounts.lastLogins(),
                            organizationNames: Dictionary(try db.query("SELECT id, name FROM organization ORDER BY name") { ($0.string(0), $0.string(1)) },
                                                          uniquingKeysWith: { first, _ in first }))
        }
    }

    /// What `create` did.
    public enum Creation: Sendable, Equatable {
        /// The account exists (coordinators, admins, counselors without a team).
        case created(Account)
        /// Access to referral content waits for confirmation by another person.
        case requested(AccessGrants.Grant)
    }

    /// Creates an active account with `role` (nil: none chosen) on behalf of `admin`; a
    /// provider edits the one organization of `organizations`, a counselor belongs to the first
    /// of them. Either is a pending grant (`AccessGrants`, announced with a link to the grants
    /// page; the caller then calls `MailQueue.enqueued()`). Throws
    /// `DirectoryWriter.Rejected` with the fields `role`, `email`, `name` and `organizations`.
    @discardableResult
    public func create(email: String, displayName: String, role: Role?, organizations: [String], by admin: Account) throws -> Creation {
        var problems: [DirectoryWriter.FieldProblem] = []
        if role == nil { problems.append(.init(field: "role", message: "Bitte eine Rolle wählen.")) }
        if !AccountStore.isValidEmail(email) { problems.append(.init(field: "email", message: "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de).")) }
        if displayName.isEmpty { problems.append(.init(field: "name", message: "Bitte den Namen angeben.")) }
        if role == .provider && organizations.isEmpty {
            problems.append(.init(field: "organizations", message: "Ein Anbieter-Konto braucht mindestens eine Organisation."))
        }
        if role == .provider && organizations.count > 1 {
            problems.append(.init(field: "organizations", message: "Der Zugang wird je Organisation bestätigt: bitte genau eine Organisation wählen."))
        }
        if role == .counselor && organizations.count > 1 {
            problems.append(.init(field: "organizations", message: "Ein Beratungskonto gehört zu höchstens einer Organisation."))
        }
        guard problems.isEmpty, let role else { throw DirectoryWriter.Rejected(problems: problems) }
        do {
            if AccessGrants.needsConfirmation(role, organizationID: organizations.first) {
                return .requested(try AccessGrants(store: store, now: now).request(
                    email: email, displayName: displayName, role: role, organizationID: organizations[0], origin: .administration,
                    by: admin))
            }
            return .created(try store.pool.write { db in
                try AccountStore(db: db, now: now).create(email: email, displayName: displayName, role: role)
            })
        } catch let error as LotseError where error.kind != .forbidden {
            let field = error.kind == .notFound ? "organizations" : error.message.contains("Name") ? "name" : "email"
            throw DirectoryWriter.Rejected(problems: [.init(field: field, message: error.message)])
        }
    }

    /// Disables account `id` (ending its sessions and links) or, with `disabled` false,
    /// enables it again. Refuses `admin`'s own account (conflict) and unknown ids (not-found).
    public func setDisabled(_ id: String, _ disabled: Bool, by admin: Account) throws {
        guard id != admin.id else { throw LotseError(.conflict, "Das eigene Konto können Sie nicht sperren.") }
        try store.pool.write { db in
            let accounts = AccountStore(db: db, now: now)
            guard try accounts.account(id: id) != nil else { throw LotseError(.notFound, "Dieses Konto gibt es nicht.") }
            if disabled { try accounts.disable(id: id) } else { try accounts.activate(id: id) }
        }
    }

    /// The organizations of `account` (those it edits, then its own) with their names, in
    /// that order; an unknown id keeps the id as its name.
    public func organizations(of account: Account) throws -> [(id: String, name: String)] {
        let ids = account.organizations.sorted() + [account.organizationID].compactMap { $0 }
        return try store.pool.read { db in
            try ids.map { (id: $0, name: try db.scalarString("SELECT name FROM organization WHERE id = ?", $0) ?? $0) }
        }
    }
}

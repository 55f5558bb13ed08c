// Invitations: a coordinator invites a provider editor for one organization — a pending
// access grant (`AccessGrants`); once another person confirms it, an invited account and a
// queued invitation mail whose one-time link, valid 7 days, is issued when the mail queue
// sends it; the invited person checks the link,
// confirms the name, optionally sets a password, and the account becomes active.
import Foundation
import SQLite

/// Invitations of provider editors on a store.
public struct Invitations: Sendable {
    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// Invitations on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The organizations a provider editor can be invited for (members and applicants).
    public func organizations() throws -> [(id: String, name: String)] {
        try Members(store: store, now: now).names([.member, .applicant])
    }

    /// Asks for an invited provider account for `organizationID` on behalf of `coordinator`:
    /// a pending grant, announced to those who may confirm it (a link to the grants page); the
    /// caller then calls `MailQueue.enqueued()`. The account and its
    /// invitation mail follow on confirmation. Throws `DirectoryWriter.Rejected` with the
    /// fields `email`, `name` and `organization_id`.
    public func invite(email: String, name: String, organizationID: String, by coordinator: Account) throws -> AccessGrants.Grant {
        var problems: [DirectoryWriter.FieldProblem] = []
        if !AccountStore.isValidEmail(email) { problems.append(.init(field: "email", message: "Bitte eine gültige E-Mail-Adresse angeben (name@beispiel.de).")) }
        if name.isEmpty { problems.append(.init(field: "name", message: "Bitte den Namen angeben.")) }
        if organizationID.isEmpty { problems.append(.init(field: "organization_id", message: "Bitte die Organisation wählen.")) }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        do {
            return try AccessGrants(store: store, now: now).request(email: email, displayName: name, role: .provider, organizationID: organizationID,
                                                                    origin: .invitation, by: coordinator)
        } catch let error as LotseError where error.kind != .forbidden {
            throw DirectoryWriter.Rejected(problems: [.init(field: error.kind == .notFound ? "organization_id" : error.kind == .conflict ? "email" : "name",
                                                            message: error.message)])
        }
    }

    /// The invited account of invitation link `token` without using the link (nil when the
    /// account is gone), or why the link is refused.
    public func check(_ token: String) throws -> Result<Account?, LoginLinks.Refusal> {
        try store.pool.read { db -> Result<Account?, LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: now).check(token, purpose: .invite) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let link): return .success(try AccountStore(db: db).account(id: link.accountID))
            }
        }
    }

    /// Accepts invitation `token`: name required, `password` (optional, "" for none) checked
    /// first — throws `DirectoryWriter.Rejected` with the fields `name` and `password` before
    /// the link is used. Then uses the link, sets name and password and activates the
    /// account; returns it, or why the link is refused.
    public func accept(_ token: String, name: String, password: String) throws -> Result<Account, LoginLinks.Refusal> {
        var problems: [DirectoryWriter.FieldProblem] = []
        if name.isEmpty { problems.append(.init(field: "name", message: "Bitte Ihren Namen angeben.")) }
        if !password.isEmpty {
            do { try AccountStore.checkPassword(password) } catch let error as LotseError { problems.append(.init(field: "password", message: error.message)) }
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        return try store.pool.write { db -> Result<Account, LoginLinks.Refusal> in
            switch try LoginLinks(db: db, now: now).consume(token, purpose: .invite) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let used):
                let accounts = AccountStore(db: db, now: now)
                try accounts.rename(id: used.accountID, to: name)
                if !password.isEmpty { try accounts.setPassword(id: used.accountID, to: password) }
                try accounts.activate(id: used.accountID)
                guard let account = try accounts.account(id: used.accountID) else { return .failure(.unknown) }
                return .success(account)
            }
        }
    }
}

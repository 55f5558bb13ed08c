// AccessGrants: four eyes for access to referral content. Making an account a provider editor of
// an organization or a counselor in a team (an invitation by a coordinator, an account created
// by an admin) is a pending grant until a different person confirms it: an existing editor of
// that organization (for a team also its counselors), or, where it has none, another
// coordinator or admin — never the requester and never the grantee. Every request, confirmation
// and refusal is written to the audit log, and a request is announced by e-mail to those who may
// confirm it (a notification e-mail "Freigabe beantragt" with a plain link to the confirmation
// page behind the login — never a link that signs anyone in). The operator's
// `lotse user add` on the server stays possible and is audited (`recordOperatorGrant`).
import Foundation
import SQLite

/// Pending and decided grants of referral-content access on a store.
public struct AccessGrants: Sendable {
    /// One grant.
    public struct Grant: Sendable, Equatable {
        /// How the grant came about.
        public enum Origin: String, Sendable {
            /// A coordinator invited a provider editor (the account is invited on confirmation).
            case invitation
            /// An admin created the account (active on confirmation).
            case administration
        }

        /// A grant's state.
        public enum Status: String, Sendable {
            case pending, confirmed, refused
        }

        public let id: String
        /// The future account's e-mail address and name.
        public let email: String, displayName: String
        /// Provider (editor of the organization) or counselor (in its team).
        public let role: Role
        /// The organization, and its name.
        public let organizationID: String, organizationName: String
        public let origin: Origin
        /// Who asked (account id and name).
        public let requestedBy: String, requestedByName: String
        public let requestedAt: String
        public let status: Status
        /// Who decided, when decided.
        public let decidedBy: String?
    }

    /// The roles whose grant needs a confirmation.
    public static func needsConfirmation(_ role: Role, organizationID: String?) -> Bool {
        organizationID != nil && (role == .provider || role == .counselor)
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// Grants on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Asks for a new account `email` with `role` in `organizationID`, by `requester`; audited,
    /// and announced to everyone who may confirm it by a notification e-mail linking to the
    /// grants page (`MailLinks.grants`). Throws `LotseError` (invalid input, conflict when the
    /// address has an account or a pending grant).
    @discardableResult
    public func request(email: String, displayName: String, role: Role, organizationID: String, origin: Grant.Origin,
                        by requester: Account) throws -> Grant {
        let email = email.trimmingCharacters(in: .whitespaces), name = displayName.trimmingCharacters(in: .whitespaces)
        guard AccountStore.isValidEmail(email) else { throw LotseError(.invalidInput, "»\(email)« ist keine gültige E-Mail-Adresse.") }
        guard !name.isEmpty, name.count <= 200 else { throw LotseError(.invalidInput, "Bitte einen Namen angeben (höchstens 200 Zeichen).") }
        guard Self.needsConfirmation(role, organizationID: organizationID) else {
            throw LotseError(.invalidInput, "Nur Anbieter- und Beratungszugänge einer Organisation werden bestätigt.")
        }
        return try store.pool.write { db in
            guard try db.scalarString("SELECT name FROM organization WHERE id = ?", organizationID) != nil else {
                throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
            }
            guard try AccountStore(db: db).account(email: email) == nil else { throw LotseError(.conflict, "Es gibt schon ein Konto für \(email).") }
            guard try db.scalarInt("SELECT count(*) FROM access_grant WHERE lower(email) = lower(?) AND status = 'pending'", email) == 0 else {
                throw LotseError(.conflict, "Für \(email) wartet schon ein Zugang auf Bestätigung.")
            }
            let id = UUID().uuidString.lowercased()
            try db.execute("""
                INSERT INTO access_grant(id, email, display_name, role, organization_id, origin, requested_by, requested_by_name, requested_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                """, id, email, name, role.rawValue, organizationID, origin.rawValue, requester.id, requester.displayName, Timestamp.string(now))
            let grant = try load(db, "g.id = ?", id)[0]
            try audit(db, grant, "Zugang beantragt", by: requester)
            let dailyHour = try SettingValues.load(db).integer(SettingsRegistry.dailySummaryHour) ?? 8
            try NotificationMailOutbox(db: db, now: now).enqueueGrant(grant.id, accountIDs: try confirmers(db, of: grant).map(\.id), dailyHour: dailyHour)
            return grant
        }
    }

    /// The pending grants `account` may confirm or refuse, oldest first.
    public func pending(for account: Account) throws -> [Grant] {
        try store.pool.read { db in
            try load(db, "g.status = 'pending'").filter { try confirmers(db, of: $0).contains { $0.id == account.id } }
        }
    }

    /// The pending grants `account` asked for, oldest first.
    public func requested(by account: Account) throws -> [Grant] {
        try store.pool.read { db in try load(db, "g.status = 'pending' AND g.requested_by = ?", account.id) }
    }

    /// Confirms grant `id` by `account`: creates the account (invited, with its invitation mail
    /// queued, or active), audited. Forbidden for anyone who may not confirm it; not-found for
    /// an unknown grant, a conflict for a decided one.
    @discardableResult
    public func confirm(_ id: String, by account: Account) throws -> Account {
        try store.pool.write { db in
            let grant = try decidable(db, id, by: account)
            let accounts = AccountStore(db: db, now: now)
            let created = try accounts.create(email: grant.email, displayName: grant.displayName, role: grant.role,
                                              organizationID: grant.role == .counselor ? grant.organizationID : nil,
                                              organizations: grant.role == .provider ? [grant.organizationID] : [],
                                              status: grant.origin == .invitation ? .invited : .active)
            if grant.origin == .invitation {
                try MailOutbox(db: db, now: now).enqueue(.invite, accountID: created.id, organization: grant.organizationName,
                                                         invitedBy: grant.requestedByName)
            }
            try db.execute("UPDATE access_grant SET status = 'confirmed', decided_by = ?, decided_at = ? WHERE id = ?",
                           account.id, Timestamp.string(now), id)
            try audit(db, grant, "Zugang bestätigt", by: account)
            return created
        }
    }

    /// Refuses grant `id` by `account` (same rules as `confirm`), audited.
    public func refuse(_ id: String, by account: Account) throws {
        try store.pool.write { db in
            let grant = try decidable(db, id, by: account)
            try db.execute("UPDATE access_grant SET status = 'refused', decided_by = ?, decided_at = ? WHERE id = ?",
                           account.id, Timestamp.string(now), id)
            try audit(db, grant, "Zugang abgelehnt", by: account)
        }
    }

    /// Records in the audit log that the operator created `account` on the server's command line.
    public func recordOperatorGrant(_ account: Account) throws {
        try store.pool.write { db in
            _ = try AuditLog(db: db, now: now).append(.change, accountID: account.id, role: "operator",
                                                      organizationID: account.organizationID ?? account.organizations.sorted().first, referralID: nil,
                                                      what: "Konto auf dem Server angelegt: \(account.role.rawValue) \(account.email)"
                                                          + (account.organizations.isEmpty && account.organizationID == nil ? "" :
                                                                " für " + (account.organizations.sorted() + [account.organizationID].compactMap { $0 }).joined(separator: ", ")),
                                                      purpose: "Rechtevergabe")
        }
    }

    // MARK: Rules

    /// Who may confirm `grant`: the active editors of its organization (for a counselor also
    /// the team's active counselors); with none, the active coordinators and admins. Never the
    /// requester, never the grantee's address.
    func confirmers(_ db: Database, of grant: Grant) throws -> [Account] {
        let everyone = try AccountStore(db: db).list().filter {
            $0.status == .active && $0.id != grant.requestedBy && $0.email.lowercased() != grant.email.lowercased()
        }
        let holders = everyone.filter {
            ($0.role == .provider && $0.organizations.contains(grant.organizationID))
                || (grant.role == .counselor && $0.role == .counselor && $0.organizationID == grant.organizationID)
        }
        let anyHolder = try AccountStore(db: db).list().contains {
            $0.status == .active && (($0.role == .provider && $0.organizations.contains(grant.organizationID))
                || (grant.role == .counselor && $0.role == .counselor && $0.organizationID == grant.organizationID))
        }
        if anyHolder { return holders }
        return everyone.filter { $0.role == .coordinator || $0.role == .admin }
    }

    private func decidable(_ db: Database, _ id: String, by account: Account) throws -> Grant {
        guard let grant = try load(db, "g.id = ?", id).first else { throw LotseError(.notFound, "Diesen Antrag gibt es nicht.") }
        guard grant.status == .pending else { throw LotseError(.conflict, "Über diesen Antrag ist schon entschieden.") }
        guard account.id != grant.requestedBy else { throw LotseError(.forbidden, "Den eigenen Antrag bestätigt eine andere Person.") }
        guard try confirmers(db, of: grant).contains(where: { $0.id == account.id }) else {
            throw LotseError(.forbidden, "Diesen Antrag bestätigt eine Person, die die Organisation schon vertritt.")
        }
        return grant
    }

    private func audit(_ db: Database, _ grant: Grant, _ event: String, by actor: Account) throws {
        _ = try AuditLog(db: db, now: now).append(.change, accountID: actor.id, role: actor.role.rawValue, organizationID: grant.organizationID,
                                                  referralID: nil,
                                                  what: "\(event): \(grant.role.rawValue) \(grant.email) für \(grant.organizationID) (Antrag \(grant.id))",
                                                  purpose: "Rechtevergabe")
    }

    private func load(_ db: Database, _ condition: String, _ values: SQLBindable?...) throws -> [Grant] {
        try db.query("""
            SELECT g.id, g.email, g.display_name, g.role, g.organization_id, coalesce(o.name, g.organization_id), g.origin,
                   g.requested_by, g.requested_by_name, g.requested_at, g.status, g.decided_by
            FROM access_grant g LEFT JOIN organization o ON o.id = g.organization_id WHERE \(condition) ORDER BY g.requested_at, g.id
            """, values: values) { row in
            Grant(id: row.string(0), email: row.string(1), displayName: row.string(2), role: Role(rawValue: row.string(3)) ?? .provider,
                  organizationID: row.string(4), organizationName: row.string(5), origin: Grant.Origin(rawValue: row.string(6)) ?? .invitation,
                  requestedBy: row.string(7), requestedByName: row.string(8), requestedAt: row.string(9),
                  status: Grant.Status(rawValue: row.string(10)) ?? .pending, decidedBy: row.optionalString(11))
        }
    }
}

// ReferralDesk: the referral workflow's API for pages, the CLI and jobs. Every change and every
// read goes through it on the writer connection (reads are audited, so they write), inside the
// caller's `pool.write` transaction:
//
//     try store.pool.write { db in try ReferralDesk(db: db).transition(id, to: .accepted, by: .person(account)) }
//
// Facets: +Drafting (drafts, consent), +Sending, +Transitions, +Reading.
import Foundation
import SQLite

/// The referral workflow on one connection.
public struct ReferralDesk {
    /// The writer connection (inside a transaction).
    public let db: Database
    /// The instant every change is stamped with.
    public let now: Date
    /// Deadlines, grace period and retention settings.
    public let settings: ReferralSettings

    /// Creates the desk. Turns on `secure_delete` for the connection, so that text replaced or
    /// removed from referral rows is overwritten, not left in free page space.
    public init(db: Database, now: Date = Date(), settings: ReferralSettings = .standard) throws {
        self.db = db
        self.now = now
        self.settings = settings
        try db.execute("PRAGMA secure_delete = ON")
    }

    /// The audit log on the same connection and clock.
    public var audit: AuditLog { AuditLog(db: db, now: now) }

    /// The notifications on the same connection and clock.
    public var notifications: ReferralNotifications { ReferralNotifications(db: db, now: now) }

    var timestamp: String { Timestamp.string(now) }
    var today: String { BerlinTime(now).dateString }

    /// The referral with this id, or a not-found error.
    func referral(_ id: String) throws -> Referral {
        guard let referral = try Referral.load(db, id: id) else {
            throw LotseError(.notFound, "Diese Vermittlung gibt es nicht.")
        }
        return referral
    }

    /// Throws unless `account` is a counselor of the requesting team (the requester or a
    /// counselor of the requester's organization).
    func requireTeam(_ referral: Referral, _ account: Account) throws {
        guard account.status == .active, account.role == .counselor,
              referral.requesterAccountID == account.id
                || (account.organizationID != nil && account.organizationID == referral.requesterOrganizationID) else {
            throw LotseError(.forbidden, "Nur die anfragende Beratungsstelle darf das.")
        }
    }

    /// Throws unless `account` edits an organization the referral is addressed to (and not
    /// released); returns that organization.
    @discardableResult
    func requireRecipient(_ referral: Referral, _ account: Account) throws -> String {
        guard account.status == .active, account.role == .provider,
              let organization = account.organizations.intersection(referral.recipientOrganizations).sorted().first else {
            throw LotseError(.forbidden, "Diese Vermittlung ist nicht an Ihre Organisation gerichtet.")
        }
        return organization
    }

    /// The organization an actor acts for on this referral (for the timeline and audit).
    func actingOrganization(_ referral: Referral, _ actor: ReferralActor) -> String? {
        guard let account = actor.account else { return nil }
        if account.role == .provider {
            return account.organizations.intersection(referral.recipientOrganizations).sorted().first
                ?? account.organizations.sorted().first
        }
        return account.organizationID
    }

    /// Appends a timeline event.
    func recordEvent(_ referral: Referral, kind: ReferralEvent.Kind, actor: ReferralActor, from: ReferralStatus? = nil,
                     to: ReferralStatus? = nil, business: ReferralBusinessStatus? = nil, reason: ReferralReason? = nil,
                     reasonText: String? = nil) throws {
        try db.execute("""
            INSERT INTO referral_event(referral_id, at, kind, account_id, role, organization_id, from_status, to_status,
                business_status, reason, reason_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, referral.id, timestamp, kind.rawValue, actor.accountID, actor.roleName, actingOrganization(referral, actor),
                       from?.rawValue, to?.rawValue, business?.rawValue, reason?.rawValue, reasonText)
    }

    /// The Land whose holidays apply to a referral: that of the city at the top of its
    /// Sozialraum's tree, else of its service's first location's, else `lotse_meta.state_code`.
    func stateCode(sozialraumID: String?, serviceID: String?) throws -> String? {
        if let sozialraumID, let land = try SozialraumTree.land(of: sozialraumID, db: db) { return land.rawValue }
        if let serviceID, let area = try db.scalarString("""
            SELECT l.sozialraum_id FROM service_at_location sal JOIN location l ON l.id = sal.location_id
            WHERE sal.service_id = ? AND l.sozialraum_id IS NOT NULL ORDER BY sal.rowid LIMIT 1
            """, serviceID), let land = try SozialraumTree.land(of: area, db: db) { return land.rawValue }
        return try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'state_code'")
    }

    /// Trims a free text; nil when empty. Throws when longer than `limit` characters.
    func cleanText(_ text: String?, limit: Int = 4000, label: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= limit else { throw LotseError(.invalidInput, "\(label) ist zu lang (höchstens \(limit) Zeichen).") }
        return text
    }
}

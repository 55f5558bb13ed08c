// MembershipApplications: the lifecycle of applications for membership — submitted from the
// public form (unconfirmed, with a one-time confirmation link for the contact's address),
// confirmed by the applicant (double opt-in: only then in the coordinators' queue), admitted
// (the organization, a location and the services are created as member entries through
// DirectoryWriter, so the history says who did it; the caller then invites the contact as
// editor through `Invitations`) or rejected with a reason. `purge` deletes unconfirmed
// applications after `confirmationLifetime` and erases the contact's name and address of
// decided ones after the retention period (setting `retention.membership_application_days`).
import Foundation
import SQLite

/// Applications for membership on a store.
public struct MembershipApplications: Sendable {
    /// How long the confirmation link is valid; unconfirmed applications go after that.
    public static let confirmationLifetime: TimeInterval = 7 * 86_400

    /// Why a confirmation link is refused.
    public enum Refusal: Error, Sendable, Equatable {
        case unknown, expired

        /// German explanation.
        public var message: String {
            switch self {
            case .unknown: "Dieser Bestätigungslink ist ungültig oder der Antrag wurde schon gelöscht."
            case .expired: "Dieser Bestätigungslink ist abgelaufen. Bitte stellen Sie den Antrag noch einmal."
            }
        }
    }

    /// What admitting did.
    public struct Admission: Sendable, Equatable {
        /// The new organization.
        public let organizationID: String
        /// The services created.
        public let serviceIDs: [String]
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// Applications on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Stores `draft` as an unconfirmed application and returns its id and the token of its
    /// confirmation link; throws `DirectoryWriter.Rejected` (fields as in `Draft.problems`).
    public func submit(_ draft: MembershipApplication.Draft) throws -> (id: String, token: String) {
        try store.pool.write { db in
            let problems = try draft.problems(db: db)
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            let id = UUID().uuidString.lowercased()
            let token = SecretToken.make()
            let services = String(decoding: try JSONEncoder().encode(draft.filledServices), as: UTF8.self)
            try db.execute("""
                INSERT INTO membership_application(id, status, organization_name, kind, street, postal_code, city, sozialraum_id, website,
                    description, services, contact_name, contact_email, token_hash, created_at)
                VALUES (?, 'unconfirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, draft.organizationName, draft.kind, draft.street, draft.postalCode, draft.city,
                           draft.sozialraumID.isEmpty ? nil : draft.sozialraumID, draft.website.isEmpty ? nil : draft.website,
                           draft.description, services, draft.contactName, draft.contactEmail, SecretToken.hash(token), Timestamp.string(now))
            return (id, token)
        }
    }

    /// Removes an application that was never confirmed (when its mail could not be sent).
    public func withdrawUnconfirmed(_ id: String) throws {
        try store.pool.write { db in try db.execute("DELETE FROM membership_application WHERE id = ? AND status = 'unconfirmed'", id) }
    }

    /// The application of confirmation link `token` without using it.
    public func check(_ token: String) throws -> Result<MembershipApplication, Refusal> {
        try store.pool.read { db in try find(token, db: db) }
    }

    /// Confirms the application of `token` (a second use changes nothing and succeeds).
    public func confirm(_ token: String) throws -> Result<MembershipApplication, Refusal> {
        try store.pool.write { db in
            let found = try find(token, db: db)
            guard case .success(let application) = found, application.status == .unconfirmed else { return found }
            try db.execute("UPDATE membership_application SET status = 'open', confirmed_at = ? WHERE id = ? AND status = 'unconfirmed'",
                           Timestamp.string(now), application.id)
            return .success(try self.application(application.id, db: db) ?? application)
        }
    }

    private func find(_ token: String, db: Database) throws -> Result<MembershipApplication, Refusal> {
        guard SecretToken.isWellFormed(token),
              let application = try db.queryFirst("SELECT \(MembershipApplication.columns) FROM membership_application WHERE token_hash = ?",
                                                   SecretToken.hash(token), transform: MembershipApplication.init(row:)) else {
            return .failure(.unknown)
        }
        if application.status == .unconfirmed, let created = Timestamp.parse(application.createdAt),
           now.timeIntervalSince(created) > Self.confirmationLifetime {
            return .failure(.expired)
        }
        return .success(application)
    }

    /// Confirmed applications waiting for a decision (oldest first), then decided ones
    /// (newest first); unconfirmed ones are not shown.
    public func queue() throws -> (open: [MembershipApplication], decided: [MembershipApplication]) {
        try store.pool.read { db in
            let open = try db.query("SELECT \(MembershipApplication.columns) FROM membership_application WHERE status = 'open' ORDER BY confirmed_at, id",
                                    transform: MembershipApplication.init(row:))
            let decided = try db.query("""
                SELECT \(MembershipApplication.columns) FROM membership_application WHERE status IN ('admitted', 'rejected')
                ORDER BY decided_at DESC, id LIMIT 50
                """, transform: MembershipApplication.init(row:))
            return (open, decided)
        }
    }

    /// Application `id`, or nil.
    public func application(_ id: String) throws -> MembershipApplication? {
        try store.pool.read { db in try application(id, db: db) }
    }

    private func application(_ id: String, db: Database) throws -> MembershipApplication? {
        try db.queryFirst("SELECT \(MembershipApplication.columns) FROM membership_application WHERE id = ?", id,
                          transform: MembershipApplication.init(row:))
    }

    /// How many confirmed applications wait for a decision.
    public static func openCount(_ db: Database) throws -> Int {
        try db.scalarInt("SELECT count(*) FROM membership_application WHERE status = 'open'") ?? 0
    }

    /// Admits open application `id`: creates the organization (a member since today), its
    /// address as a location in the chosen Sozialraum and the services with their needs, all
    /// through DirectoryWriter under `coordinator`'s name. Not-found or conflict (not open).
    public func admit(_ id: String, by coordinator: Account) throws -> Admission {
        try store.pool.write { db in
            let application = try openApplication(id, db: db)
            let writer = try DirectoryWriter(db: db, actor: coordinator.displayName, now: now)
            func newID() -> String { UUID().uuidString.lowercased() }
            let organization = newID(), location = newID()
            try writer.write(table: "organization", id: organization, values: [
                "name": application.organizationName, "kind": application.kind, "description": application.description,
                "website": application.website, "membership_status": MembershipStatus.member.rawValue,
                "member_since": BerlinTime(now).dateString,
            ])
            try writer.write(table: "location", id: location, values: [
                "organization_id": organization, "name": application.organizationName, "sozialraum_id": application.sozialraumID,
            ])
            try writer.write(table: "address", id: newID(), values: [
                "location_id": location, "address_1": application.street, "postal_code": application.postalCode, "city": application.city,
            ])
            var services: [String] = []
            for service in application.services {
                let serviceID = newID()
                try writer.write(table: "service", id: serviceID, values: [
                    "organization_id": organization, "name": service.name, "description": service.description,
                ])
                try writer.write(table: "service_at_location", id: newID(), values: ["service_id": serviceID, "location_id": location])
                for need in service.needs {
                    try writer.write(table: "attribute", id: newID(), values: [
                        "link_id": serviceID, "link_entity": "service", "taxonomy_term_id": need,
                    ])
                }
                services.append(serviceID)
            }
            try writer.finish()
            try db.execute("""
                UPDATE membership_application SET status = 'admitted', decided_at = ?, decided_by = ?, organization_id = ? WHERE id = ?
                """, Timestamp.string(now), coordinator.displayName, organization, id)
            return Admission(organizationID: organization, serviceIDs: services)
        }
    }

    /// Rejects open application `id` with `reason` (required; `DirectoryWriter.Rejected` with
    /// the field `reason`). Not-found or conflict (not open).
    public func reject(_ id: String, reason: String, by coordinator: Account) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...2000).contains(reason.count) else {
            throw DirectoryWriter.Rejected(problems: [.init(field: "reason", message: "Bitte einen Grund für die Ablehnung angeben (3 bis 2000 Zeichen).")])
        }
        try store.pool.write { db in
            _ = try openApplication(id, db: db)
            try db.execute("UPDATE membership_application SET status = 'rejected', decided_at = ?, decided_by = ?, reason = ? WHERE id = ?",
                           Timestamp.string(now), coordinator.displayName, reason, id)
        }
    }

    private func openApplication(_ id: String, db: Database) throws -> MembershipApplication {
        guard let application = try application(id, db: db), application.status != .unconfirmed else {
            throw LotseError(.notFound, "Diesen Antrag gibt es nicht (mehr).")
        }
        guard application.status == .open else {
            throw LotseError(.conflict, "Über diesen Antrag ist schon entschieden (\(application.status.label)).")
        }
        return application
    }

    /// What `purge` removed.
    public struct Purge: Sendable, Equatable {
        /// Unconfirmed applications deleted.
        public var unconfirmedDeleted = 0
        /// Decided applications whose contact data was erased.
        public var contactsErased = 0
    }

    /// Deletes unconfirmed applications older than the link's lifetime and erases name and
    /// e-mail of the contact of applications decided more than `retentionDays` days ago.
    @discardableResult
    public static func purge(_ db: Database, now: Date, retentionDays: Int) throws -> Purge {
        var purge = Purge()
        try db.execute("DELETE FROM membership_application WHERE status = 'unconfirmed' AND created_at < ?",
                       Timestamp.string(now.addingTimeInterval(-confirmationLifetime)))
        purge.unconfirmedDeleted = db.changes
        try db.execute("""
            UPDATE membership_application SET contact_name = NULL, contact_email = NULL, token_hash = NULL, erased_at = ?1
            WHERE status IN ('admitted', 'rejected') AND erased_at IS NULL AND decided_at < ?2
            """, Timestamp.string(now), Timestamp.string(now.addingTimeInterval(-Double(retentionDays) * 86_400)))
        purge.contactsErased = db.changes
        return purge
    }
}

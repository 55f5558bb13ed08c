// Cooperations: cooperations between members (two organizations, topic, since, optionally a
// Quartier) — list, record (only between two different members, once per pair and topic),
// remove; through DirectoryWriter, so both organizations' histories show it.
import Foundation
import SQLite

/// The cooperations of the network on a store.
public struct Cooperations: Sendable {
    /// One cooperation as listed.
    public struct Listing: Sendable, Equatable {
        /// The cooperation's id.
        public var id: String
        /// The two organizations' names and the topic.
        public var organization: String, partner: String, topic: String
        /// Since when (a date), and the Quartier's name.
        public var since: String?, quartier: String?
    }

    /// A new cooperation as entered ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        /// The two organizations and the topic (required).
        public var organizationID: String, partnerID: String, topic: String
        /// Since (a date), the Quartier's id and a description (optional).
        public var since: String, sozialraumID: String, description: String

        /// A draft from the entered values.
        public init(organizationID: String, partnerID: String, topic: String, since: String = "", sozialraumID: String = "", description: String = "") {
            self.organizationID = organizationID
            self.partnerID = partnerID
            self.topic = topic
            self.since = since
            self.sozialraumID = sozialraumID
            self.description = description
        }
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The cooperations on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every cooperation, by the organizations' names and the topic.
    public func all() throws -> [Listing] {
        try store.pool.read { db in
            try db.query("""
                SELECT c.id, a.name, b.name, c.topic, c.since, s.name FROM cooperation c JOIN organization a ON a.id = c.organization_id
                JOIN organization b ON b.id = c.partner_id LEFT JOIN sozialraum s ON s.id = c.sozialraum_id ORDER BY a.name, b.name, c.topic
                """) {
                Listing(id: $0.string(0), organization: $0.string(1), partner: $0.string(2), topic: $0.string(3),
                        since: $0.optionalString(4), quartier: $0.optionalString(5))
            }
        }
    }

    /// Records a cooperation and returns its id. Throws `DirectoryWriter.Rejected` with the
    /// fields `organization_id`, `partner_id`, `topic` (and the columns' own checks).
    @discardableResult
    public func add(_ draft: Draft, by account: Account) throws -> String {
        try store.pool.write { db in
            var problems: [DirectoryWriter.FieldProblem] = []
            for (field, id, label) in [("organization_id", draft.organizationID, "eine Organisation"), ("partner_id", draft.partnerID, "die Partnerorganisation")] {
                if id.isEmpty { problems.append(.init(field: field, message: "Bitte \(label) wählen.")); continue }
                if try db.scalarString("SELECT membership_status FROM organization WHERE id = ?", id) != MembershipStatus.member.rawValue {
                    problems.append(.init(field: field, message: "Kooperationen gibt es nur zwischen Mitgliedern."))
                }
            }
            if !draft.partnerID.isEmpty && draft.partnerID == draft.organizationID {
                problems.append(.init(field: "partner_id", message: "Bitte zwei verschiedene Organisationen wählen."))
            }
            if draft.topic.isEmpty { problems.append(.init(field: "topic", message: "Bitte das Thema der Kooperation angeben.")) }
            if problems.isEmpty, try db.scalarInt("""
                SELECT count(*) FROM cooperation WHERE topic = ?3 AND ((organization_id = ?1 AND partner_id = ?2) OR (organization_id = ?2 AND partner_id = ?1))
                """, draft.organizationID, draft.partnerID, draft.topic) != 0 {
                problems.append(.init(field: "topic", message: "Diese Kooperation ist schon eingetragen."))
            }
            guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
            func value(_ text: String) -> String? { text.isEmpty ? nil : text }
            let id = UUID().uuidString.lowercased()
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "cooperation", id: id, values: [
                "organization_id": value(draft.organizationID), "partner_id": value(draft.partnerID), "topic": value(draft.topic),
                "since": value(draft.since), "sozialraum_id": value(draft.sozialraumID), "description": value(draft.description),
            ])
            try writer.finish()
            return id
        }
    }

    /// Removes cooperation `id` (not-found error when there is none).
    public func remove(_ id: String, by account: Account) throws {
        try store.pool.write { db in
            guard try db.scalarInt("SELECT count(*) FROM cooperation WHERE id = ?", id) == 1 else { throw LotseError(.notFound, "Diese Kooperation gibt es nicht.") }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.delete(table: "cooperation", id: id)
            try writer.finish()
        }
    }
}

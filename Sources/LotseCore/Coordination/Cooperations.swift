// Cooperations: cooperations between members (two organizations, topic, need category, since,
// until, binding agreement, optionally a Quartier) — list, record (only between two different
// members, once per pair and topic), change, remove; through DirectoryWriter, so both
// organizations' histories show it, and each change is also written to the audit log.
// Coordinators may change every cooperation, provider editors those of their organizations.
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
        /// Until when (a date), and whether a binding agreement stands behind it.
        public var until: String? = nil, binding = false
    }

    /// A cooperation as entered or stored ("" for an empty field).
    public struct Draft: Sendable, Equatable {
        /// The two organizations and the topic (required).
        public var organizationID: String, partnerID: String, topic: String
        /// Since (a date), the Quartier's id and a description (optional).
        public var since: String, sozialraumID: String, description: String
        /// Until (a date), the need category's term id (optional) and the binding agreement.
        public var until: String, needTermID: String, binding: Bool

        /// A draft from the entered values.
        public init(organizationID: String, partnerID: String, topic: String, since: String = "", sozialraumID: String = "", description: String = "",
                    until: String = "", needTermID: String = "", binding: Bool = false) {
            self.organizationID = organizationID
            self.partnerID = partnerID
            self.topic = topic
            self.since = since
            self.sozialraumID = sozialraumID
            self.description = description
            self.until = until
            self.needTermID = needTermID
            self.binding = binding
        }
    }

    /// A need category that a cooperation may serve (a top-level `bedarf` term).
    public struct Topic: Sendable, Equatable {
        /// The term's id, code and name.
        public var id: String, code: String, name: String
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
                SELECT c.id, a.name, b.name, c.topic, c.since, s.name, c.until, c.binding FROM cooperation c JOIN organization a ON a.id = c.organization_id
                JOIN organization b ON b.id = c.partner_id LEFT JOIN sozialraum s ON s.id = c.sozialraum_id ORDER BY a.name, b.name, c.topic
                """) {
                Listing(id: $0.string(0), organization: $0.string(1), partner: $0.string(2), topic: $0.string(3),
                        since: $0.optionalString(4), quartier: $0.optionalString(5), until: $0.optionalString(6), binding: $0.int(7) == 1)
            }
        }
    }

    /// The cooperations of `organization` (in either direction): id, the partner's name, the
    /// topic and until, by partner and topic.
    public func of(_ organization: String) throws -> [(id: String, partner: String, topic: String, until: String?)] {
        try store.pool.read { db in
            try db.query("""
                SELECT c.id, p.name, c.topic, c.until FROM cooperation c
                JOIN organization p ON p.id = CASE WHEN c.organization_id = ?1 THEN c.partner_id ELSE c.organization_id END
                WHERE c.organization_id = ?1 OR c.partner_id = ?1 ORDER BY p.name, c.topic, c.id
                """, organization) { ($0.string(0), $0.string(1), $0.string(2), $0.optionalString(3)) }
        }
    }

    /// The stored cooperation `id` as a draft (nil when there is none).
    public func draft(_ id: String) throws -> Draft? {
        try store.pool.read { db in
            try db.queryFirst("""
                SELECT organization_id, partner_id, topic, since, sozialraum_id, description, until, need_term_id, binding FROM cooperation WHERE id = ?
                """, id) {
                Draft(organizationID: $0.string(0), partnerID: $0.string(1), topic: $0.string(2), since: $0.optionalString(3) ?? "",
                      sozialraumID: $0.optionalString(4) ?? "", description: $0.optionalString(5) ?? "", until: $0.optionalString(6) ?? "",
                      needTermID: $0.optionalString(7) ?? "", binding: $0.int(8) == 1)
            }
        }
    }

    /// The need categories a cooperation may serve, in taxonomy order.
    public func topics() throws -> [Topic] {
        try store.pool.read { try Self.topics($0) }
    }

    /// The need categories on `db`, in taxonomy order.
    public static func topics(_ db: Database) throws -> [Topic] {
        try db.query("""
            SELECT t.id, t.code, t.name FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id AND x.code = 'bedarf'
            WHERE t.parent_id IS NULL ORDER BY t.position, t.name
            """) { Topic(id: $0.string(0), code: $0.string(1), name: $0.string(2)) }
    }

    /// True when `account` may record or change a cooperation between `organization` and
    /// `partner`: coordinators always, provider editors when they edit one of the two.
    public static func mayEdit(_ account: Account, organization: String, partner: String) -> Bool {
        account.role == .coordinator || (account.role == .provider && (account.organizations.contains(organization) || account.organizations.contains(partner)))
    }

    /// True when `account` may change or remove the stored cooperation `id` (false when there is none).
    public func mayEdit(_ id: String, by account: Account) throws -> Bool {
        guard let stored = try draft(id) else { return false }
        return Self.mayEdit(account, organization: stored.organizationID, partner: stored.partnerID)
    }

    /// Records a cooperation and returns its id. Throws `DirectoryWriter.Rejected` with the
    /// fields `organization_id`, `partner_id`, `topic`, `need_term_id`, `until` (and the
    /// columns' own checks), `LotseError(.forbidden)` when `account` may not.
    @discardableResult
    public func add(_ draft: Draft, by account: Account) throws -> String {
        try store.pool.write { db in
            let id = UUID().uuidString.lowercased()
            try save(draft, id: id, stored: nil, by: account, db: db)
            return id
        }
    }

    /// Changes cooperation `id` to `draft` (same errors as `add`; not-found when there is none).
    public func update(_ id: String, to draft: Draft, by account: Account) throws {
        try store.pool.write { db in
            guard let stored = try Self.stored(id, db: db) else { throw LotseError(.notFound, "Diese Kooperation gibt es nicht.") }
            try save(draft, id: id, stored: stored, by: account, db: db)
        }
    }

    private static func stored(_ id: String, db: Database) throws -> Draft? {
        try db.queryFirst("SELECT organization_id, partner_id, topic FROM cooperation WHERE id = ?", id) {
            Draft(organizationID: $0.string(0), partnerID: $0.string(1), topic: $0.string(2))
        }
    }

    private func save(_ draft: Draft, id: String, stored: Draft?, by account: Account, db: Database) throws {
        if let stored, !Self.mayEdit(account, organization: stored.organizationID, partner: stored.partnerID) {
            throw LotseError(.forbidden, "Diese Kooperation dürfen nur die Koordination und die beteiligten Organisationen ändern.")
        }
        var problems: [DirectoryWriter.FieldProblem] = []
        for (field, id, label) in [("organization_id", draft.organizationID, "eine Organisation"), ("partner_id", draft.partnerID, "die Partnerorganisation")] {
            if id.isEmpty { problems.append(.init(field: field, message: "Bitte \(label) wählen.")); continue }
            let unchanged = stored.map { [$0.organizationID, $0.partnerID].contains(id) } ?? false
            if !unchanged, try db.scalarString("SELECT membership_status FROM organization WHERE id = ?", id) != MembershipStatus.member.rawValue {
                problems.append(.init(field: field, message: "Kooperationen gibt es nur zwischen Mitgliedern."))
            }
        }
        if !draft.partnerID.isEmpty && draft.partnerID == draft.organizationID {
            problems.append(.init(field: "partner_id", message: "Bitte zwei verschiedene Organisationen wählen."))
        }
        if problems.isEmpty && !Self.mayEdit(account, organization: draft.organizationID, partner: draft.partnerID) {
            problems.append(.init(field: "organization_id", message: "Bitte eine Ihrer eigenen Organisationen als eine der beiden wählen."))
        }
        if draft.topic.isEmpty { problems.append(.init(field: "topic", message: "Bitte das Thema der Kooperation angeben.")) }
        if !draft.needTermID.isEmpty, try !Self.topics(db).contains(where: { $0.id == draft.needTermID }) {
            problems.append(.init(field: "need_term_id", message: "Bitte einen Bedarf aus der Liste wählen."))
        }
        if !draft.since.isEmpty, !draft.until.isEmpty, Timestamp.isDate(draft.since), Timestamp.isDate(draft.until), draft.until < draft.since {
            problems.append(.init(field: "until", message: "Das Ende darf nicht vor dem Beginn liegen."))
        }
        if problems.isEmpty, try db.scalarInt("""
            SELECT count(*) FROM cooperation WHERE topic = ?3 AND id <> ?4 AND ((organization_id = ?1 AND partner_id = ?2) OR (organization_id = ?2 AND partner_id = ?1))
            """, draft.organizationID, draft.partnerID, draft.topic, id) != 0 {
            problems.append(.init(field: "topic", message: "Diese Kooperation ist schon eingetragen."))
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        func value(_ text: String) -> String? { text.isEmpty ? nil : text }
        let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
        let outcome = try writer.write(table: "cooperation", id: id, values: [
            "organization_id": value(draft.organizationID), "partner_id": value(draft.partnerID), "topic": value(draft.topic),
            "since": value(draft.since), "sozialraum_id": value(draft.sozialraumID), "description": value(draft.description),
            "until": value(draft.until), "need_term_id": value(draft.needTermID), "binding": draft.binding ? "1" : "0",
        ])
        try writer.finish()
        let what: String
        switch outcome {
        case .created: what = "Kooperation \(id) eingetragen: \(try names(draft, db: db)), Thema »\(draft.topic)«"
        case .updated(let fields): what = "Kooperation \(id) geändert (\(fields.joined(separator: ", "))): \(try names(draft, db: db))"
        case .unchanged: return
        }
        try audit(what, account: account, db: db)
    }

    private func names(_ draft: Draft, db: Database) throws -> String {
        let first = try db.scalarString("SELECT name FROM organization WHERE id = ?", draft.organizationID) ?? draft.organizationID
        let second = try db.scalarString("SELECT name FROM organization WHERE id = ?", draft.partnerID) ?? draft.partnerID
        return "\(first) und \(second)"
    }

    private func audit(_ what: String, account: Account, db: Database) throws {
        try AuditLog(db: db, now: now).append(.change, accountID: account.id, role: account.role.rawValue,
                                              organizationID: account.role == .provider ? account.organizations.sorted().first : nil,
                                              referralID: nil, what: what, purpose: "Kooperationen im Netzwerk pflegen")
    }

    /// Removes cooperation `id` (not-found error when there is none, forbidden when `account`
    /// may not).
    public func remove(_ id: String, by account: Account) throws {
        try store.pool.write { db in
            guard let stored = try Self.stored(id, db: db) else { throw LotseError(.notFound, "Diese Kooperation gibt es nicht.") }
            guard Self.mayEdit(account, organization: stored.organizationID, partner: stored.partnerID) else {
                throw LotseError(.forbidden, "Diese Kooperation dürfen nur die Koordination und die beteiligten Organisationen entfernen.")
            }
            let what = "Kooperation \(id) entfernt: \(try names(stored, db: db)), Thema »\(stored.topic)«"
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.delete(table: "cooperation", id: id)
            try writer.finish()
            try audit(what, account: account, db: db)
        }
    }
}

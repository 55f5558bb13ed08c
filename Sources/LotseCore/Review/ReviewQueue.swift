// ReviewQueue: structural changes of providers wait here until a coordinator approves (then
// they are written through DirectoryWriter with history) or returns them with a comment. The
// public keeps seeing the last approved version meanwhile. A new submission for the same
// record replaces the pending one.
import Foundation
import SQLite

/// The review queue on one connection.
public struct ReviewQueue {
    let db: Database
    let now: Date

    /// Creates the queue on `db` (inside a transaction for changes).
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Validates `rows` (throws `DirectoryWriter.Rejected`) and queues them; returns the id.
    @discardableResult
    public func submit(organizationID: String, entity: String, entityID: String, action: String, summary: String,
                       rows: [RowChange], by account: Account) throws -> String {
        guard account.mayEdit(organization: organizationID) else {
            throw LotseError(.forbidden, "Sie dürfen Einträge dieser Organisation nicht ändern.")
        }
        let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
        var problems: [DirectoryWriter.FieldProblem] = []
        // Records created by this change may be referenced by its other rows (a new service and
        // its locations, a new location and its address).
        var alongside: [String: Set<String>] = [:]
        for row in rows where !row.delete { alongside[row.table, default: []].insert(row.id) }
        for row in rows where !row.delete {
            problems += try writer.problems(table: row.table, id: row.id, values: row.values, alongside: alongside)
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        let payload = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        if let existing = try db.scalarString("SELECT id FROM change_request WHERE entity_id = ? AND status = 'pending'", entityID) {
            try db.execute("""
                UPDATE change_request SET changes = ?, summary = ?, submitted_by = ?, submitted_at = ? WHERE id = ?
                """, payload, summary, account.id, Timestamp.string(now), existing)
            return existing
        }
        let id = UUID().uuidString.lowercased()
        try db.execute("""
            INSERT INTO change_request(id, organization_id, entity, entity_id, action, summary, changes, submitted_by, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id, organizationID, entity, entityID, action, summary, payload, account.id, Timestamp.string(now))
        return id
    }

    /// Pending requests, oldest first; only one organization's when given.
    public func pending(organization: String? = nil) throws -> [ChangeRequest] {
        try load(organization.map { _ in "cr.status = 'pending' AND cr.organization_id = ?" } ?? "cr.status = 'pending'",
                 organization.map { [$0] } ?? [])
    }

    /// All requests of an organization, newest first (for the provider's overview).
    public func history(organization: String, limit: Int = 50) throws -> [ChangeRequest] {
        Array(try load("cr.organization_id = ?", [organization]).reversed().prefix(limit))
    }

    /// One request.
    public func request(_ id: String) throws -> ChangeRequest? {
        try load("cr.id = ?", [id]).first
    }

    /// The pending request for a record, if any.
    public func pendingRequest(entityID: String) throws -> ChangeRequest? {
        try load("cr.entity_id = ? AND cr.status = 'pending'", [entityID]).first
    }

    /// Applies a pending request through `DirectoryWriter` and marks it approved.
    public func approve(_ id: String, by reviewer: Account) throws {
        guard reviewer.role == .coordinator else { throw LotseError(.forbidden, "Nur die Koordination gibt Änderungen frei.") }
        guard let request = try request(id), request.status == .pending else {
            throw LotseError(.conflict, "Diese Änderung ist nicht mehr offen.")
        }
        let writer = try DirectoryWriter(db: db, actor: "\(reviewer.displayName) (Freigabe für \(request.submittedByName))", now: now)
        for row in request.rows {
            if row.delete { try writer.delete(table: row.table, id: row.id) } else { try writer.write(table: row.table, id: row.id, values: row.values) }
        }
        try writer.finish()
        try mark(id, status: .approved, reviewer: reviewer, comment: nil)
    }

    /// Returns a pending request to the provider with a comment (required).
    public func giveBack(_ id: String, comment: String, by reviewer: Account) throws {
        guard reviewer.role == .coordinator else { throw LotseError(.forbidden, "Nur die Koordination gibt Änderungen zurück.") }
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DirectoryWriter.Rejected(problems: [.init(field: "comment", message: "Bitte begründen, was fehlt oder falsch ist.")]) }
        guard let request = try request(id), request.status == .pending else {
            throw LotseError(.conflict, "Diese Änderung ist nicht mehr offen.")
        }
        try mark(id, status: .returned, reviewer: reviewer, comment: text)
    }

    /// Withdraws the provider's own pending request.
    public func withdraw(_ id: String, by account: Account) throws {
        guard let request = try request(id), request.status == .pending, account.mayEdit(organization: request.organizationID) else {
            throw LotseError(.conflict, "Diese Änderung ist nicht mehr offen.")
        }
        try mark(id, status: .withdrawn, reviewer: account, comment: nil)
    }

    private func mark(_ id: String, status: ChangeRequest.Status, reviewer: Account, comment: String?) throws {
        try db.execute("UPDATE change_request SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ? WHERE id = ?",
                       status.rawValue, reviewer.id, Timestamp.string(now), comment, id)
    }

    private func load(_ condition: String, _ values: [SQLBindable?]) throws -> [ChangeRequest] {
        try db.query("""
            SELECT cr.id, cr.organization_id, cr.entity, cr.entity_id, cr.action, cr.summary, cr.changes, cr.submitted_by,
                   coalesce(a.display_name, ''), cr.submitted_at, cr.status, cr.reviewed_at, cr.review_comment
            FROM change_request cr LEFT JOIN account a ON a.id = cr.submitted_by
            WHERE \(condition) ORDER BY cr.submitted_at, cr.id
            """, values: values) { row in
            ChangeRequest(id: row.string(0), organizationID: row.string(1), entity: row.string(2), entityID: row.string(3),
                          action: row.string(4), summary: row.string(5),
                          rows: (try? JSONDecoder().decode([RowChange].self, from: Data(row.string(6).utf8))) ?? [],
                          submittedBy: row.string(7), submittedByName: row.string(8), submittedAt: row.string(9),
                          status: ChangeRequest.Status(rawValue: row.string(10)) ?? .pending, reviewedAt: row.optionalString(11),
                          comment: row.optionalString(12))
        }
    }
}

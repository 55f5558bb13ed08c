// Corrections: "Korrektur vorschlagen" — free-text hints from the public about a service,
// kept for the owning organization and the coordinators until someone marks them done or
// dismissed. No personal data is asked for, and none is stored besides the text.
import Foundation
import SQLite

/// Suggested corrections on one connection.
public struct Corrections {
    let db: Database
    let now: Date

    /// The shortest and the longest text accepted.
    public static let textLength = 10...2000

    /// Where a suggestion stands.
    public enum Status: String, Sendable, CaseIterable {
        case open, done, dismissed

        /// The German label.
        public var label: String {
            switch self {
            case .open: "offen"
            case .done: "erledigt"
            case .dismissed: "verworfen"
            }
        }
    }

    /// One suggestion with the names of its service and organization.
    public struct Suggestion: Sendable {
        public let id: String
        public let serviceID: String
        public let serviceName: String
        public let organizationID: String
        public let organizationName: String
        public let text: String
        public let createdAt: String
        public let status: Status
        public let handledAt: String?
        public let handledByName: String?
    }

    /// Creates the store on `db` (inside a write transaction for changes).
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Records a suggestion for a service; throws `DirectoryWriter.Rejected` (field `text`) when
    /// the text is too short or too long, `notFound` for an unknown service.
    @discardableResult
    public func suggest(serviceID: String, text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.textLength.contains(trimmed.count) else {
            let message = trimmed.count < Self.textLength.lowerBound
                ? "Bitte beschreiben Sie in mindestens \(Self.textLength.lowerBound) Zeichen, was nicht stimmt."
                : "Bitte fassen Sie sich kürzer (höchstens \(Self.textLength.upperBound) Zeichen, jetzt \(trimmed.count))."
            throw DirectoryWriter.Rejected(problems: [.init(field: "text", message: message)])
        }
        guard let organization = try db.scalarString("SELECT organization_id FROM service WHERE id = ?", serviceID) else {
            throw LotseError(.notFound, "Dieses Angebot gibt es nicht.")
        }
        let id = UUID().uuidString.lowercased()
        try db.execute("INSERT INTO correction(id, service_id, organization_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
                       id, serviceID, organization, trimmed, Timestamp.string(now))
        return id
    }

    /// Suggestions, newest first: of one organization when given, with one status when given.
    public func list(organization: String? = nil, status: Status? = nil, limit: Int = 200) throws -> [Suggestion] {
        var conditions: [String] = []
        var values: [SQLBindable?] = []
        if let organization { conditions.append("c.organization_id = ?"); values.append(organization) }
        if let status { conditions.append("c.status = ?"); values.append(status.rawValue) }
        return try load(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), values, limit: limit)
    }

    /// One suggestion.
    public func suggestion(_ id: String) throws -> Suggestion? {
        try load("c.id = ?", [id], limit: 1).first
    }

    /// Number of open suggestions.
    public func openCount() throws -> Int {
        try db.scalarInt("SELECT count(*) FROM correction WHERE status = 'open'") ?? 0
    }

    /// Marks a suggestion done or dismissed (or open again). Only editors of its organization
    /// and coordinators may.
    public func handle(_ id: String, status: Status, by account: Account) throws {
        guard let suggestion = try suggestion(id) else { throw LotseError(.notFound, "Diesen Vorschlag gibt es nicht.") }
        guard account.mayEdit(organization: suggestion.organizationID) else {
            throw LotseError(.forbidden, "Sie dürfen Vorschläge dieser Organisation nicht bearbeiten.")
        }
        try db.execute("UPDATE correction SET status = ?, handled_by = ?, handled_at = ? WHERE id = ?",
                       status.rawValue, status == .open ? nil : account.id, status == .open ? nil : Timestamp.string(now), id)
    }

    private func load(_ condition: String, _ values: [SQLBindable?], limit: Int) throws -> [Suggestion] {
        try db.query("""
            SELECT c.id, c.service_id, coalesce(s.name, ''), c.organization_id, coalesce(o.name, ''), c.text, c.created_at, c.status,
                   c.handled_at, a.display_name
            FROM correction c LEFT JOIN service s ON s.id = c.service_id LEFT JOIN organization o ON o.id = c.organization_id
                 LEFT JOIN account a ON a.id = c.handled_by
            WHERE \(condition) ORDER BY c.created_at DESC, c.id LIMIT \(max(1, limit))
            """, values: values) { row in
            Suggestion(id: row.string(0), serviceID: row.string(1), serviceName: row.string(2), organizationID: row.string(3),
                       organizationName: row.string(4), text: row.string(5), createdAt: row.string(6),
                       status: Status(rawValue: row.string(7)) ?? .open, handledAt: row.optionalString(8), handledByName: row.optionalString(9))
        }
    }
}

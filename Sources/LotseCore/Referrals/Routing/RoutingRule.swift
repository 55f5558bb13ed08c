// RoutingRule: a coordinator's rule "for need N in Sozialraum S, refer to these services in
// this order — or to this pool", and the store that keeps them (docs/domain.md §5.4).
import Foundation
import SQLite

/// A routing rule.
public struct RoutingRule: Sendable, Equatable {
    /// Where a rule sends.
    public enum Target: Sendable, Equatable {
        /// An ordered list of service ids.
        case services([String])
        /// A pool: organizations of a kind located in or covering an area (code).
        case pool(kind: OrganizationKind, sozialraum: String)
    }

    /// The id.
    public let id: String
    /// Need code (taxonomy `bedarf`); it also applies to the need's sub-terms.
    public let needCode: String
    /// Sozialraum code; it also applies to the area's sub-areas.
    public let sozialraum: String
    /// Where it sends.
    public let target: Target
    /// A note.
    public let note: String
}

/// Routing rules on one connection; changes are for coordinators only.
public struct RoutingRules {
    let db: Database
    let now: Date

    /// Creates the store on `db`.
    public init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
    }

    /// Adds or replaces the rule for (need, Sozialraum) and returns it.
    @discardableResult
    public func set(need: String, sozialraum: String, target: RoutingRule.Target, note: String = "", by account: Account) throws -> RoutingRule {
        guard account.role == .coordinator, account.status == .active else {
            throw LotseError(.forbidden, "Routing-Regeln pflegt die Koordination.")
        }
        guard try db.scalarInt("""
            SELECT count(*) FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.code = 'bedarf' AND t.code = ?
            """, need) == 1 else { throw LotseError(.invalidInput, "Unbekannter Bedarf: \(need)") }
        guard let areaID = try db.scalarString("SELECT id FROM sozialraum WHERE code = ?", sozialraum) else {
            throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(sozialraum)")
        }
        var poolKind: String?, poolArea: String?
        switch target {
        case .services(let services):
            guard !services.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens ein Angebot angeben.") }
            for service in services where try db.scalarInt("SELECT count(*) FROM service WHERE id = ?", service) != 1 {
                throw LotseError(.notFound, "Das Angebot \(service) gibt es nicht.")
            }
        case .pool(let kind, let code):
            guard let id = try db.scalarString("SELECT id FROM sozialraum WHERE code = ?", code) else {
                throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)")
            }
            poolKind = kind.rawValue
            poolArea = id
        }
        try db.execute("DELETE FROM routing_rule WHERE need_code = ? AND sozialraum_id = ?", need, areaID)
        let id = UUID().uuidString.lowercased()
        let isPool = poolKind != nil
        try db.execute("""
            INSERT INTO routing_rule(id, need_code, sozialraum_id, target_kind, pool_kind, pool_sozialraum_id, note, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id, need, areaID, isPool ? "pool" : "services", poolKind, poolArea, note, account.id, Timestamp.string(now))
        if case .services(let services) = target {
            for (position, service) in services.enumerated() {
                try db.execute("INSERT INTO routing_rule_service(rule_id, position, service_id) VALUES (?, ?, ?)", id, position, service)
            }
        }
        return try all().first { $0.id == id }!
    }

    /// Removes a rule.
    public func remove(_ id: String, by account: Account) throws {
        guard account.role == .coordinator else { throw LotseError(.forbidden, "Routing-Regeln pflegt die Koordination.") }
        try db.execute("DELETE FROM routing_rule WHERE id = ?", id)
        guard db.changes == 1 else { throw LotseError(.notFound, "Diese Regel gibt es nicht.") }
    }

    /// Every rule, by need and area code.
    public func all() throws -> [RoutingRule] {
        let rows = try db.query("""
            SELECT r.id, r.need_code, s.code, r.target_kind, r.pool_kind, p.code, r.note,
                   (SELECT group_concat(service_id, ',') FROM (SELECT service_id FROM routing_rule_service WHERE rule_id = r.id ORDER BY position))
            FROM routing_rule r JOIN sozialraum s ON s.id = r.sozialraum_id LEFT JOIN sozialraum p ON p.id = r.pool_sozialraum_id
            ORDER BY r.need_code, s.code
            """) { row -> RoutingRule in
            let target: RoutingRule.Target = row.string(3) == "pool"
                ? .pool(kind: OrganizationKind(rawValue: row.string(4)) ?? .dlz, sozialraum: row.string(5))
                : .services((row.optionalString(7) ?? "").split(separator: ",").map(String.init))
            return RoutingRule(id: row.string(0), needCode: row.string(1), sozialraum: row.string(2), target: target, note: row.string(6))
        }
        return rows
    }
}

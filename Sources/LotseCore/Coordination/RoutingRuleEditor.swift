// RoutingRuleEditor: the coordinators' routing-rule tool on a store — the listed services a
// rule may name, add or replace a rule, move one of its services up or down or take it out
// (a rule without services left is removed), remove a rule. Each method is one transaction
// over RoutingRules.
import Foundation
import SQLite

/// Routing-rule editing on a store.
public struct RoutingRuleEditor: Sendable {
    /// A listed service a rule may name.
    public struct ServiceChoice: Sendable, Equatable {
        /// The service's id and name, and its organization's name.
        public var id: String, name: String, organization: String
    }

    /// How a service moves within a rule.
    public enum Move: Sendable {
        /// One place up (earlier).
        case up
        /// One place down (later).
        case down
        /// Out of the rule.
        case remove
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The editor on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every rule, by need and area code.
    public func all() throws -> [RoutingRule] {
        try store.pool.read { try RoutingRules(db: $0, now: now).all() }
    }

    /// The services listed in the directory, by name and organization.
    public func listedServices() throws -> [ServiceChoice] {
        try store.pool.read { db in
            try db.query("""
                SELECT s.id, s.name, o.name FROM service s JOIN organization o ON o.id = s.organization_id WHERE \(Listing.condition)
                ORDER BY s.name, o.name
                """) { ServiceChoice(id: $0.string(0), name: $0.string(1), organization: $0.string(2)) }
        }
    }

    /// Adds the rule for (need, Sozialraum), replacing one there (see `RoutingRules.set`).
    @discardableResult
    public func set(need: String, sozialraum: String, target: RoutingRule.Target, note: String, by account: Account) throws -> RoutingRule {
        try store.pool.write { db in try RoutingRules(db: db, now: now).set(need: need, sozialraum: sozialraum, target: target, note: note, by: account) }
    }

    /// Moves `service` within rule `id` (nil: an unknown move); returns true when the rule had
    /// no services left and was removed. Not-found for an unknown rule; invalid input for a
    /// pool rule, a service not in the rule, or a move past either end.
    public func move(_ service: String, _ move: Move?, inRule id: String, by account: Account) throws -> Bool {
        try store.pool.write { db -> Bool in
            let rules = RoutingRules(db: db, now: now)
            guard let rule = try rules.all().first(where: { $0.id == id }) else { throw LotseError(.notFound, "Diese Regel gibt es nicht.") }
            guard case .services(var services) = rule.target else {
                throw LotseError(.invalidInput, "Diese Regel vermittelt an einen Pool; es gibt keine Reihenfolge.")
            }
            guard let position = services.firstIndex(of: service) else {
                throw LotseError(.invalidInput, "Bitte ein Angebot der Regel wählen.")
            }
            switch move {
            case .up where position > 0: services.swapAt(position, position - 1)
            case .down where position < services.count - 1: services.swapAt(position, position + 1)
            case .remove: services.remove(at: position)
            default: throw LotseError(.invalidInput, "Bitte »hoch«, »runter« oder »entfernen« wählen.")
            }
            if services.isEmpty {
                try rules.remove(id, by: account)
                return true
            }
            _ = try rules.set(need: rule.needCode, sozialraum: rule.sozialraum, target: .services(services), note: rule.note, by: account)
            return false
        }
    }

    /// Removes rule `id` (not-found when there is none).
    public func remove(_ id: String, by account: Account) throws {
        try store.pool.write { db in try RoutingRules(db: db, now: now).remove(id, by: account) }
    }
}

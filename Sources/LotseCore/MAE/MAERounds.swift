// MAERounds: the MAE rounds on a store — what a round is, and the reads every page shares
// (rounds, applications, the allocation per member with its filled and vacant places, the
// members' comments). The coordinator's steps are in MAERounds+Coordination, the members' in
// MAERounds+Members. Counts only: participants are never recorded.
import Foundation
import SQLite

/// The MAE rounds on a store.
public struct MAERounds: Sendable {
    /// One round: the places a job centre grants for a period.
    public struct Round: Sendable, Equatable {
        public var id: String
        /// The granting job centre.
        public var jobCentre: String
        /// Places granted, and hours per week per place.
        public var places: Int, hoursPerWeek: Int
        /// The period (YYYY-MM-DD) and the last day for comments on the proposal.
        public var periodFrom: String, periodUntil: String, commentUntil: String
        /// The coordinator's note, if any.
        public var note: String?
        public var state: MAERoundLifecycle.State
        /// The fields of activity, in vocabulary order.
        public var fields: [MAEField]
        /// ISO timestamps of the steps so far.
        public var createdAt: String, proposedAt: String?, decidedAt: String?, closedAt: String?
    }

    /// One member's application.
    public struct Application: Sendable, Equatable {
        public var organizationID: String, organizationName: String
        public var purpose: String
        /// Places wanted per field.
        public var wanted: [MAEField: Int]
        public var appliedAt: String
        /// All places wanted.
        public var total: Int { wanted.values.reduce(0, +) }
    }

    /// One member's share: wanted, proposed, decided (with the reason) and filled.
    public struct Allocation: Sendable, Equatable {
        public var organizationID: String, organizationName: String
        public var wanted: Int, proposed: Int
        public var decided: Int?, reason: String?
        public var filled: Int
        /// Decided places not (yet) filled.
        public var vacant: Int { max(0, (decided ?? 0) - filled) }
    }

    /// One member's say on a proposal.
    public struct Comment: Sendable, Equatable {
        public var organizationID: String, organizationName: String, body: String, createdAt: String
    }

    /// A round with its totals, for the lists.
    public struct Summary: Sendable, Equatable {
        public var round: Round
        public var applications: Int, wanted: Int, allocated: Int, filled: Int
        public var vacant: Int { max(0, allocated - filled) }
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// The rounds on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Today in Berlin (YYYY-MM-DD).
    var today: String { BerlinTime(now).dateString }

    static let roundColumns = """
        id, job_centre, places, hours_per_week, period_from, period_until, comment_until, note, state, created_at, proposed_at, decided_at, closed_at
        """

    static func round(_ db: Database, _ row: Row) throws -> Round {
        let id = row.string(0)
        let codes = Set(try db.query("SELECT field FROM mae_round_field WHERE round_id = ?", id) { $0.string(0) })
        return Round(id: id, jobCentre: row.string(1), places: row.int(2), hoursPerWeek: row.int(3), periodFrom: row.string(4),
                     periodUntil: row.string(5), commentUntil: row.string(6), note: row.optionalString(7),
                     state: MAERoundLifecycle.State(rawValue: row.string(8)) ?? .closed,
                     fields: MAEField.allCases.filter { codes.contains($0.rawValue) },
                     createdAt: row.string(9), proposedAt: row.optionalString(10), decidedAt: row.optionalString(11), closedAt: row.optionalString(12))
    }

    /// Round `id` on `db`; a not-found error when there is none.
    static func round(_ db: Database, id: String) throws -> Round {
        guard let round = try db.queryFirst("SELECT \(roundColumns) FROM mae_round WHERE id = ?", id, transform: { try Self.round(db, $0) }) else {
            throw LotseError(.notFound, "Diese MAE-Runde gibt es nicht.")
        }
        return round
    }

    /// Every round with its totals, newest period first.
    public func all() throws -> [Summary] {
        try store.pool.read { db in
            try db.query("SELECT \(Self.roundColumns) FROM mae_round ORDER BY period_from DESC, created_at DESC") { try Self.round(db, $0) }.map { round in
                let totals = try db.queryFirst("""
                    SELECT (SELECT count(*) FROM mae_application WHERE round_id = ?1),
                           (SELECT coalesce(sum(places), 0) FROM mae_application_field WHERE round_id = ?1),
                           (SELECT coalesce(sum(decided), 0) FROM mae_allocation WHERE round_id = ?1),
                           (SELECT coalesce(sum(filled), 0) FROM mae_allocation WHERE round_id = ?1)
                    """, round.id) { ($0.int(0), $0.int(1), $0.int(2), $0.int(3)) } ?? (0, 0, 0, 0)
                return Summary(round: round, applications: totals.0, wanted: totals.1, allocated: totals.2, filled: totals.3)
            }
        }
    }

    /// Round `id` (not-found error when there is none).
    public func round(_ id: String) throws -> Round {
        try store.pool.read { try Self.round($0, id: id) }
    }

    /// The applications of round `id`, by organization name.
    public func applications(_ id: String) throws -> [Application] {
        try store.pool.read { try Self.applications($0, id) }
    }

    static func applications(_ db: Database, _ id: String) throws -> [Application] {
        var wanted: [String: [MAEField: Int]] = [:]
        try db.query("SELECT organization_id, field, places FROM mae_application_field WHERE round_id = ?", id) { row in
            if let field = MAEField(rawValue: row.string(1)) { wanted[row.string(0), default: [:]][field] = row.int(2) }
        }.forEach { _ in }
        return try db.query("""
            SELECT a.organization_id, o.name, a.purpose, a.applied_at FROM mae_application a JOIN organization o ON o.id = a.organization_id
            WHERE a.round_id = ? ORDER BY o.name
            """, id) { Application(organizationID: $0.string(0), organizationName: $0.string(1), purpose: $0.string(2),
                                   wanted: wanted[$0.string(0)] ?? [:], appliedAt: $0.string(3)) }
    }

    /// The allocation of round `id` per applying member (wanted, proposed, decided, filled), by
    /// organization name; empty before the first proposal.
    public func allocations(_ id: String) throws -> [Allocation] {
        try store.pool.read { db in
            try db.query("""
                SELECT a.organization_id, o.name,
                       (SELECT coalesce(sum(f.places), 0) FROM mae_application_field f WHERE f.round_id = a.round_id AND f.organization_id = a.organization_id),
                       a.proposed, a.decided, a.reason, a.filled
                FROM mae_allocation a JOIN organization o ON o.id = a.organization_id WHERE a.round_id = ? ORDER BY o.name
                """, id) { Allocation(organizationID: $0.string(0), organizationName: $0.string(1), wanted: $0.int(2), proposed: $0.int(3),
                                      decided: $0.optionalInt(4), reason: $0.optionalString(5), filled: $0.int(6)) }
        }
    }

    /// The members' comments on round `id`, oldest first.
    public func comments(_ id: String) throws -> [Comment] {
        try store.pool.read { db in
            try db.query("""
                SELECT c.organization_id, o.name, c.body, c.created_at FROM mae_comment c JOIN organization o ON o.id = c.organization_id
                WHERE c.round_id = ? ORDER BY c.created_at, c.id
                """, id) { Comment(organizationID: $0.string(0), organizationName: $0.string(1), body: $0.string(2), createdAt: $0.string(3)) }
        }
    }

    /// Rounds whose proposal is under comment on `day` (YYYY-MM-DD), by deadline: what the
    /// members' digest mentions.
    public static func openForComment(_ db: Database, on day: String) throws -> [Round] {
        try db.query("SELECT \(roundColumns) FROM mae_round WHERE state = 'proposed' AND comment_until >= ? ORDER BY comment_until, id", day) {
            try Self.round(db, $0)
        }
    }

    /// A whole number typed into a form, or nil.
    static func number(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces))
    }

    /// Appends an audit row for a coordinator's step on a round (no referral, no person).
    static func audit(_ db: Database, now: Date, by account: Account, _ what: String) throws {
        _ = try AuditLog(db: db, now: now).record(.change, by: .person(account), referralID: nil, what: what, purpose: "MAE-Verteilung")
    }
}

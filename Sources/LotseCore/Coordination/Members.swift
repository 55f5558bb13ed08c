// Members: the network's organizations by membership — applicants, members, suspended and
// former members; admit (applicant → member), suspend and re-admit (also a former member:
// rejoining; leaving is in MembershipLeaving), through DirectoryWriter
// so that the organization's history records who did it; the counts and name lists the
// coordination pages need.
import Foundation
import SQLite

/// Membership of the network on a store.
public struct Members: Sendable {
    /// One organization with its membership.
    public struct Organization: Sendable, Equatable {
        /// Id, name and kind (OrganizationKind raw value).
        public var id: String, name: String, kind: String
        /// The membership status (raw value) and since when it is a member (a date).
        public var status: String, since: String?
    }

    /// A change of membership a coordinator may make.
    public enum Change: CaseIterable, Sendable {
        /// Applicant → member.
        case admit
        /// Member → suspended.
        case suspend
        /// Suspended or left → member.
        case readmit

        /// The status after the change.
        public var to: MembershipStatus {
            switch self {
            case .admit, .readmit: .member
            case .suspend: .suspended
            }
        }

        /// The statuses the change applies to.
        public var from: [MembershipStatus] {
            switch self {
            case .admit: [.applicant]
            case .suspend: [.member]
            case .readmit: [.suspended, .left]
            }
        }
    }

    /// The database.
    public let store: Store
    /// The instant changes are stamped with.
    public let now: Date

    /// Membership on `store` at `now`.
    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// Every organization, by name.
    public func all() throws -> [Organization] {
        try store.pool.read { db in
            try db.query("SELECT id, name, kind, membership_status, member_since FROM organization ORDER BY name, id") {
                Organization(id: $0.string(0), name: $0.string(1), kind: $0.string(2), status: $0.string(3), since: $0.optionalString(4))
            }
        }
    }

    /// Id and name of the organizations with one of `statuses`, by name.
    public func names(_ statuses: [MembershipStatus]) throws -> [(id: String, name: String)] {
        let placeholders = statuses.map { _ in "?" }.joined(separator: ", ")
        return try store.pool.read { db in
            try db.query("SELECT id, name FROM organization WHERE membership_status IN (\(placeholders)) ORDER BY name",
                         values: statuses.map(\.rawValue)) { (id: $0.string(0), name: $0.string(1)) }
        }
    }

    /// The names of the organizations `ids` (id → name; unknown ids left out).
    public func names(of ids: [String]) throws -> [String: String] {
        try store.pool.read { db in
            var names: [String: String] = [:]
            for id in Set(ids) { names[id] = try db.scalarString("SELECT name FROM organization WHERE id = ?", id) }
            return names
        }
    }

    /// How many organizations have `status`.
    public func count(_ status: MembershipStatus) throws -> Int {
        try store.pool.read { db in try db.scalarInt("SELECT count(*) FROM organization WHERE membership_status = ?", status.rawValue) ?? 0 }
    }

    /// Applies `change` to organization `id`: not-found when there is none, a conflict when it
    /// does not fit its current status. Admitting sets `member_since` the first time; re-admitting
    /// a former member (rejoining) sets it anew and records the rejoining (`membership_event`).
    public func apply(_ change: Change, to id: String, by account: Account) throws {
        try store.pool.write { db in
            guard let current = try db.queryFirst("SELECT membership_status, member_since FROM organization WHERE id = ?", id,
                                                  transform: { ($0.string(0), $0.optionalString(1)) }) else {
                throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
            }
            guard change.from.contains(where: { $0.rawValue == current.0 }) else {
                throw LotseError(.conflict, "Das passt nicht zum jetzigen Stand (\(MembershipStatus(rawValue: current.0)?.label ?? current.0)).")
            }
            var values: [String: String?] = ["membership_status": change.to.rawValue]
            let rejoining = current.0 == MembershipStatus.left.rawValue
            if change.to == .member && (current.1 == nil || rejoining) { values["member_since"] = BerlinTime(now).dateString }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "organization", id: id, values: values)
            try writer.finish()
            if rejoining { try Self.recordEvent(db, organization: id, kind: "rejoined", date: BerlinTime(now).dateString, reason: nil, by: account, now: now) }
        }
    }
}

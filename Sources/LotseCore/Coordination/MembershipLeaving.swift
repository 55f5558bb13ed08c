// MembershipLeaving: a member (or suspended member) is recorded as left with the date and the
// reason — its status becomes 'left' through DirectoryWriter (so the organization's history
// records who did it), which takes its entries out of the public directory, the API and the
// public exports; nothing is deleted. Each leaving and rejoining is kept in `membership_event`.
import Foundation
import SQLite

extension Members {
    /// A recorded leaving or rejoining.
    public struct Event: Sendable, Equatable {
        /// 'left' or 'rejoined'.
        public var kind: String
        /// The day (YYYY-MM-DD), the reason (leaving only) and who recorded it.
        public var date: String, reason: String?, recordedBy: String
    }

    /// Records organization `id` as left on `date` (YYYY-MM-DD, not in the future) for
    /// `reason`: `DirectoryWriter.Rejected` with the fields `date` and `reason`; not-found, or
    /// a conflict when it is not a member or suspended.
    public func recordLeaving(_ id: String, date: String, reason: String, by account: Account) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let date = date.trimmingCharacters(in: .whitespaces)
        var problems: [DirectoryWriter.FieldProblem] = []
        if !Timestamp.isDate(date) {
            problems.append(.init(field: "date", message: "Bitte das Datum des Austritts angeben (TT.MM.JJJJ)."))
        } else if date > BerlinTime(now).dateString {
            problems.append(.init(field: "date", message: "Der Austritt kann nicht in der Zukunft liegen; bitte erst am Tag des Austritts eintragen."))
        }
        if !(3...1000).contains(reason.count) {
            problems.append(.init(field: "reason", message: "Bitte den Grund des Austritts angeben (3 bis 1000 Zeichen)."))
        }
        guard problems.isEmpty else { throw DirectoryWriter.Rejected(problems: problems) }
        try store.pool.write { db in
            guard let status = try db.scalarString("SELECT membership_status FROM organization WHERE id = ?", id) else {
                throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
            }
            guard status == MembershipStatus.member.rawValue || status == MembershipStatus.suspended.rawValue else {
                throw LotseError(.conflict, "Nur Mitglieder können austreten (jetzt: \(MembershipStatus(rawValue: status)?.label ?? status)).")
            }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "organization", id: id, values: ["membership_status": MembershipStatus.left.rawValue])
            try writer.finish()
            try Self.recordEvent(db, organization: id, kind: "left", date: date, reason: reason, by: account, now: now)
        }
    }

    /// The leavings and rejoinings of organization `id`, oldest first.
    public func events(_ id: String) throws -> [Event] {
        try store.pool.read { db in
            try db.query("SELECT kind, on_date, reason, recorded_by FROM membership_event WHERE organization_id = ? ORDER BY on_date, id", id) {
                Event(kind: $0.string(0), date: $0.string(1), reason: $0.optionalString(2), recordedBy: $0.string(3))
            }
        }
    }

    static func recordEvent(_ db: Database, organization: String, kind: String, date: String, reason: String?, by account: Account,
                            now: Date) throws {
        try db.execute("""
            INSERT INTO membership_event(organization_id, kind, on_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            """, organization, kind, date, reason, account.displayName, Timestamp.string(now))
    }
}

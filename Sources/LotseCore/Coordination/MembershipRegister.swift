// MembershipRegister: the members' register — every organization with kind, status, since when
// it is a member and, for former members, when and why it left — and its CSV download (RFC 4180:
// comma-separated, CRLF line ends, fields quoted where needed, UTF-8; text protected against
// formula injection by CSVCell).
import Foundation
import SQLite

/// The members' register of a store.
public struct MembershipRegister: Sendable {
    /// One organization in the register.
    public struct Row: Sendable, Equatable {
        public var id: String, name: String, kind: String, status: String
        /// Member since (YYYY-MM-DD).
        public var since: String?
        /// The last leaving (date and reason), for former members.
        public var leftOn: String?, leftReason: String?
    }

    /// The database.
    public let store: Store

    /// The register of `store`.
    public init(store: Store) {
        self.store = store
    }

    /// Every organization by name, with its last leaving while it is a former member.
    public func rows() throws -> [Row] {
        try store.pool.read { db in
            try db.query("""
                SELECT o.id, o.name, o.kind, o.membership_status, o.member_since, e.on_date, e.reason FROM organization o
                LEFT JOIN membership_event e ON e.id = (SELECT max(id) FROM membership_event WHERE organization_id = o.id AND kind = 'left')
                    AND o.membership_status = 'left'
                ORDER BY o.name, o.id
                """) {
                Row(id: $0.string(0), name: $0.string(1), kind: $0.string(2), status: $0.string(3), since: $0.optionalString(4),
                    leftOn: $0.optionalString(5), leftReason: $0.optionalString(6))
            }
        }
    }

    /// The header line of the CSV download.
    public static let csvHeader = ["id", "name", "art", "status", "mitglied_seit", "ausgetreten_am", "austrittsgrund"]

    /// `rows` as CSV with a header line (labels in German, dates as YYYY-MM-DD).
    public static func csv(_ rows: [Row]) -> String {
        func field(_ value: String) -> String {
            let text = CSVCell.protect(value)
            return text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [csvHeader.joined(separator: ",")]
        for row in rows {
            lines.append([row.id, row.name, OrganizationKind(rawValue: row.kind)?.label ?? row.kind,
                          MembershipStatus(rawValue: row.status)?.label ?? row.status, row.since ?? "", row.leftOn ?? "", row.leftReason ?? ""]
                .map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

// ServiceSummary: the short form of a listed service used by result lists (CLI, pages):
// name, organization, where, capacity and freshness.
import SQLite

/// A service as a result line.
public struct ServiceSummary: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let organizationID: String
    public let organizationName: String
    /// Names of the Sozialräume of its public locations.
    public let places: [String]
    /// Cities of its public locations.
    public let cities: [String]
    public let capacityStatus: CapacityStatus
    public let verifiedAt: String?
    public let nextReviewDue: String?
    /// True when past its review date.
    public let isStale: Bool

    /// Loads summaries for `ids`, in the given order (unknown ids are skipped). `today` is a
    /// Berlin `YYYY-MM-DD` date for the staleness mark.
    public static func load(_ ids: [String], from db: Database, today: String) throws -> [ServiceSummary] {
        guard !ids.isEmpty else { return [] }
        let statement = try db.cached("""
            SELECT s.id, s.name, o.id, o.name, s.capacity_status, coalesce(s.verified_at, o.verified_at),
                   coalesce(s.next_review_due, o.next_review_due),
                   (SELECT group_concat(DISTINCT sr.name) FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                      JOIN sozialraum sr ON sr.id = l.sozialraum_id WHERE sal.service_id = s.id AND l.visibility = 'public'),
                   (SELECT group_concat(DISTINCT ad.city) FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                      JOIN address ad ON ad.location_id = l.id WHERE sal.service_id = s.id AND l.visibility = 'public')
            FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ?
            """)
        return try ids.compactMap { id in
            try statement.first([id]) { row in
                let due = row.optionalString(6)
                return ServiceSummary(
                    id: row.string(0), name: row.string(1), organizationID: row.string(2), organizationName: row.string(3),
                    places: row.optionalString(7)?.split(separator: ",").map(String.init) ?? [],
                    cities: row.optionalString(8)?.split(separator: ",").map(String.init) ?? [],
                    capacityStatus: CapacityStatus(rawValue: row.string(4)) ?? .unknown,
                    verifiedAt: row.optionalString(5), nextReviewDue: due, isStale: due.map { $0 < today } ?? false)
            }
        }
    }
}

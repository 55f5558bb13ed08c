// DirectoryStatistics: counts for `lotse stats` and the coordinator's overview.
import SQLite

/// Counts of the directory.
public struct DirectoryStatistics: Sendable {
    /// Rows per table, in exchange order.
    public let tableCounts: [(table: String, count: Int)]
    /// Organizations per kind.
    public let organizationsByKind: [(kind: OrganizationKind, count: Int)]
    /// Listed services per capacity state.
    public let servicesByCapacity: [(status: CapacityStatus, count: Int)]
    /// Services past their review date.
    public let staleServices: Int
    /// Services visible in the public directory.
    public let listedServices: Int
    /// Applied migrations.
    public let migrations: [String]
    /// True when the instance holds sample data.
    public let isSampleData: Bool

    /// Computes the counts; `today` is a Berlin `YYYY-MM-DD` date.
    public static func compute(_ db: Database, today: String) throws -> DirectoryStatistics {
        var tableCounts: [(String, Int)] = []
        for (table, _) in TableSpecs.order {
            tableCounts.append((table, try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0))
        }
        let kinds = try OrganizationKind.allCases.map { kind in
            (kind, try db.scalarInt("SELECT count(*) FROM organization WHERE kind = ?", kind.rawValue) ?? 0)
        }
        let listed = """
            FROM service s JOIN organization o ON o.id = s.organization_id WHERE \(Listing.condition)
            """
        let capacity = try CapacityStatus.allCases.map { status in
            (status, try db.scalarInt("SELECT count(*) \(listed) AND s.capacity_status = ?", status.rawValue) ?? 0)
        }
        return DirectoryStatistics(
            tableCounts: tableCounts, organizationsByKind: kinds, servicesByCapacity: capacity,
            staleServices: try db.scalarInt("SELECT count(*) \(listed) AND coalesce(s.next_review_due, o.next_review_due) < ?", today) ?? 0,
            listedServices: try db.scalarInt("SELECT count(*) \(listed)") ?? 0,
            migrations: try db.query("SELECT name FROM schema_migration ORDER BY rowid") { $0.string(0) },
            isSampleData: try db.scalarString("SELECT value FROM lotse_meta WHERE key = 'sample_data'") == "1")
    }
}

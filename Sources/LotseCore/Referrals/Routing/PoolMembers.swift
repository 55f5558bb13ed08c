// PoolMembers: who a pool ("any DLZ in Osterholz") offers a referral to — every listed service
// of an organization of that kind that offers one of the referral's needs (the need itself or a
// narrower one) and is located in or covers the area, below or above it (docs/domain.md §5.2).
import SQLite

/// The members of a pool for a need.
enum PoolMembers {
    /// One member service.
    struct Member: Equatable {
        /// The service, its organization and its respond-by working days.
        var service: String, organization: String, respondByDays: Int
    }

    /// The listed services of organizations of `kind` in or covering area `areaID` with one of
    /// `needs` (a 'bedarf' code or one below it), by id. Throws when `needs` is empty: a pool
    /// without a need would offer every service of its kind.
    static func services(kind: OrganizationKind, areaID: String, needs: [String], db: Database) throws -> [Member] {
        let needs = Array(Set(needs.filter { !$0.isEmpty })).sorted()
        guard !needs.isEmpty else {
            throw LotseError(.invalidInput, "Für einen Pool bitte zuerst den Bedarf angeben: Er wird nur Angeboten mit diesem Bedarf angeboten.")
        }
        var values: [SQLBindable?] = [kind.rawValue, areaID]
        values += needs.map { $0 as SQLBindable? }
        let placeholders = needs.indices.map { "?\($0 + 3)" }.joined(separator: ", ")
        return try db.query("""
            WITH RECURSIVE wanted(id, depth) AS (
                SELECT t.id, 0 FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                WHERE x.code = 'bedarf' AND t.code IN (\(placeholders))
                UNION SELECT t.id, wanted.depth + 1 FROM taxonomy_term t JOIN wanted ON t.parent_id = wanted.id WHERE wanted.depth < 8)
            SELECT s.id, s.organization_id, s.respond_by_days FROM service s JOIN organization o ON o.id = s.organization_id
            WHERE o.kind = ?1 AND \(Listing.condition)
              AND EXISTS (SELECT 1 FROM attribute a WHERE a.link_entity = 'service' AND a.link_id = s.id
                          AND a.taxonomy_term_id IN (SELECT id FROM wanted))
              AND (
                EXISTS (SELECT 1 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                    JOIN sozialraum_closure c ON c.descendant = l.sozialraum_id
                    WHERE sal.service_id = s.id AND l.visibility = 'public' AND c.ancestor = ?2)
                OR EXISTS (SELECT 1 FROM service_area sa JOIN sozialraum_closure c ON c.ancestor = sa.sozialraum_id
                    WHERE sa.service_id = s.id AND c.descendant = ?2)
                OR EXISTS (SELECT 1 FROM service_area sa JOIN sozialraum_closure c ON c.descendant = sa.sozialraum_id
                    WHERE sa.service_id = s.id AND c.ancestor = ?2))
            ORDER BY s.id
            """, values: values) {
            Member(service: $0.string(0), organization: $0.string(1), respondByDays: $0.int(2))
        }
    }
}

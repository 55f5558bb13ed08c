// SearchDocuments: writes each service's folded search text (search_document, and through its
// triggers the FTS5 index) for the services the directory triggers marked dirty. Called by
// every write path before it commits, so the index never lags the directory.
import SQLite

/// Maintains `search_document` from the directory tables.
public enum SearchDocuments {
    /// Rewrites the search documents of all services marked in `search_dirty`, clears the
    /// marks and bumps `directory_generation`. Returns the number of services rewritten.
    /// Must run inside the writer's transaction.
    @discardableResult
    public static func refresh(_ db: Database, bulkThreshold: Int = SearchDocuments.bulkThreshold) throws -> Int {
        let dirty = try db.scalarInt("SELECT count(*) FROM search_dirty") ?? 0
        guard dirty > 0 else { return 0 }
        // A large refresh (an import, a repair) rebuilds the FTS5 index once at the end instead
        // of feeding it row by row: FTS5 flushes its pending terms to disk at every statement
        // savepoint, so the trigger path costs about four times as much per document.
        let documents = try db.scalarInt("SELECT count(*) FROM search_document") ?? 0
        let rebuild = dirty >= bulkThreshold && dirty * 3 >= documents
        let ftsTriggers = rebuild ? try db.dropTriggers(like: "search_document_%") : []
        // Services that no longer exist lose their documents through ON DELETE CASCADE.
        let upsert = try db.cached("""
            INSERT INTO search_document(service_id, sort_key, name, body) VALUES (?, ?, ?, ?)
            ON CONFLICT(service_id) DO UPDATE SET sort_key = excluded.sort_key, name = excluded.name, body = excluded.body
            WHERE search_document.sort_key <> excluded.sort_key OR search_document.name <> excluded.name
               OR search_document.body <> excluded.body
            """)
        // Area names with their ancestors ("Gruna Blasewitz Dresden"), resolved once here:
        // a recursive view inside the per-service query would be re-evaluated for every row.
        var areas: [String: (name: String, parent: String?)] = [:]
        try db.cached("SELECT id, name, parent_id FROM sozialraum").forEach { row in
            areas[row.string(0)] = (row.string(1), row.optionalString(2))
        }
        func areaPath(_ id: Substring) -> String {
            var names: [String] = []
            var current: String? = String(id)
            while let node = current, let area = areas[node], names.count < 16 {
                names.append(area.name)
                current = area.parent
            }
            return names.joined(separator: " ")
        }
        var count = 0
        let areaColumn = 9
        try db.cached(documentSQL).forEach { row in
            let name = TextFolding.foldWithVariants(row.string(1))
            var nameText = name
            for column in 2...4 where !row.isNull(column) {
                nameText += " " + TextFolding.foldWithVariants(row.string(column))
            }
            var body = ""
            for column in 5..<row.count where !row.isNull(column) {
                let text = column == areaColumn
                    ? row.string(column).split(separator: ",").map(areaPath).joined(separator: " ") : row.string(column)
                let folded = TextFolding.foldWithVariants(text)
                if folded.isEmpty { continue }
                if !body.isEmpty { body += " " }
                body += folded
            }
            try upsert.run([row.string(0), TextFolding.fold(row.string(1)), nameText, body])
            count += 1
        }
        if rebuild {
            try db.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            try db.restoreTriggers(ftsTriggers)
        }
        try db.execute("DELETE FROM search_dirty")
        try db.execute("UPDATE lotse_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directory_generation'")
        return count
    }

    /// Dirty services from which a refresh rebuilds the FTS5 index as a whole (when they are
    /// also at least a third of all documents).
    public static let bulkThreshold = 1000

    /// Marks every service dirty (after a change of folding rules, or to repair an index).
    public static func markAll(_ db: Database) throws {
        try db.execute("INSERT OR IGNORE INTO search_dirty SELECT id FROM service")
    }

    /// One row per dirty service: id, service name, then the other name-field texts
    /// (alternate name, organization names), then body texts; column 9 lists the Sozialraum
    /// ids of public locations, which `refresh` expands to the area names and their ancestors. Only public location data is
    /// included, so the index can never reveal a confidential address.
    static let documentSQL = """
        SELECT s.id, s.name, s.alternate_name, o.name, o.alternate_name,
            s.description,
            s.eligibility_description,
            (SELECT group_concat(t.name || coalesce(' ' || p.name, ''), ' ')
               FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
               LEFT JOIN taxonomy_term p ON p.id = t.parent_id
              WHERE a.link_entity = 'service' AND a.link_id = s.id),
            (SELECT group_concat(coalesce(l.name, '') || ' ' || coalesce(ad.address_1, '') || ' '
                                 || coalesce(ad.postal_code, '') || ' ' || coalesce(ad.city, ''), ' ')
               FROM service_at_location sal JOIN location l ON l.id = sal.location_id
               LEFT JOIN address ad ON ad.location_id = l.id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(DISTINCT l.sozialraum_id)
               FROM service_at_location sal JOIN location l ON l.id = sal.location_id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(t.name, ' ')
               FROM service_at_location sal CROSS JOIN location l ON l.id = sal.location_id
               CROSS JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
               JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(sr.name, ' ')
               FROM service_area sa JOIN sozialraum sr ON sr.id = sa.sozialraum_id
              WHERE sa.service_id = s.id),
            (SELECT group_concat(coalesce(lg.name, '') || ' ' || coalesce(lg.code, ''), ' ')
               FROM language lg WHERE lg.service_id = s.id)
        FROM search_dirty d
        JOIN service s ON s.id = d.service_id
        JOIN organization o ON o.id = s.organization_id
        """
}

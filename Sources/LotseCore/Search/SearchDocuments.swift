// SearchDocuments: writes each service's folded search text, by field (search_document), for
// the services the directory triggers marked dirty. Called by every write path before it
// commits, so the text the search index is built from never lags the directory. A refresh is
// one upsert per dirty service: there is no full-text index to feed.
import SQLite

/// Maintains `search_document` from the directory tables.
public enum SearchDocuments {
    /// Rewrites the search documents of all services marked in `search_dirty`, clears the
    /// marks and bumps `directory_generation`. Returns the number of services rewritten.
    /// Must run inside the writer's transaction.
    @discardableResult
    public static func refresh(_ db: Database) throws -> Int {
        guard try db.scalarInt("SELECT EXISTS (SELECT 1 FROM search_dirty)") == 1 else { return 0 }
        return try write(db, documentSQL)
    }

    /// Rewrites the search documents of every service, in entry order (after a bulk load,
    /// whose rows lie in that order: each service's rows are then read from neighbouring
    /// pages rather than all over the file), clears the marks and bumps
    /// `directory_generation`. Returns the number of services written. Must run inside the
    /// writer's transaction.
    /// `foldingBatch` services at a time are folded on a background thread.
    @discardableResult
    public static func refreshAll(_ db: Database, foldingBatch: Int = foldingBatch) throws -> Int {
        try write(db, allDocumentsSQL, foldingBatch: foldingBatch)
    }

    /// Upserts the documents of the services `sql` (`documentSQL`'s columns) lists.
    private static func write(_ db: Database, _ sql: String, foldingBatch: Int = foldingBatch) throws -> Int {
        // Services that no longer exist lose their documents through ON DELETE CASCADE.
        let upsert = try db.cached("""
            INSERT INTO search_document(service_id, sort_key, name, terms, description, organization, place, extra)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(service_id) DO UPDATE SET sort_key = excluded.sort_key, name = excluded.name,
                terms = excluded.terms, description = excluded.description, organization = excluded.organization,
                place = excluded.place, extra = excluded.extra
            """)
        // Area names with their ancestors ("Gruna Blasewitz Dresden"), resolved once here:
        // a recursive view inside the per-service query would be re-evaluated for every row.
        var areas: [String: Area] = [:]
        try db.cached("SELECT id, name, parent_id FROM sozialraum").forEach { row in
            areas[row.string(0)] = Area(name: row.string(1), parent: row.optionalString(2))
        }
        let folder = DocumentFolder(areas: areas)
        func store(_ documents: [Document]) throws {
            for document in documents {
                try upsert.run([document.serviceID, document.sortKey, document.name, document.terms, document.description,
                                document.organization, document.place, document.extra])
            }
        }
        // Full batches are folded on background threads (two at a time: folding costs more than
        // reading and writing) while the next batch is read and the ones before are written, in
        // order; the last or only batch (a single write's one service) is folded here.
        var count = 0
        var batch: [[String?]] = []
        var folding: [BackgroundValue<[Document]>] = []
        try db.cached(sql).forEach { row in
            batch.append((0..<columnCount).map { row.isNull($0) ? nil : row.string($0) })
            count += 1
            guard batch.count == foldingBatch else { return }
            let rows = batch
            batch = []
            folding.append(BackgroundValue { rows.map(folder.document) })
            if folding.count > 2 { try store(folding.removeFirst().value()) }
        }
        for documents in folding { try store(documents.value()) }
        try store(batch.map(folder.document))
        try db.execute("DELETE FROM search_dirty")
        try db.execute("UPDATE lotse_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directory_generation'")
        return count
    }

    /// The column of `documentSQL` that lists Sozialraum ids.
    private static let areaColumn = 9
    /// Services per batch folded on a background thread.
    public static let foldingBatch = 256
    /// The number of columns of `documentSQL`.
    private static let columnCount = 14

    /// A Sozialraum's name and parent.
    struct Area: Sendable {
        let name: String
        let parent: String?
    }

    /// One service's folded search text by field.
    struct Document: Sendable {
        let serviceID: String
        let sortKey: String
        let name: String
        let terms: String
        let description: String
        let organization: String
        let place: String
        let extra: String
    }

    /// Folds the columns of one `documentSQL` row into a document.
    struct DocumentFolder: Sendable {
        let areas: [String: Area]

        /// Area names with their ancestors.
        func areaPath(_ id: Substring) -> String {
            var names: [String] = []
            var current: String? = String(id)
            while let node = current, let area = areas[node], names.count < 16 {
                names.append(area.name)
                current = area.parent
            }
            return names.joined(separator: " ")
        }

        func fold(_ row: [String?], _ columns: [Int]) -> String {
            var text = ""
            for column in columns {
                guard let value = row[column] else { continue }
                let folded = TextFolding.foldWithVariants(
                    column == areaColumn ? value.split(separator: ",").map(areaPath).joined(separator: " ") : value)
                if folded.isEmpty { continue }
                if !text.isEmpty { text += " " }
                text += folded
            }
            return text
        }

        func document(_ row: [String?]) -> Document {
            Document(serviceID: row[0] ?? "", sortKey: TextFolding.fold(row[1] ?? ""),
                     name: fold(row, [1, 2]), terms: fold(row, [5]), description: fold(row, [6, 7]),
                     organization: fold(row, [3, 4]), place: fold(row, [8, 9, 10, 11]), extra: fold(row, [12, 13]))
        }
    }

    /// Marks every service dirty (after a change of folding rules, or to repair an index).
    public static func markAll(_ db: Database) throws {
        try db.execute("INSERT OR IGNORE INTO search_dirty SELECT id FROM service")
    }

    /// One row per dirty service: 0 id, 1–2 service names (field name), 3–4 organization
    /// names (organization), 5 the service's taxonomy terms with their parents (terms), 6–7
    /// description and eligibility (description), 8–11 addresses, Sozialraum ids of public
    /// locations (expanded by `refresh` to the area names and their ancestors), covered areas
    /// and languages (place), 12–13 public location (building) names and accessibility features
    /// (extra). Only public location data is included, so the index can never reveal a
    /// confidential address. CROSS JOIN keeps the dirty marks as the outer loop: left to
    /// itself the planner may scan every service and probe the (small) mark table, which made
    /// a single write cost a full table scan.
    static let documentSQL = """
        SELECT s.id, s.name, s.alternate_name, o.name, o.alternate_name,
            (SELECT group_concat(t.name || coalesce(' ' || p.name, ''), ' ')
               FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
               LEFT JOIN taxonomy_term p ON p.id = t.parent_id
              WHERE a.link_entity = 'service' AND a.link_id = s.id),
            s.description,
            s.eligibility_description,
            (SELECT group_concat(coalesce(ad.address_1, '') || ' '
                                 || coalesce(ad.postal_code, '') || ' ' || coalesce(ad.city, ''), ' ')
               FROM service_at_location sal JOIN location l ON l.id = sal.location_id
               LEFT JOIN address ad ON ad.location_id = l.id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(DISTINCT l.sozialraum_id)
               FROM service_at_location sal JOIN location l ON l.id = sal.location_id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(sr.name, ' ')
               FROM service_area sa JOIN sozialraum sr ON sr.id = sa.sozialraum_id
              WHERE sa.service_id = s.id),
            (SELECT group_concat(coalesce(lg.name, '') || ' ' || coalesce(lg.code, ''), ' ')
               FROM language lg WHERE lg.service_id = s.id),
            (SELECT group_concat(l.name, ' ')
               FROM service_at_location sal JOIN location l ON l.id = sal.location_id
              WHERE sal.service_id = s.id AND l.visibility = 'public'),
            (SELECT group_concat(t.name, ' ')
               FROM service_at_location sal CROSS JOIN location l ON l.id = sal.location_id
               CROSS JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
               JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
              WHERE sal.service_id = s.id AND l.visibility = 'public')
        FROM search_dirty d
        CROSS JOIN service s ON s.id = d.service_id
        JOIN organization o ON o.id = s.organization_id
        """

    /// `documentSQL` for every service, in entry order.
    static let allDocumentsSQL = documentSQL.replacingOccurrences(of: """
        FROM search_dirty d
        CROSS JOIN service s ON s.id = d.service_id
        JOIN organization o
        """, with: "FROM service s CROSS JOIN organization o") + " ORDER BY s.rowid"
}

// SQLSearch: the search engine in SQL over the FTS5 trigram index. It is the reference
// implementation of SearchQuery's semantics (the in-memory SearchIndex must agree with it) and
// serves one-off searches such as `lotse search`, where building an index would cost more.
import Foundation
import SQLite

/// Runs a `SearchQuery` as SQL against `search_document`, `search_fts` and the directory.
public enum SQLSearch {
    /// Runs `query` on `db` and returns one page of ranked results (no facets).
    public static func search(_ query: SearchQuery, in db: Database, now: Date = Date()) throws -> SearchResult {
        let terms = SearchTerms.parse(query.text)
        var builder = Builder(query: query, terms: terms, now: now)
        try builder.validateCodes(db)
        try builder.build()
        let total = try db.query("\(builder.ctes) SELECT count(*) \(builder.fromWhere)", values: builder.cteValues + builder.whereValues) { $0.int(0) }.first ?? 0
        guard query.limit > 0 else { return SearchResult(total: total, serviceIDs: [], terms: terms.map(\.text)) }
        let sql = """
            \(builder.ctes)
            SELECT s.id, \(builder.nameTier) AS name_tier, \(builder.closeness) AS closeness, \(builder.stale) AS stale, d.sort_key
            \(builder.fromWhere)
            ORDER BY name_tier, closeness, stale, d.sort_key, s.id
            LIMIT ? OFFSET ?
            """
        let ids = try db.query(sql, values: builder.cteValues + builder.nameTierValues + builder.closenessValues
                                + builder.staleValues + builder.whereValues + [query.limit, max(0, query.offset)]) { $0.string(0) }
        return SearchResult(total: total, serviceIDs: ids, terms: terms.map(\.text))
    }

    /// The condition for a service to appear in the public directory at all (SQL over the
    /// aliases `s` for service and `o` for its organization); referrals go to listed services only.
    public static let listedCondition = """
        s.hidden = 0 AND o.hidden = 0 AND o.membership_status = 'member'
        AND s.status IN ('active', 'temporarily closed')
        """

    private struct Builder {
        let query: SearchQuery
        let terms: [SearchTerm]
        let now: Date
        var cteParts: [String] = []
        var cteValues: [SQLBindable?] = []
        var conditions: [String] = [SQLSearch.listedCondition]
        var whereValues: [SQLBindable?] = []
        var nameTier = "0"
        var nameTierValues: [SQLBindable?] = []
        var closeness = "0"
        var closenessValues: [SQLBindable?] = []
        var stale = "0"
        var staleValues: [SQLBindable?] = []

        init(query: SearchQuery, terms: [SearchTerm], now: Date) {
            self.query = query
            self.terms = terms
            self.now = now
        }

        var ctes: String { cteParts.isEmpty ? "" : "WITH RECURSIVE " + cteParts.joined(separator: ",\n") }

        var fromWhere: String {
            """
            FROM service s JOIN organization o ON o.id = s.organization_id
            JOIN search_document d ON d.service_id = s.id
            WHERE \(conditions.joined(separator: "\n  AND "))
            """
        }

        func validateCodes(_ db: Database) throws {
            for code in [query.sozialraum, query.near].compactMap({ $0 }) {
                guard try db.scalarInt("SELECT count(*) FROM sozialraum WHERE code = ?", code) == 1 else {
                    throw LotseError(.invalidInput, "Unbekannter Sozialraum: \(code)")
                }
            }
            let groups: [(TaxonomyCode, [String], String)] = [
                (.need, query.needs, "Bedarf"), (.targetGroup, query.targetGroups, "Zielgruppe"),
                (.legalBasis, query.legalBases, "Rechtsgrundlage"), (.accessibility, query.accessibility, "Barrierefreiheit"),
            ]
            for (taxonomy, codes, label) in groups {
                for code in codes where try db.scalarInt("""
                    SELECT count(*) FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                    WHERE x.code = ? AND t.code = ?
                    """, taxonomy.rawValue, code) != 1 {
                    throw LotseError(.invalidInput, "Unbekannter Wert für \(label): \(code)")
                }
            }
        }

        mutating func build() throws {
            let today = BerlinTime(now).dateString
            stale = "CASE WHEN coalesce(s.next_review_due, o.next_review_due) < ? THEN 1 ELSE 0 END"
            staleValues = [today]
            buildText()
            buildTermFilter(name: "need", taxonomy: .need, codes: query.needs)
            buildTermFilter(name: "target", taxonomy: .targetGroup, codes: query.targetGroups)
            buildTermFilter(name: "legal", taxonomy: .legalBasis, codes: query.legalBases)
            if !query.termIDs.isEmpty {
                let marks = placeholders(query.termIDs.count)
                cteParts.append("""
                    term_sel(id) AS (SELECT id FROM taxonomy_term WHERE id IN (\(marks))
                        UNION SELECT t.id FROM taxonomy_term t JOIN term_sel ON t.parent_id = term_sel.id)
                    """)
                cteValues += query.termIDs
                conditions.append("EXISTS (SELECT 1 FROM attribute a WHERE a.link_entity = 'service' AND a.link_id = s.id AND a.taxonomy_term_id IN (SELECT id FROM term_sel))")
            }
            for code in query.accessibility {
                conditions.append("""
                    EXISTS (SELECT 1 FROM service_at_location sal CROSS JOIN location l ON l.id = sal.location_id
                        CROSS JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
                        JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id
                        WHERE sal.service_id = s.id AND l.visibility = 'public' AND x.code = 'barrierefreiheit' AND t.code = ?)
                    """)
                whereValues.append(code)
            }
            if let code = query.sozialraum { buildAreaFilter(code) }
            if let anchor = query.rankingAnchor { buildCloseness(anchor) }
            if !query.organizationKinds.isEmpty {
                conditions.append("o.kind IN (\(placeholders(query.organizationKinds.count)))")
                whereValues += query.organizationKinds.map(\.rawValue)
            }
            if !query.capacity.isEmpty {
                conditions.append("s.capacity_status IN (\(placeholders(query.capacity.count)))")
                whereValues += query.capacity.map(\.rawValue)
            }
            if !query.languages.isEmpty {
                let marks = placeholders(query.languages.count)
                conditions.append("""
                    (EXISTS (SELECT 1 FROM language lg WHERE lg.service_id = s.id AND lg.code IN (\(marks)))
                     OR EXISTS (SELECT 1 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                        JOIN language lg ON lg.location_id = l.id
                        WHERE sal.service_id = s.id AND l.visibility = 'public' AND lg.code IN (\(marks))))
                    """)
                whereValues += query.languages + query.languages
            }
            if let organizationID = query.organizationID {
                conditions.append("s.organization_id = ?")
                whereValues.append(organizationID)
            }
            if let modifiedAfter = query.modifiedAfter {
                conditions.append("s.last_modified >= ?")
                whereValues.append(modifiedAfter)
            }
            if let openAt = query.openAt { buildOpenAt(BerlinTime(openAt)) }
        }

        mutating func buildText() {
            guard !terms.isEmpty else { return }
            let long = terms.filter { !$0.isPrefix }
            if !long.isEmpty {
                conditions.append("d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
                whereValues.append(long.map { "\"\($0.text)\"" }.joined(separator: " AND "))
            }
            for term in terms where term.isPrefix {
                conditions.append("instr(' ' || d.name || ' ' || d.body, ' ' || ?) > 0")
                whereValues.append(term.text)
            }
            nameTier = "CASE WHEN " + terms.map { term in
                term.isPrefix ? "instr(' ' || d.name, ' ' || ?) > 0" : "instr(d.name, ?) > 0"
            }.joined(separator: " AND ") + " THEN 0 ELSE 1 END"
            nameTierValues = terms.map(\.text)
        }

        mutating func buildTermFilter(name: String, taxonomy: TaxonomyCode, codes: [String]) {
            guard !codes.isEmpty else { return }
            cteParts.append("""
                \(name)_sel(id) AS (SELECT t.id FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
                        WHERE x.code = ? AND t.code IN (\(placeholders(codes.count)))
                    UNION SELECT t.id FROM taxonomy_term t JOIN \(name)_sel ON t.parent_id = \(name)_sel.id)
                """)
            cteValues += [taxonomy.rawValue] + codes
            conditions.append("EXISTS (SELECT 1 FROM attribute a WHERE a.link_entity = 'service' AND a.link_id = s.id AND a.taxonomy_term_id IN (SELECT id FROM \(name)_sel))")
        }

        /// Located (at a public location) in the area or a sub-area, or covering it through a
        /// service area at the area, a sub-area or an enclosing area.
        mutating func buildAreaFilter(_ code: String) {
            cteParts.append("""
                area_sub(id) AS (SELECT id FROM sozialraum WHERE code = ?
                    UNION SELECT s2.id FROM sozialraum s2 JOIN area_sub ON s2.parent_id = area_sub.id)
                """)
            cteParts.append("""
                area_anc(id) AS (SELECT parent_id FROM sozialraum WHERE code = ? AND parent_id IS NOT NULL
                    UNION SELECT s2.parent_id FROM sozialraum s2 JOIN area_anc ON s2.id = area_anc.id WHERE s2.parent_id IS NOT NULL)
                """)
            cteValues += [code, code]
            conditions.append("""
                (EXISTS (SELECT 1 FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                    WHERE sal.service_id = s.id AND l.visibility = 'public' AND l.sozialraum_id IN (SELECT id FROM area_sub))
                 OR EXISTS (SELECT 1 FROM service_area sa WHERE sa.service_id = s.id
                    AND (sa.sozialraum_id IN (SELECT id FROM area_sub) OR sa.sozialraum_id IN (SELECT id FROM area_anc))))
                """)
        }

        /// Closeness rank of a service to the anchor: the best of its places. A place in the
        /// anchor's subtree ranks 0; otherwise, with d the distance from the anchor up to the
        /// nearest common ancestor, a service area at that ancestor (covering the anchor)
        /// ranks 2d − 1 and any other place 2d; services with no related place rank last.
        mutating func buildCloseness(_ code: String) {
            cteParts.append("""
                rank_anc(id, dist) AS (SELECT id, 0 FROM sozialraum WHERE code = ?
                    UNION ALL SELECT s2.parent_id, rank_anc.dist + 1 FROM sozialraum s2 JOIN rank_anc ON s2.id = rank_anc.id
                    WHERE s2.parent_id IS NOT NULL AND rank_anc.dist < 16)
                """)
            cteParts.append("""
                rank_node(id, d) AS MATERIALIZED (SELECT c.descendant, min(rank_anc.dist)
                    FROM sozialraum_closure c JOIN rank_anc ON rank_anc.id = c.ancestor GROUP BY c.descendant)
                """)
            cteValues.append(code)
            let far = "(SELECT 2 * (max(dist) + 1) FROM rank_anc)"
            closeness = """
                min(coalesce((SELECT min(2 * rn.d) FROM service_at_location sal JOIN location l ON l.id = sal.location_id
                        JOIN rank_node rn ON rn.id = l.sozialraum_id
                        WHERE sal.service_id = s.id AND l.visibility = 'public'), \(far)),
                    coalesce((SELECT min(CASE WHEN ra.dist > 0 THEN 2 * ra.dist - 1 ELSE 2 * rn.d END)
                        FROM service_area sa JOIN rank_node rn ON rn.id = sa.sozialraum_id
                        LEFT JOIN rank_anc ra ON ra.id = sa.sozialraum_id
                        WHERE sa.service_id = s.id), \(far)))
                """
        }

        /// Open at a Berlin wall-clock moment by a weekly schedule of the service or of one
        /// of its service_at_locations: opens_at ≤ t < closes_at (or closes_at ≤ opens_at for
        /// a block past midnight), on a listed weekday (none listed: every day), within the
        /// validity dates.
        mutating func buildOpenAt(_ time: BerlinTime) {
            let hm = String(format: "%02d:%02d", time.hour, time.minute)
            conditions.append("""
                EXISTS (SELECT 1 FROM schedule sc
                    WHERE (sc.service_id = s.id OR sc.service_at_location_id IN (SELECT id FROM service_at_location WHERE service_id = s.id))
                      AND coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
                      AND (sc.byday IS NULL OR sc.byday = '' OR ',' || replace(sc.byday, ' ', '') || ',' LIKE ?)
                      AND sc.opens_at IS NOT NULL AND sc.closes_at IS NOT NULL
                      AND substr(sc.opens_at, 1, 5) <= ?
                      AND (? < substr(sc.closes_at, 1, 5) OR substr(sc.closes_at, 1, 5) <= substr(sc.opens_at, 1, 5))
                      AND (sc.valid_from IS NULL OR sc.valid_from <= ?) AND (sc.valid_to IS NULL OR sc.valid_to >= ?))
                """)
            whereValues += ["%,\(time.weekdayCode),%", hm, hm, time.dateString, time.dateString]
        }

        func placeholders(_ count: Int) -> String {
            Array(repeating: "?", count: count).joined(separator: ", ")
        }
    }
}

// DirectoryOutline: the vocabularies and the Sozialraum tree as ordered lists, for pickers and
// quick links on the public pages (retired terms and areas are left out).
import SQLite

/// Ordered terms of a taxonomy and the Sozialraum tree.
public enum DirectoryOutline {
    /// One term or area, with its place in the tree.
    public struct Entry: Sendable, Equatable {
        /// Stable code (term code or Sozialraum code).
        public let code: String
        /// German name.
        public let name: String
        /// The parent's code; nil at the top.
        public let parentCode: String?
        /// 0 at the top, 1 for its children, …
        public let depth: Int
        /// Sozialraum level (`stadt`, `bezirk`, …) or nil for terms.
        public let level: String?
    }

    /// The terms of `taxonomy`, depth first: each term followed by its children, siblings in
    /// `position` then name order.
    public static func terms(_ taxonomy: TaxonomyCode, in db: Database) throws -> [Entry] {
        let rows = try db.query("""
            SELECT t.code, t.name, p.code, t.position FROM taxonomy_term t
            JOIN taxonomy x ON x.id = t.taxonomy_id LEFT JOIN taxonomy_term p ON p.id = t.parent_id
            WHERE x.code = ? AND t.code IS NOT NULL AND t.retired_at IS NULL
            """, taxonomy.rawValue) { row in
            Node(code: row.string(0), name: row.string(1), parent: row.optionalString(2), position: row.int(3), level: nil)
        }
        return depthFirst(rows)
    }

    /// Every current Sozialraum, depth first (city, its districts, their parts …).
    public static func areas(in db: Database) throws -> [Entry] {
        let rows = try db.query("""
            SELECT s.code, s.name, p.code, s.position, s.level FROM sozialraum s LEFT JOIN sozialraum p ON p.id = s.parent_id
            WHERE s.retired_at IS NULL
            """) { row in
            Node(code: row.string(0), name: row.string(1), parent: row.optionalString(2), position: row.int(3), level: row.string(4))
        }
        return depthFirst(rows)
    }

    private struct Node {
        let code: String, name: String, parent: String?, position: Int, level: String?
    }

    private static func depthFirst(_ rows: [Node]) -> [Entry] {
        let known = Set(rows.map(\.code))
        var children: [String: [Node]] = [:]
        for row in rows {
            let parent = row.parent.flatMap { known.contains($0) ? $0 : nil } ?? ""
            children[parent, default: []].append(row)
        }
        var result: [Entry] = []
        func visit(_ parent: String, depth: Int) {
            guard depth < 16 else { return }
            let sorted = (children[parent] ?? []).sorted { ($0.position, $0.name) < ($1.position, $1.name) }
            for row in sorted {
                result.append(Entry(code: row.code, name: row.name, parentCode: parent.isEmpty ? nil : parent, depth: depth, level: row.level))
                visit(row.code, depth: depth + 1)
            }
        }
        visit("", depth: 0)
        return result
    }
}

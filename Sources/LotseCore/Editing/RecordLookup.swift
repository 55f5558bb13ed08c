// RecordLookup: what a readable diff or change history needs from the directory, read in one
// go — the current version of the changed records, the names behind ids (terms, Sozialräume,
// locations, services, organizations) and which vocabulary a term belongs to.
import SQLite

/// Current records and names behind ids, for rendering changes without the database.
public struct RecordLookup: Sendable {
    private var records: [String: Record] = [:]
    private var names: [String: String] = [:]
    private var taxonomies: [String: String] = [:]

    /// The tables an id column refers to, tried in order for a name.
    public static let referenceTables: [String: [String]] = [
        "taxonomy_term_id": ["taxonomy_term"], "parent_id": ["taxonomy_term", "sozialraum"], "sozialraum_id": ["sozialraum"],
        "location_id": ["location"], "service_id": ["service"], "organization_id": ["organization"],
        "partner_id": ["organization"], "link_id": ["service", "location", "organization"],
    ]

    /// An empty lookup (every name unknown).
    public init() {}

    /// The stored version of row `id` of `table`, if it was read.
    public func record(_ table: String, _ id: String) -> Record? { records[table + ":" + id] }

    /// The name of the record that `id` in column `column` refers to, if known.
    public func name(column: String, id: String) -> String? { names[column + ":" + id] }

    /// The vocabulary of a term, if known.
    public func taxonomy(ofTerm id: String) -> TaxonomyCode? { taxonomies[id].flatMap(TaxonomyCode.init(rawValue:)) }

    /// Reads what the diffs of `rows` need: each row's current record, the names behind the
    /// ids in those records and in the new values, and the vocabularies of linked terms
    /// (on `db`, inside the caller's transaction).
    public static func read(rows: [RowChange], db: Database) throws -> RecordLookup {
        var lookup = RecordLookup()
        var pairs: [(String, String)] = []
        var terms: [String] = []
        for row in rows {
            let current = try TableColumns.load(row.table, where: "id = ?", [row.id], in: db).first
            if let current {
                lookup.records[row.table + ":" + row.id] = current
                for column in current.columns { if let value = current.text(column) { pairs.append((column, value)) } }
            }
            for (column, value) in row.values { if let value, !value.isEmpty { pairs.append((column, value)) } }
            if row.table == "attribute" {
                terms += [current?.text("taxonomy_term_id"), row.values["taxonomy_term_id"] ?? nil].compactMap { $0 }
            }
        }
        try lookup.addNames(pairs, db: db)
        for term in Set(terms) {
            lookup.taxonomies[term] = try db.scalarString(
                "SELECT t.code FROM taxonomy_term tt JOIN taxonomy t ON t.id = tt.taxonomy_id WHERE tt.id = ?", term)
        }
        return lookup
    }

    /// Reads the names behind the ids of `pairs` (column, value).
    static func read(values pairs: [(String, String)], db: Database) throws -> RecordLookup {
        var lookup = RecordLookup()
        try lookup.addNames(pairs, db: db)
        return lookup
    }

    private mutating func addNames(_ pairs: [(String, String)], db: Database) throws {
        for (column, id) in pairs where !id.isEmpty && names[column + ":" + id] == nil {
            guard let tables = Self.referenceTables[column] else { continue }
            for table in tables {
                if let name = try db.scalarString("SELECT name FROM \(table) WHERE id = ?", id) {
                    names[column + ":" + id] = name
                    break
                }
            }
        }
    }
}

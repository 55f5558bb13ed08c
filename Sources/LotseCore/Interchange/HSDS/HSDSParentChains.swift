// HSDSParentChains: the DE profile's `parent` objects in HSDS JSON exports. A nested
// sozialraum or taxonomy_term carries its ancestors as `parent` → `parent` …, so that one
// service line is self-contained: importing it into an empty database recreates the tree
// instead of dropping `parent_id` as a dangling reference.
import SQLite

/// Adds ancestor chains to sozialraum and taxonomy_term nodes; caches the vocabulary rows.
struct HSDSParentChains {
    let db: Database
    private var cache: [String: Record] = [:]

    init(db: Database) { self.db = db }

    /// The tables whose nodes get a `parent` chain.
    static let tables: Set<String> = ["sozialraum", "taxonomy_term"]

    /// Adds `parent` chains everywhere below and at `node`.
    mutating func attach(to node: inout HSDSNode) throws {
        for index in node.children.indices {
            for nested in node.children[index].nodes.indices {
                try attach(to: &node.children[index].nodes[nested])
            }
        }
        let table = node.record.table
        if Self.tables.contains(table), node.node("parent") == nil, let parent = try chain(table, node.record.text("parent_id"), depth: 0) {
            node.add("parent", single: parent)
        }
    }

    private mutating func chain(_ table: String, _ id: String?, depth: Int) throws -> HSDSNode? {
        guard let id, depth < 16, let record = try record(table, id) else { return nil }
        var node = HSDSNode(record)
        if let parent = try chain(table, record.text("parent_id"), depth: depth + 1) { node.add("parent", single: parent) }
        return node
    }

    private mutating func record(_ table: String, _ id: String) throws -> Record? {
        let key = table + ":" + id
        if let known = cache[key] { return known }
        guard let found = try TableColumns.load(table, where: "id = ?", [id], in: db).first else { return nil }
        cache[key] = found
        return found
    }
}

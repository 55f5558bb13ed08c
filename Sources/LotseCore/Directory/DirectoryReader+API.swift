// DirectoryReader+API: the listings behind the HSDS API's small tables — listed organizations
// by folded text and taxonomy, taxonomies and their terms, one page at a time — and the terms
// of a taxonomy for the services' `taxonomy_id` filter.
import Foundation
import SQLite

extension DirectoryReader {
    /// One page of a listing: the count of all matches and the page's items.
    public typealias Listing<Item> = (total: Int, items: [Item])

    /// Listed member organizations whose folded name, alternate name or description contains
    /// every term of `search` (prefix terms at a word start), optionally only those with a
    /// service tagged `taxonomyTermID` or a term of `taxonomyID`; by name, `page` (count,
    /// offset) or all.
    public func listedOrganizationIDs(search: String, taxonomyTermID: String?, taxonomyID: String?,
                                      page: (count: Int, offset: Int)?) throws -> Listing<String> {
        var conditions = ["o.membership_status = 'member'", "o.hidden = 0"]
        var values: [SQLBindable?] = []
        for term in SearchTerms.parse(search) {
            conditions.append(term.isPrefix
                ? "instr(' ' || lotse_fold(o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || o.description), ' ' || ?) > 0"
                : "instr(lotse_fold(o.name || ' ' || coalesce(o.alternate_name, '') || ' ' || o.description), ?) > 0")
            values.append(term.text)
        }
        if let taxonomyTermID {
            conditions.append("""
                EXISTS (SELECT 1 FROM service s JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
                        WHERE s.organization_id = o.id AND a.taxonomy_term_id = ?)
                """)
            values.append(taxonomyTermID)
        }
        if let taxonomyID {
            conditions.append("""
                EXISTS (SELECT 1 FROM service s JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
                        JOIN taxonomy_term t ON t.id = a.taxonomy_term_id WHERE s.organization_id = o.id AND t.taxonomy_id = ?)
                """)
            values.append(taxonomyID)
        }
        let filter = "FROM organization o WHERE " + conditions.joined(separator: " AND ")
        var sql = "SELECT o.id \(filter) ORDER BY o.name, o.id"
        var bound = values
        if let page {
            sql += " LIMIT ? OFFSET ?"
            bound += [page.count, page.offset]
        }
        let ids = try db.query(sql, values: bound) { $0.string(0) }
        let total = page == nil ? ids.count : try db.query("SELECT count(*) \(filter)", values: values) { $0.int(0) }.first ?? 0
        return (total, ids)
    }

    /// The ids of the terms of taxonomy `taxonomyID` (retired ones too).
    public func termIDs(inTaxonomy taxonomyID: String) throws -> [String] {
        try db.query("SELECT id FROM taxonomy_term WHERE taxonomy_id = ?", taxonomyID) { $0.string(0) }
    }

    /// Taxonomies whose folded name and description contain every term of `search`, by name;
    /// `page` (count, offset) or all.
    public func taxonomies(search: String, page: (count: Int, offset: Int)?) throws -> Listing<HSDSNode> {
        var conditions = ["1"]
        var values: [SQLBindable?] = []
        for term in SearchTerms.parse(search) {
            conditions.append("instr(lotse_fold(name || ' ' || description), ?) > 0")
            values.append(term.text)
        }
        return try listing("taxonomy", conditions, values, order: "name, id", page: page) { HSDSNode($0) }
    }

    /// Terms not retired, optionally of one taxonomy, only top-level ones or the children of
    /// `parentID`, whose folded name, description and code contain every term of `search`; by
    /// taxonomy and position, with `taxonomy_detail`; `page` (count, offset) or all.
    public func taxonomyTerms(search: String, taxonomyID: String?, topOnly: Bool, parentID: String?,
                              page: (count: Int, offset: Int)?) throws -> Listing<HSDSNode> {
        var conditions = ["retired_at IS NULL"]
        var values: [SQLBindable?] = []
        if let taxonomyID { conditions.append("taxonomy_id = ?"); values.append(taxonomyID) }
        if topOnly { conditions.append("parent_id IS NULL") }
        if let parentID { conditions.append("parent_id = ?"); values.append(parentID) }
        for term in SearchTerms.parse(search) {
            conditions.append("instr(lotse_fold(name || ' ' || description || ' ' || coalesce(code, '')), ?) > 0")
            values.append(term.text)
        }
        return try listing("taxonomy_term", conditions, values, order: "taxonomy_id, position, name, id", page: page) { try termNode($0) }
    }

    /// A page of records of a small table as nodes, with the count of all matches.
    private func listing(_ table: String, _ conditions: [String], _ values: [SQLBindable?], order: String,
                         page: (count: Int, offset: Int)?, node: (Record) throws -> HSDSNode) throws -> Listing<HSDSNode> {
        let condition = conditions.joined(separator: " AND ")
        let records = try TableColumns.load(table, where: condition, values, order: order, limit: page, in: db)
        let total = page == nil ? records.count
            : try db.query("SELECT count(*) FROM \(table) WHERE \(condition)", values: values) { $0.int(0) }.first ?? 0
        return (total, try records.map(node))
    }
}

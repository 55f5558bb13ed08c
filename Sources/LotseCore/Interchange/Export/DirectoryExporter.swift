// DirectoryExporter: runs one export — resolves the scope into a plan, reads each organization
// through DirectoryReader for the scope's audience, and writes the chosen format piece by piece
// (per organization or per service), so memory stays constant whatever the directory's size.
// Exports carry directory data only: no referral, citizen or change-history data.
import Foundation
import SQLite

/// Writes exports of the directory.
public struct DirectoryExporter {
    /// The connection, inside a read transaction.
    public let db: Database
    /// What to export and for whom.
    public let scope: ExportScope
    /// The export time (REV fallbacks, HSDS schedule offsets, document headers).
    public let now: Date
    /// Called with (organizations done, organizations total).
    public var progress: ((Int, Int) -> Void)?

    /// Creates an exporter on `db` (inside a read transaction).
    public init(db: Database, scope: ExportScope, now: Date = Date()) {
        self.db = db
        self.scope = scope
        self.now = now
    }

    /// The reader for the scope's audience.
    public var reader: DirectoryReader { DirectoryReader(db: db, audience: scope.audience, now: now) }

    /// Writes a single-file `format` to `sink` (and finishes the sink). Returns the plan.
    @discardableResult
    public func export(_ format: ExportFormat, to sink: ExportSink) throws -> ExportPlan {
        try withLargerCache { try run(format, to: sink) }
    }

    /// Runs `body` with a 32 MB page cache on the connection (restored afterwards): whole-tree
    /// reads revisit the same index pages, and the default 2 MB makes them re-read the file.
    func withLargerCache<T>(_ body: () throws -> T) throws -> T {
        let previous = try db.scalarInt("PRAGMA cache_size") ?? -2000
        try db.execute("PRAGMA cache_size = -32768")
        defer { try? db.execute("PRAGMA cache_size = \(previous)") }
        return try body()
    }

    private func run(_ format: ExportFormat, to sink: ExportSink) throws -> ExportPlan {
        let jsonFormats: Set<ExportFormat> = [.hsdsJSON, .hsdsNDJSON]
        let cardFormats: Set<ExportFormat> = [.vcard, .vcard4, .xcard]
        let plan = try ExportPlan.make(scope, reader: reader, order: jsonFormats.contains(format) ? .id : .entry,
                                       withServices: !cardFormats.contains(format))
        switch format {
        case .vcard: try writeVCards(plan, version: .v3, to: sink)
        case .vcard4: try writeVCards(plan, version: .v4, to: sink)
        case .xcard: try writeXCards(plan, to: sink)
        case .xml: try writeXML(plan, to: sink)
        case .hsdsJSON: try writeHSDS(plan, lines: false, to: sink)
        case .hsdsNDJSON: try writeHSDS(plan, lines: true, to: sink)
        case .hsdsCSV:
            throw LotseError(.invalidInput, "Das CSV-Datenpaket besteht aus mehreren Dateien: Ordner mit --out angeben.")
        }
        try sink.finish()
        return plan
    }

    // MARK: vCard and xCard

    private func forEachCard(_ plan: ExportPlan, _ body: ([VCard]) throws -> Void) throws {
        let source = OrganizationCardSource(db: db, audience: scope.audience)
        let categories = try NeedCategories(db)
        let isSearch: Bool
        if case .search = scope.selection { isSearch = true } else { isSearch = false }
        // Larger exports read every organization's categories in one pass (a query per
        // organization was a quarter of the time); a search export reads its selection's.
        let all = !isSearch && plan.organizations.count > 100 ? try allNeedCategories(categories) : nil
        var done = 0
        for start in stride(from: 0, to: plan.organizations.count, by: Self.cardBatch) {
            let batch = plan.organizations[start..<min(plan.organizations.count, start + Self.cardBatch)]
            let nodes = try source.organizations(batch.map(\.id))
            for entry in batch {
                done += 1
                guard let organization = nodes[entry.id] else { continue }
                let bundle = OrganizationBundle(organization: organization, services: [])
                let names = try all.map { categories.names(in: $0[entry.id] ?? CategorySet()) }
                    ?? needCategories(entry.id, isSearch ? Set(entry.services) : nil, categories)
                try body(VCardBuilder.cards(bundle, categories: names))
                progress?(done, plan.organizations.count)
            }
        }
    }

    /// Organizations whose card data is read together.
    static let cardBatch = 250

    private func writeVCards(_ plan: ExportPlan, version: VCardVersion, to sink: ExportSink) throws {
        let writer = VCardWriter(version: version)
        try forEachCard(plan) { cards in
            for card in cards { try sink.write(writer.write(card)) }
        }
    }

    private func writeXCards(_ plan: ExportPlan, to sink: ExportSink) throws {
        try sink.write(XCardWriter.head)
        try forEachCard(plan) { cards in
            for card in cards { try sink.write(XCardWriter.write(card)) }
        }
        try sink.write(XCardWriter.tail)
    }

    /// Names of the need categories (top-level `bedarf` terms) of the services of
    /// `organization` that the audience may see — only those in `selected` when given — in
    /// taxonomy order. A service counts when DirectoryReader would list it (or the audience may
    /// see the organization's unlisted entries); the organization itself is already visible.
    func needCategories(_ organization: String, _ selected: Set<String>?, _ categories: NeedCategories) throws -> [String] {
        let statement = try db.cached("""
            SELECT s.id, s.status, s.hidden, a.taxonomy_term_id FROM service s
            CROSS JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
            WHERE s.organization_id = ?
            """)
        let seesUnlisted = scope.audience.canSeeUnlisted(owner: organization)
        var found: [String: Int] = [:]
        try statement.forEach([organization]) { row in
            guard let category = categories.byTerm[row.string(3)] else { return }
            if let selected {
                guard selected.contains(row.string(0)) else { return }
            } else if !seesUnlisted {
                guard ServiceStatus(rawValue: row.string(1))?.isListed == true, row.int(2) == 0 else { return }
            }
            found[category.name] = category.rank
        }
        return found.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
    }

    /// The need categories of every organization's services that the audience may see (the
    /// same rule as `needCategories` without a selection), as sets of category numbers.
    func allNeedCategories(_ categories: NeedCategories) throws -> [String: CategorySet] {
        var found: [String: CategorySet] = [:]
        try db.prepare("""
            SELECT s.organization_id, s.status, s.hidden, a.taxonomy_term_id FROM service s
            CROSS JOIN attribute a ON a.link_entity = 'service' AND a.link_id = s.id
            """).forEach { row in
            guard let number = categories.numberByTerm[row.string(3)] else { return }
            let owner = row.string(0)
            if !scope.audience.canSeeUnlisted(owner: owner) {
                guard ServiceStatus(rawValue: row.string(1))?.isListed == true, row.int(2) == 0 else { return }
            }
            found[owner, default: CategorySet()].insert(number)
        }
        return found
    }

    /// The need category (name and rank) of every `bedarf` term, read once per export.
    struct NeedCategories {
        let byTerm: [String: (name: String, rank: Int)]
        /// The categories in output order (rank, then name).
        let ordered: [String]
        /// Each term's category as its position in `ordered`.
        let numberByTerm: [String: Int]

        init(_ db: Database) throws {
            var byTerm: [String: (name: String, rank: Int)] = [:]
            try db.prepare("""
                SELECT t.id, coalesce(p.name, t.name), coalesce(p.position, t.position)
                FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id AND x.code = 'bedarf'
                LEFT JOIN taxonomy_term p ON p.id = t.parent_id
                """).forEach { row in byTerm[row.string(0)] = (row.string(1), row.int(2)) }
            self.byTerm = byTerm
            var ranks: [String: Int] = [:]
            for category in byTerm.values { ranks[category.name] = category.rank }
            ordered = ranks.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
            let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
            numberByTerm = byTerm.mapValues { position[$0.name]! }
        }

        /// The names of a set of category numbers, in output order.
        func names(in set: CategorySet) -> [String] {
            set.members.map { ordered[$0] }
        }
    }

    /// A small set of category numbers.
    struct CategorySet {
        private var bits: [UInt64] = []

        mutating func insert(_ number: Int) {
            let word = number / 64
            if bits.count <= word { bits += Array(repeating: 0, count: word + 1 - bits.count) }
            bits[word] |= 1 << UInt64(number % 64)
        }

        /// The members in ascending order.
        var members: [Int] {
            bits.indices.flatMap { word in (0..<64).filter { bits[word] & (1 << UInt64($0)) != 0 }.map { word * 64 + $0 } }
        }
    }

    // MARK: Directory XML

    private func writeXML(_ plan: ExportPlan, to sink: ExportSink) throws {
        try sink.write(DirectoryXML.head(created: Timestamp.string(now)))
        for table in DirectoryXML.vocabularyTables {
            try forEachRecord(table) { record in
                var out = ""
                DirectoryXML.write(record, indent: 2, to: &out)
                try sink.write(out)
            }
        }
        let reader = self.reader
        for (index, entry) in plan.organizations.enumerated() {
            guard let bundle = try OrganizationBundle.read(entry.id, services: entry.services, reader: reader) else { continue }
            var out = ""
            DirectoryXML.write(bundle.record, indent: 2, close: false, to: &out)
            for (table, records) in bundle.rows(planned: plan.organizationIDs) where table != "organization" {
                for record in records { DirectoryXML.write(record, indent: 4, to: &out) }
            }
            out += "  </organization>\n"
            try sink.write(out)
            progress?(index + 1, plan.organizations.count)
        }
        try sink.write(DirectoryXML.tail)
    }

    /// Calls `body` with every row of a vocabulary table, in insertion order.
    func forEachRecord(_ table: String, _ body: (Record) throws -> Void) throws {
        let columns = try TableColumns.of(table, in: db)
        try db.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid").forEach { row in
            try body(Record(table: table, columns: columns, values: (0..<columns.count).map { row.value($0) }))
        }
    }

    // MARK: HSDS JSON

    private func writeHSDS(_ plan: ExportPlan, lines: Bool, to sink: ExportSink) throws {
        let total = plan.serviceCount
        if !lines {
            try sink.write("{\"total_items\":\(total),\"total_pages\":1,\"page_number\":1,\"size\":\(total),"
                           + "\"first_page\":true,\"last_page\":true,\"empty\":\(total == 0),\"contents\":[")
        }
        var parents = HSDSParentChains(db: db, planned: plan.organizationIDs, audience: scope.audience)
        let reader = self.reader
        var network = HSDSNetworkParts(db: db, reader: reader, plan: plan)
        var first = true
        for (index, entry) in plan.organizations.enumerated() {
            for id in entry.services {
                guard var node = try reader.service(id, detail: .full) else { continue }
                try parents.attach(to: &node)
                try network.attach(to: &node)
                var writer = JSONWriter(capacity: 8192)
                HSDSJSON.write(node, to: &writer, now: now)
                if lines {
                    writer.bytes.append(10)
                } else if !first {
                    try sink.write([UInt8(ascii: ",")])
                }
                first = false
                try sink.write(writer.bytes)
            }
            progress?(index + 1, plan.organizations.count)
        }
        if !lines { try sink.write("]}\n") }
    }
}

// HSDSNetworkParts: the parts of the network that HSDS has no place for, written as DE profile
// extra properties (which HSDS allows) so that an HSDS JSON or JSON lines export round-trips:
// - the first service carries every Sozialraum, used or not, as `sozialraeume` (tree order is
//   row order; parent_id refers to an earlier or later entry of the same list);
// - the nested organization of each organization's first service carries the cooperations
//   that organization stores as `cooperations` (with `need_term` when a need category is
//   set), when the partner is part of the export too (it has a service in it).
import SQLite

/// Adds Sozialräume and cooperations to exported HSDS services.
struct HSDSNetworkParts {
    /// The connection, inside the export's read transaction.
    let db: Database
    /// The export's reader (its audience decides which partners are visible).
    let reader: DirectoryReader
    /// Organizations with at least one service in the export.
    let exported: Set<String>
    private var areasWritten = false
    private var organizationsDone: Set<String> = []

    /// Prepares the parts for an export of `plan`.
    init(db: Database, reader: DirectoryReader, plan: ExportPlan) {
        self.db = db
        self.reader = reader
        exported = Set(plan.organizations.filter { !$0.services.isEmpty }.map(\.id))
    }

    /// Adds the Sozialräume to the first service and the cooperations to the first service of
    /// each organization.
    mutating func attach(to service: inout HSDSNode) throws {
        if !areasWritten {
            areasWritten = true
            let areas = try TableColumns.load("sozialraum", where: "1", [], order: "rowid", in: db).map(HSDSNode.init)
            service.children.insert(("sozialraeume", areas, false), at: 0)
        }
        guard let owner = service.record.text("organization_id"), organizationsDone.insert(owner).inserted,
              let index = service.children.firstIndex(where: { $0.name == "organization" && $0.single }) else { return }
        let cooperations = try reader.cooperations(owner).filter {
            $0.record.text("organization_id") == owner && exported.contains($0.record.text("partner_id") ?? "")
        }.map { cooperation -> HSDSNode in
            var node = HSDSNode(cooperation.record)
            if let term = cooperation.record.text("need_term_id"), let need = try reader.taxonomyTerm(term) {
                node.add("need_term", single: need)
            }
            return node
        }
        if !cooperations.isEmpty { service.children[index].nodes[0].add("cooperations", cooperations) }
    }
}

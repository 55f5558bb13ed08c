// OrganizationBundle: one organization as exports see it — its full HSDS tree and the full
// trees of its selected services, read through DirectoryReader for the export's audience — and
// the same data flattened into table rows for the table-shaped formats (CSV, directory XML).
import Foundation
import SQLite

/// An organization and its selected services, as visible to one audience.
public struct OrganizationBundle: Sendable {
    /// The organization with everything HSDS nests (locations, contacts, phones, …).
    public let organization: HSDSNode
    /// Its selected services, each with everything HSDS nests.
    public let services: [HSDSNode]

    /// The organization record.
    public var record: Record { organization.record }

    /// Reads the bundle of organization `id` with `services` through `reader`; nil when the
    /// audience may not see the organization.
    public static func read(_ id: String, services: [String], reader: DirectoryReader) throws -> OrganizationBundle? {
        guard let organization = try reader.organization(id, detail: .full) else { return nil }
        return OrganizationBundle(organization: organization, services: try services.compactMap { try reader.service($0, detail: .full) })
    }

    /// Tables that are exchanged as a whole (vocabularies), not per organization.
    public static let vocabularyTables: Set<String> = ["sozialraum", "taxonomy", "taxonomy_term", "unit"]

    /// References that always stay inside one organization's bundle (column → table).
    static let innerReferences = [("service_at_location_id", "service_at_location"), ("contact_id", "contact"), ("phone_id", "phone")]

    /// Tables never exported (the change history may name people).
    public static let unexportedTables: Set<String> = ["metadata"]

    /// The bundle's rows per table (without vocabularies), each row once, tables in exchange
    /// order. Cooperations appear only with the organization that stores them and only when
    /// the partner is part of the export; a location or program of another organization appears
    /// only when that organization is not part of the export itself. References to placements,
    /// contacts and phones that the audience may not see are emptied, so that the rows refer only
    /// to what the export contains; so is a parent organization outside the export.
    public func rows(planned: Set<String>) -> [(table: String, records: [Record])] {
        var seen: [String: Set<String>] = [:]
        var byTable: [String: [Record]] = [:]
        let ownID = record.id
        func visit(_ node: HSDSNode) {
            let row = node.record
            let table = row.table
            if Self.vocabularyTables.contains(table) || Self.unexportedTables.contains(table) { return }
            if table == "organization" && row.id != ownID { return }
            if table == "cooperation" {
                guard row.text("organization_id") == ownID, let partner = row.text("partner_id"), planned.contains(partner) else { return }
            }
            if table == "location" || table == "program", let owner = row.text("organization_id"), owner != ownID, planned.contains(owner) { return }
            if seen[table, default: []].insert(row.id).inserted {
                byTable[table, default: []].append(row)
            }
            for child in node.children {
                // Listed services of the organization are exported from their own full trees.
                if table == "organization" && child.name == "services" { continue }
                for nested in child.nodes { visit(nested) }
            }
        }
        visit(organization)
        for service in services { visit(service) }
        if let position = byTable["organization"]?[0].columns.firstIndex(of: "parent_organization_id"),
           case .text(let parent) = byTable["organization"]![0].values[position], !planned.contains(parent) {
            byTable["organization"]![0].values[position] = .null
        }
        for (table, records) in byTable {
            for index in records.indices {
                for (column, target) in Self.innerReferences {
                    guard let position = records[index].columns.firstIndex(of: column),
                          case .text(let reference) = records[index].values[position],
                          seen[target]?.contains(reference) != true else { continue }
                    byTable[table]![index].values[position] = .null
                }
            }
        }
        return TableSpecs.order.compactMap { entry in byTable[entry.0].map { (entry.0, $0) } }
    }
}

// RowChanges: turns what a form says a record should look like into the row operations of a
// change request — only fields that differ from the approved version, links (needs, target
// groups, languages, places) added or removed — so reviewers see exactly what changed.
import Foundation
import SQLite

/// Builders of `RowChange` lists.
public enum RowChanges {
    /// A new record id.
    public static func newID() -> String { UUID().uuidString.lowercased() }

    /// The write of `values` to record `id` of `table`: for an existing record only the
    /// columns whose value differs ("" counts as empty), for a new one every non-empty column.
    /// Nil when nothing changes.
    public static func record(_ table: String, id: String, current: Record?, values: [String: String], fixed: [String: String] = [:]) -> RowChange? {
        var changed: [String: String?] = [:]
        for (column, raw) in values {
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let old = current?.text(column) ?? ""
            if current == nil {
                if !value.isEmpty { changed[column] = value }
            } else if !same(old, value, column: column) {
                changed[column] = value.isEmpty ? String?.none : value
            }
        }
        guard !changed.isEmpty else { return nil }
        if current == nil { for (column, value) in fixed { changed[column] = value } }
        return RowChange(table: table, id: id, values: changed)
    }

    /// Values equal for the directory (numbers compared as numbers: "60" and "60.0").
    public static func same(_ old: String, _ new: String, column: String) -> Bool {
        if old == new { return true }
        if let a = Double(old.replacingOccurrences(of: ",", with: ".")), let b = Double(new.replacingOccurrences(of: ",", with: ".")) { return a == b }
        return false
    }

    /// Adds and removes `attribute` links of a record to terms: `selected` among `offered`
    /// (terms not offered, e.g. retired ones, stay as they are).
    public static func attributes(entity: String, linkID: String, current: [Record], offered: Set<String>, selected: Set<String>) -> [RowChange] {
        let linked = Dictionary(current.map { ($0.text("taxonomy_term_id") ?? "", $0.id) }, uniquingKeysWith: { first, _ in first })
        var rows: [RowChange] = []
        for term in selected.intersection(offered).subtracting(linked.keys).sorted() {
            rows.append(RowChange(table: "attribute", id: newID(), values: ["link_id": linkID, "link_entity": entity, "taxonomy_term_id": term]))
        }
        for (term, id) in linked.sorted(by: { $0.key < $1.key }) where offered.contains(term) && !selected.contains(term) {
            rows.append(RowChange(table: "attribute", id: id, delete: true))
        }
        return rows
    }

    /// Adds and removes the languages of a service (by code; names from `names`).
    public static func languages(serviceID: String, current: [Record], selected: Set<String>, names: [String: String]) -> [RowChange] {
        var byCode: [String: String] = [:]
        for row in current { if let code = row.text("code"), byCode[code] == nil { byCode[code] = row.id } }
        var rows: [RowChange] = []
        for code in selected.subtracting(byCode.keys).sorted() {
            rows.append(RowChange(table: "language", id: newID(), values: ["service_id": serviceID, "code": code, "name": names[code] ?? code]))
        }
        for (code, id) in byCode.sorted(by: { $0.key < $1.key }) where !selected.contains(code) {
            rows.append(RowChange(table: "language", id: id, delete: true))
        }
        return rows
    }

    /// Adds and removes the places of a service among the organization's own `offered`
    /// locations (places in partners' rooms stay).
    public static func placements(serviceID: String, current: [Record], offered: Set<String>, selected: Set<String>) -> [RowChange] {
        let placed = Dictionary(current.map { ($0.text("location_id") ?? "", $0.id) }, uniquingKeysWith: { first, _ in first })
        var rows: [RowChange] = []
        for location in selected.intersection(offered).subtracting(placed.keys).sorted() {
            rows.append(RowChange(table: "service_at_location", id: newID(), values: ["service_id": serviceID, "location_id": location]))
        }
        for (location, id) in placed.sorted(by: { $0.key < $1.key }) where offered.contains(location) && !selected.contains(location) {
            rows.append(RowChange(table: "service_at_location", id: id, delete: true))
        }
        return rows
    }

    /// `records` as they will be once the pending `changes` are approved: deleted rows go,
    /// written rows are added or updated (for forms that continue from a pending change).
    public static func overlay(_ records: [Record], table: String, changes: [RowChange], belongs: ([String: String?]) -> Bool) -> [Record] {
        var result = records
        for change in changes where change.table == table {
            if change.delete {
                result.removeAll { $0.id == change.id }
            } else if let index = result.firstIndex(where: { $0.id == change.id }) {
                for (column, value) in change.values {
                    if let position = result[index].columns.firstIndex(of: column) {
                        result[index].values[position] = value.map { SQLValue.text($0) } ?? .null
                    }
                }
            } else if belongs(change.values) {
                let columns = Array(change.values.keys) + ["id"]
                result.append(Record(table: table, columns: columns, values: change.values.values.map { $0.map { SQLValue.text($0) } ?? .null } + [.text(change.id)], partial: true))
            }
        }
        return result
    }
}

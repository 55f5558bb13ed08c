// ChangeDiff: a change request as a readable old → new list per field, in German, for the
// coordinator's review queue and the provider's "wartet auf Prüfung" and "zurückgegeben"
// lists. Old values are the ones the public sees now (read with the names behind ids into a
// RecordLookup: DirectoryEditing.lookup(for:) or a review state's lookup).
import LotseCore
import Templating

/// Readable diffs of change requests.
enum ChangeDiff {
    /// One line: which record, which field, old and new value.
    struct Line {
        var record: String
        var field: String
        var old: String
        var new: String
    }

    /// The lines of `request`, against the current directory as read into `lookup`.
    static func lines(_ request: ChangeRequest, lookup: RecordLookup) -> [Line] {
        request.rows.flatMap { lines(for: $0, lookup: lookup) }
    }

    /// The template context of `lines`: `record`, `field`, `old`, `new`.
    static func context(_ lines: [Line]) -> TemplateValue {
        .array(lines.map { line in
            .object(["record": .string(line.record), "field": .string(line.field), "old": .string(line.old.isEmpty ? "–" : line.old),
                     "new": .string(line.new.isEmpty ? "–" : line.new)])
        })
    }

    /// The lines of one row operation.
    static func lines(for row: RowChange, lookup: RecordLookup) -> [Line] {
        let current = lookup.record(row.table, row.id)
        let label = FieldLabels.table(row.table)
        if row.delete {
            let what = current.map { describe($0, lookup: lookup) } ?? ""
            let kind = row.table == "attribute" ? termKind(current?.text("taxonomy_term_id") ?? "", lookup: lookup) : label
            return [Line(record: kind, field: "entfernt", old: what, new: "")]
        }
        if current == nil && ["attribute", "language", "service_at_location"].contains(row.table) {
            let values = row.values.compactMapValues { $0 }
            let record = Record(table: row.table, columns: Array(values.keys), values: values.values.map { .text($0) }, partial: true)
            return [Line(record: row.table == "attribute" ? termKind(values["taxonomy_term_id"] ?? "", lookup: lookup) : label,
                         field: "hinzugefügt", old: "", new: describe(record, lookup: lookup))]
        }
        let name = current.map { describe($0, lookup: lookup) } ?? (row.values["name"] ?? nil) ?? ""
        let recordLabel = current == nil ? "\(label) (neu)" + (name.isEmpty ? "" : " »\(name)«") : "\(label) »\(name)«"
        return row.values.keys.sorted(by: order).compactMap { column -> Line? in
            guard !FieldLabels.quiet.contains(column), !(current == nil && ["organization_id", "service_id", "location_id"].contains(column)) else { return nil }
            let old = current.map { FieldLabels.value(column, $0.text(column) ?? "", names: lookup) } ?? ""
            let new = FieldLabels.value(column, (row.values[column] ?? nil) ?? "", names: lookup)
            guard old != new else { return nil }
            return Line(record: recordLabel, field: FieldLabels.column(column), old: old, new: new)
        }
    }

    /// A short name of a record: its name, address, number, opening time, term or location.
    static func describe(_ record: Record, lookup: RecordLookup) -> String {
        switch record.table {
        case "address": return [record.text("address_1"), record.text("postal_code"), record.text("city")].compactMap { $0 }.joined(separator: " ")
        case "phone": return record.text("number") ?? ""
        case "schedule":
            return "\(FieldLabels.value("byday", record.text("byday") ?? "", names: lookup)) \(record.text("opens_at") ?? "")–\(record.text("closes_at") ?? "")"
        case "attribute": return FieldLabels.value("taxonomy_term_id", record.text("taxonomy_term_id") ?? "", names: lookup)
        case "language": return record.text("name") ?? record.text("code") ?? ""
        case "service_at_location": return FieldLabels.value("location_id", record.text("location_id") ?? "", names: lookup)
        case "cooperation": return record.text("topic") ?? ""
        default: return record.text("name") ?? record.text("title") ?? record.id
        }
    }

    /// "Bedarf", "Zielgruppe", "Rechtsgrundlage" or "Barrierefreiheit" for a term id.
    static func termKind(_ termID: String, lookup: RecordLookup) -> String {
        let code = lookup.taxonomy(ofTerm: termID)?.rawValue
        switch code {
        case TaxonomyCode.need.rawValue: return "Bedarf"
        case TaxonomyCode.targetGroup.rawValue: return "Zielgruppe"
        case TaxonomyCode.legalBasis.rawValue: return "Rechtsgrundlage"
        case TaxonomyCode.accessibility.rawValue: return "Barrierefreiheit"
        default: return "Begriff"
        }
    }

    /// Columns in the order forms show them.
    static let columnOrder = ["name", "alternate_name", "description", "status", "alert", "email", "url", "website", "kind",
                              "legal_status", "year_incorporated", "location_type", "visibility", "sozialraum_id", "address_1",
                              "address_2", "postal_code", "city", "title", "department", "number"]

    private static func order(_ lhs: String, _ rhs: String) -> Bool {
        let left = columnOrder.firstIndex(of: lhs) ?? 999, right = columnOrder.firstIndex(of: rhs) ?? 999
        return left == right ? lhs < rhs : left < right
    }
}

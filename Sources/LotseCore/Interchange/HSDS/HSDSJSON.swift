// HSDSJSON: writes HSDSNode trees as HSDS 3.1 JSON objects. NULL fields are left out (HSDS
// types optional fields without null), numbers stay numbers, times get seconds, and the DE
// profile's extra fields (kind, capacity, verification, visibility, sozialraum …) appear under
// their column names, which HSDS validation allows.
import Foundation

/// HSDS 3.1 JSON encoding of directory trees.
public enum HSDSJSON {
    /// Columns never written (internal moderation state).
    static let omitted: Set<String> = ["hidden"]
    /// HSDS number fields that Lotse stores as text.
    static let numericText: Set<String> = ["extension"]
    /// HSDS time fields (written as HH:MM:SS).
    static let timeFields: Set<String> = ["opens_at", "closes_at"]

    /// The JSON object of `node`.
    public static func encode(_ node: HSDSNode, now: Date = Date()) -> [UInt8] {
        var writer = JSONWriter(capacity: 2048)
        write(node, to: &writer, now: now)
        return writer.bytes
    }

    /// Appends the JSON object of `node` to `writer`.
    public static func write(_ node: HSDSNode, to writer: inout JSONWriter, now: Date = Date()) {
        writer.beginObject()
        writeFields(node.record, to: &writer, now: now)
        for child in node.children {
            writer.key(child.name)
            if child.single {
                write(child.nodes[0], to: &writer, now: now)
            } else {
                writer.beginArray()
                for nested in child.nodes { write(nested, to: &writer, now: now) }
                writer.endArray()
            }
        }
        writer.endObject()
    }

    /// Appends the record's fields (no braces).
    public static func writeFields(_ record: Record, to writer: inout JSONWriter, now: Date) {
        for (column, value) in zip(record.columns, record.values) where !omitted.contains(column) {
            switch value {
            case .null, .blob:
                continue
            case .integer(let int):
                writer.key(column)
                writer.number(Int(int))
            case .real(let real):
                writer.key(column)
                writer.number(real)
            case .text(let text):
                if numericText.contains(column) {
                    guard let number = Double(text) else { continue }
                    writer.key(column)
                    writer.number(number)
                } else if timeFields.contains(column) {
                    writer.key(column)
                    writer.string(text.count == 5 ? text + ":00" : text)
                } else {
                    writer.key(column)
                    writer.string(text)
                }
            }
            if record.table == "schedule" && column == "tzid", case .text(let zone) = value, zone == "Europe/Berlin" {
                // HSDS wants the numeric UTC offset in hours.
                writer.key("timezone")
                writer.number(BerlinTime(now).utcOffset / 3600)
            }
        }
    }
}

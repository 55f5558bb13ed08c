// TemplateValue+JSON: the JSON twin of a page is its template context written as JSON.
import LotseCore
import Templating

extension TemplateValue {
    /// Writes the value as JSON.
    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .int(let value): writer.number(value)
        case .double(let value): writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let values):
            writer.beginArray()
            for value in values { value.write(to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for key in object.keys.sorted() {
                writer.key(key)
                object[key]!.write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// The value as JSON bytes.
    var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}

// CSVWriter: RFC 4180 records into an ExportSink — comma separated, quoted only where needed,
// LF line ends, NULL as an empty field — the format DataPackageImporter reads back.
import SQLite

/// Writes CSV records.
public struct CSVWriter {
    /// The destination.
    public let sink: ExportSink

    /// Creates a writer on `sink`.
    public init(sink: ExportSink) { self.sink = sink }

    /// Writes one record.
    public func write(_ fields: [String?]) throws {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            if let field { line += Self.quote(field) }
        }
        line += "\n"
        try sink.write(line)
    }

    /// Writes a record's values in column order.
    public func write(_ values: [SQLValue]) throws {
        try write(values.map(DirectoryXML.text))
    }

    /// A field, quoted when it contains a comma, quote, line break or outer spaces.
    public static func quote(_ field: String) -> String {
        var needsQuotes = field.first == " " || field.last == " "
        if !needsQuotes {
            for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

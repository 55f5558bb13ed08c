// CSVWriter: RFC 4180 records into an ExportSink — comma separated, quoted only where needed,
// LF line ends, NULL as an empty field, text cells protected against formula injection
// (CSVCell) — the format DataPackageImporter reads back.
import SQLite

/// Writes CSV records.
public struct CSVWriter {
    /// The destination.
    public let sink: ExportSink

    /// Creates a writer on `sink`.
    public init(sink: ExportSink) { self.sink = sink }

    /// Writes one record of text cells, each protected by `CSVCell.protect`.
    public func write(_ fields: [String?]) throws {
        try writeCells(fields.map { $0.map(CSVCell.protect) })
    }

    /// Writes a record's values in column order: text protected by `CSVCell.protect`, numbers
    /// (integer and real columns) as they are.
    public func write(_ values: [SQLValue]) throws {
        try writeCells(values.map { value in
            if case .text(let text) = value { return CSVCell.protect(text) }
            return DirectoryXML.text(value)
        })
    }

    private func writeCells(_ fields: [String?]) throws {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            if let field { line += Self.quote(field) }
        }
        line += "\n"
        try sink.write(line)
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

// DirectoryXML: Lotse's directory XML format — namespace, element layout and value texts —
// shared by the writer, the XSD generator and the importer. One element per HSDS object,
// named like its table, with the id as attribute and every other non-NULL column as a child
// element of the same name, in schema order. Vocabularies (sozialraum, taxonomy,
// taxonomy_term, unit) come first; every other object is grouped under its organization.
import Foundation
import SQLite

/// The directory XML format.
public enum DirectoryXML {
    /// The XML namespace (version 1).
    public static let namespace = "https://lotse.example.org/ns/verzeichnis/1"
    /// Where the XSD is served; it lives in the repository at
    /// `Templates/static/schema/lotse-verzeichnis-1.xsd`.
    public static let schemaPath = "/static/schema/lotse-verzeichnis-1.xsd"
    /// The XSD file relative to the templates folder.
    public static let schemaFile = "static/schema/lotse-verzeichnis-1.xsd"
    /// The root element.
    public static let rootElement = "directory"
    /// The tables written before the organizations, in this order.
    public static let vocabularyTables = ["sozialraum", "taxonomy", "taxonomy_term", "unit"]
    /// The tables nested in `organization`, in this order.
    public static let organizationTables = TableSpecs.order.map(\.0).filter {
        !vocabularyTables.contains($0) && $0 != "organization" && !OrganizationBundle.unexportedTables.contains($0)
    }

    /// Tables imported in the first pass with the organizations, because other organizations'
    /// services may refer to them.
    public static let firstPassTables = ["program", "location"]

    /// The document start; `created` is an ISO instant.
    public static func head(created: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(rootElement) xmlns=\"\(namespace)\" version=\"1\" hsds_version=\"3.1\" created=\"\(created)\">\n"
    }

    /// The document end.
    public static let tail = "</\(rootElement)>\n"

    /// The text of a column value in XML (nil for NULL).
    public static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null, .blob: return nil
        case .integer(let int): return String(int)
        case .real(let real): return "\(real)"
        case .text(let text): return text
        }
    }

    /// Appends the element of `record` (opening tag, fields, and — when `close` — the closing
    /// tag) with `indent` spaces.
    public static func write(_ record: Record, indent: Int, close: Bool = true, to out: inout String) {
        let pad = String(repeating: " ", count: indent)
        out += "\(pad)<\(record.table) id=\"\(XMLText.escape(record.id))\">\n"
        for (column, value) in zip(record.columns, record.values) where column != "id" {
            guard let text = text(value) else { continue }
            if text.isEmpty {
                out += "\(pad)  <\(column)/>\n"
            } else {
                out += "\(pad)  <\(column)>\(XMLText.escape(text))</\(column)>\n"
            }
        }
        if close { out += "\(pad)</\(record.table)>\n" }
    }
}

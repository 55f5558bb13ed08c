// ExportFormat: the export formats with their command names, media types and file names, so
// that the CLI and the web downloads name them the same way.

/// An export format.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// vCard 3.0 (RFC 2426), what address books import.
    case vcard
    /// vCard 4.0 (RFC 6350), `KIND:org`.
    case vcard4
    /// xCard (RFC 6351): vCard 4.0 in XML.
    case xcard
    /// Lotse's directory XML (namespace `DirectoryXML.namespace`, XSD in Templates/static/schema).
    case xml
    /// HSDS 3.1 JSON: one Page of full services.
    case hsdsJSON = "hsds-json"
    /// HSDS 3.1 JSON lines: one full service per line.
    case hsdsNDJSON = "hsds-ndjson"
    /// HSDS 3.1 CSV data package: datapackage.json and one CSV per table (a folder).
    case hsdsCSV = "hsds-csv"

    /// The `Content-Type` of a download.
    public var contentType: String {
        switch self {
        case .vcard, .vcard4: "text/vcard; charset=utf-8"
        case .xcard: "application/vcard+xml"
        case .xml: "application/xml"
        case .hsdsJSON: "application/json"
        case .hsdsNDJSON: "application/x-ndjson"
        case .hsdsCSV: "text/csv; charset=utf-8"
        }
    }

    /// The file name extension.
    public var fileExtension: String {
        switch self {
        case .vcard, .vcard4: "vcf"
        case .xcard: "xcard.xml"
        case .xml: "xml"
        case .hsdsJSON: "json"
        case .hsdsNDJSON: "ndjson"
        case .hsdsCSV: "csv"
        }
    }

    /// A download file name for `stem` (e.g. `lotse-verzeichnis` → `lotse-verzeichnis.vcf`);
    /// vCard 4.0 gets a `-v4` suffix so that both can sit side by side.
    public func fileName(_ stem: String) -> String {
        self == .vcard4 ? "\(stem)-v4.\(fileExtension)" : "\(stem).\(fileExtension)"
    }

    /// True when the export is one file (everything but the CSV package).
    public var isSingleFile: Bool { self != .hsdsCSV }
}

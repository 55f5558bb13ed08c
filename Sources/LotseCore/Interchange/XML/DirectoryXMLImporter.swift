// DirectoryXMLImporter: imports Lotse's directory XML. The file is checked before anything is
// written: a DOCTYPE (DTDs, entity declarations — XXE, "billion laughs") is refused outright,
// the root must be in Lotse's namespace, and the whole document must be valid against the XSD
// (errors name line, column and field). Then two streaming passes hand rows to TableImporter:
// organizations, programs and locations first (so that references between organizations resolve
// in any order), then everything else. Optionally restricted to one organization's subtree.
import Foundation

/// Imports directory XML into a TableImporter.
public final class DirectoryXMLImporter {
    private let importer: TableImporter
    private let guardian: OrganizationGuard?
    private var sessions: [String: (session: TableImporter.Session, columns: [String: Int])] = [:]
    private var ownIDs: [String: Set<String>] = [:]

    /// Prepares an import; with `organization`, only rows of that organization are accepted
    /// (a provider's upload) and vocabularies are only referenced, never changed.
    public init(into importer: TableImporter, organization: String? = nil) {
        self.importer = importer
        guardian = organization.map { OrganizationGuard(organizationID: $0, db: importer.db) }
    }

    /// The XSD shipped in `Templates/static/schema`, compiled.
    static func loadSchema(templates: FileTree) throws -> XMLSchemaDocument {
        guard let bytes = templates.contents(DirectoryXML.schemaFile) else {
            throw LotseError(.notFound, "XML-Schema \((templates.origin as NSString).appendingPathComponent(DirectoryXML.schemaFile)) fehlt")
        }
        return try XMLSchemaDocument(bytes: bytes, name: DirectoryXML.schemaFile)
    }

    /// Checks and imports the file at `path`; `source` names it in messages. `templates` is
    /// the folder holding the XSD (default: Templates/ as shipped, see `Resources`).
    public func importFile(path: String, source: String, templates: String? = nil) throws {
        let schema = try Self.loadSchema(templates: templates.map(FileTree.init(folder:)) ?? Resources.templates())
        try XMLPrologCheck.refuseDocumentType(path: path, source: source)
        try validate(path: path, source: source, schema: schema)
        try importPass(path: path, source: source, first: true)
        try importPass(path: path, source: source, first: false)
    }

    /// Reads the whole document once against the XSD; throws the problems found.
    private func validate(path: String, source: String, schema: XMLSchemaDocument) throws {
        let reader = try XMLStreamReader(path: path, schema: schema)
        var sawRoot = false
        while reader.read() {
            switch reader.nodeType {
            case XMLStreamReader.documentType, XMLStreamReader.entityReference:
                throw LotseError(.invalidInput, "\(source) Zeile \(reader.line): DOCTYPE- und Entitätsdeklarationen sind nicht erlaubt")
            case XMLStreamReader.element:
                if !sawRoot {
                    sawRoot = true
                    guard reader.localName == DirectoryXML.rootElement, reader.namespaceURI == DirectoryXML.namespace else {
                        throw LotseError(.invalidInput, "\(source) Zeile \(reader.line): Wurzelelement »\(reader.localName)« im Namensraum »\(reader.namespaceURI ?? "")« – erwartet wird »\(DirectoryXML.rootElement)« im Namensraum »\(DirectoryXML.namespace)«")
                    }
                } else if reader.depth == 1, ["sozialraum", "taxonomy_term", "organization"].contains(reader.localName),
                          let id = reader.attribute("id") {
                    ownIDs[reader.localName, default: []].insert(id)
                }
            default: break
            }
        }
        let problems = reader.problems
        if !sawRoot && problems.isEmpty {
            throw LotseError(.invalidInput, "\(source): Datei enthält kein XML-Element")
        }
        guard problems.isEmpty else {
            var lines = problems.prefix(20).map { problem in
                "\(source) Zeile \(problem.line)" + (problem.column > 0 ? ", Spalte \(problem.column)" : "") + ": \(problem.message)"
            }
            if problems.count > 20 { lines.append("… und \(problems.count - 20) weitere Fehler") }
            throw LotseError(.invalidInput, lines.joined(separator: "\n"))
        }
    }

    /// Pass one: vocabularies, organization records and locations. Pass two: the rest.
    private func importPass(path: String, source: String, first: Bool) throws {
        let reader = try XMLStreamReader(path: path)
        var lastReport = 0
        guard reader.read() else { return }   // the root element
        var more = reader.read()
        while more {
            guard reader.nodeType == XMLStreamReader.element, reader.depth == 1, let element = reader.expand() else {
                more = reader.read()
                continue
            }
            if element.name == "organization" {
                try importOrganization(element, source: source, first: first)
            } else if first {
                try importRecord(element, table: element.name, source: source)
            }
            if reader.bytesConsumed - lastReport > 1 << 20 {
                lastReport = reader.bytesConsumed
                importer.options.progress?(source + (first ? " (1/2)" : " (2/2)"), reader.bytesConsumed, max(reader.bytesConsumed, fileSize(path)))
            }
            more = reader.skip()
        }
    }

    private func importOrganization(_ element: XMLElementValue, source: String, first: Bool) throws {
        let tables = Set(DirectoryXML.organizationTables)
        if first {
            try importRecord(element, table: "organization", source: source, fields: element.children.filter { !tables.contains($0.name) })
            for table in DirectoryXML.firstPassTables {
                for child in element.children where child.name == table {
                    try importRecord(child, table: table, source: source)
                }
            }
            return
        }
        if let guardian, element.id != guardian.organizationID { return }   // rejected in pass one
        for table in DirectoryXML.organizationTables where !DirectoryXML.firstPassTables.contains(table) {
            for child in element.children where child.name == table {
                try importRecord(child, table: table, source: source)
            }
        }
    }

    private func importRecord(_ element: XMLElementValue, table: String, source: String, fields: [XMLElementValue]? = nil) throws {
        let entry = try session(table, source: source)
        var row: [String: String] = [:]
        row["id"] = element.id ?? ""
        for field in fields ?? element.children { row[field.name] = field.text }
        if let guardian, let problem = try guardian.check(table: table, row: row) {
            if problem.isEmpty { return }   // an existing vocabulary entry, left as it is
            importer.rejectRow(table: table, source: source, line: element.line, message: problem)
            return
        }
        var values = [String?](repeating: nil, count: entry.columns.count)
        for (name, value) in row { if let index = entry.columns[name] { values[index] = value } }
        try importer.importRow(entry.session, values, line: element.line)
    }

    private func session(_ table: String, source: String) throws -> (session: TableImporter.Session, columns: [String: Int]) {
        if let known = sessions[table] { return known }
        guard let spec = importer.specs.table(table) else { throw LotseError(.invalidInput, "\(source): unbekannte Tabelle \(table)") }
        let names = spec.columns.map(\.name)
        let session = try importer.begin(table: table, source: source, columns: names, ownIDs: ownIDs[table] ?? [])
        let entry = (session, Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }))
        sessions[table] = entry
        return entry
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

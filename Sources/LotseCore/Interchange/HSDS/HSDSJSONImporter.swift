// HSDSJSONImporter: reads HSDS 3.1 JSON — JSON lines with one full service per line (streamed
// with constant memory) or one document (a Page, an array or a single service) — flattens each
// nested object into rows of its table and hands them to TableImporter, parents first.
import Foundation

/// Imports HSDS JSON into a TableImporter.
public final class HSDSJSONImporter {
    private let importer: TableImporter
    private var sessions: [String: (session: TableImporter.Session, columns: [String: Int], spec: TableSpec)] = [:]
    private var ignoredKeys: Set<String> = []
    /// Optional references to objects that a later line may bring: (table, row id, column,
    /// target table, target id, source, line).
    private var pending: [(table: String, id: String, column: String, target: String, reference: String, source: String, line: Int)] = []
    /// Cooperations, imported after every line: the partner may arrive in a later one.
    private var cooperations: [(row: [String: String], source: String, line: Int)] = []

    /// Prepares an import into `importer`.
    public init(into importer: TableImporter) { self.importer = importer }

    /// Where nested objects go: JSON key → table. `parent` (the DE profile's ancestor chain)
    /// stays in the table of the object that holds it.
    static let childTables: [String: String] = [
        "phones": "phone", "schedules": "schedule", "service_areas": "service_area", "service_at_locations": "service_at_location",
        "languages": "language", "organization": "organization", "funding": "funding", "cost_options": "cost_option",
        "program": "program", "programs": "program", "required_documents": "required_document", "contacts": "contact",
        "capacities": "service_capacity", "unit": "unit", "additional_urls": "url", "additional_websites": "url",
        "attributes": "attribute", "taxonomy_term": "taxonomy_term", "taxonomy_detail": "taxonomy", "location": "location",
        "locations": "location", "addresses": "address", "accessibility": "accessibility", "sozialraum": "sozialraum",
        "organization_identifiers": "organization_identifier", "cooperations": "cooperation", "partner": "organization",
        "services": "service", "sozialraeume": "sozialraum", "need_term": "taxonomy_term",
    ]

    /// Tables whose objects repeat from line to line with the same content.
    static let sharedTables: Set<String> = ["organization", "location", "program", "sozialraum", "taxonomy", "taxonomy_term", "unit"]

    /// Keys that are read as nothing (HSDS change history is not imported).
    static let skippedKeys: Set<String> = ["metadata"]

    /// Imports a JSON lines file, one service object per line; blank lines are skipped and a
    /// malformed line is a rejected row with its line number.
    public func importLines(path: String, source: String) throws {
        let reader = try LineReader(path: path)
        var lastReport = 0
        while let line = try reader.next() {
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            let object: JSONValue
            do {
                object = try JSONReader.parse(line)
            } catch {
                importer.rejectRow(table: "service", source: source, line: reader.lineNumber, message: "kein gültiges JSON (\(error))")
                continue
            }
            guard case .object(let service) = object else {
                importer.rejectRow(table: "service", source: source, line: reader.lineNumber, message: "Zeile ist kein JSON-Objekt")
                continue
            }
            try importObject(service, table: "service", source: source, line: reader.lineNumber)
            if reader.bytesRead - lastReport > 1 << 20 {
                lastReport = reader.bytesRead
                importer.options.progress?(source, reader.bytesRead, reader.totalBytes)
            }
        }
        try resolvePending()
        importer.options.progress?(source, reader.totalBytes, reader.totalBytes)
    }

    /// Sets the deferred references whose targets arrived in later lines; the others are
    /// dropped with a note, as TableImporter does for dangling optional references.
    private func resolvePending() throws {
        let deferred = cooperations
        cooperations = []
        for entry in deferred { try importRows("cooperation", [entry.row], source: entry.source, line: entry.line) }
        for entry in pending {
            guard importer.hasWritten(entry.table, id: entry.id) else { continue }
            if try importer.exists(entry.reference, in: entry.target) {
                try importer.db.execute("UPDATE \(entry.table) SET \(entry.column) = ? WHERE id = ?", entry.reference, entry.id)
            } else {
                importer.note("\(entry.source) Zeile \(entry.line): Feld \(entry.column): unbekannte id \(entry.reference) (\(entry.target)), Verweis entfernt")
            }
        }
        pending = []
    }

    /// Largest JSON document read as a whole; larger files must be JSON lines.
    public static let maximumDocumentSize = 256 << 20

    /// Imports a JSON document: an HSDS Page (`contents`), an array of services or one service.
    public func importDocument(path: String, source: String) throws {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maximumDocumentSize else {
            throw LotseError(.invalidInput, "\(source): \(size / (1 << 20)) MB sind zu groß für ein JSON-Dokument; bitte als JSON Lines (hsds-ndjson) importieren.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LotseError(.notFound, "Datei \(path) kann nicht gelesen werden.")
        }
        let object: JSONValue
        do {
            object = try JSONReader.parse(data)
        } catch {
            throw LotseError(.invalidInput, "\(source): kein gültiges JSON (\(error))")
        }
        let services: [JSONValue]
        switch object {
        case .object(let members):
            if case .array(let contents)? = members.first(where: { $0.key == "contents" })?.value {
                services = contents
            } else {
                services = [object]
            }
        case .array(let list):
            services = list
        default:
            throw LotseError(.invalidInput, "\(source): erwartet wird eine HSDS-Seite, eine Liste von Angeboten oder ein Angebot")
        }
        for (index, item) in services.enumerated() {
            guard case .object(let service) = item else {
                importer.rejectRow(table: "service", source: source, line: index + 1, message: "Eintrag \(index + 1) ist kein JSON-Objekt")
                continue
            }
            try importObject(service, table: "service", source: source, line: index + 1)
            importer.options.progress?(source, index + 1, services.count)
        }
        try resolvePending()
    }

    /// Flattens one object tree and imports its rows in dependency order; rows already written
    /// by this import (shared organizations, locations, vocabularies) are skipped.
    func importObject(_ object: [(key: String, value: JSONValue)], table: String, source: String, line: Int) throws {
        var rows: [String: [[String: String]]] = [:]
        var seen: [String: Set<String>] = [:]
        flatten(object, table: table, parent: nil, into: &rows, seen: &seen)
        for (name, _) in TableSpecs.order {
            guard let list = rows[name] else { continue }
            if name == "cooperation" {
                cooperations += list.map { ($0, source, line) }
                continue
            }
            try importRows(name, list, source: source, line: line)
        }
    }

    /// Imports `list` into table `name`, leaving out rows this import has written already;
    /// optional references to rows not (yet) there wait in `pending`.
    private func importRows(_ name: String, _ list: [[String: String]], source: String, line: Int) throws {
        let entry = try session(name, source: source)
        for row in list {
            if let id = row["id"], importer.hasWritten(name, id: id) { continue }
            var values = [String?](repeating: nil, count: entry.columns.count)
            for (key, value) in row {
                if let index = entry.columns[key] {
                    if let spec = entry.spec.columns.first(where: { $0.name == key }), let target = spec.references,
                       !spec.required, !value.isEmpty, let id = row["id"], !(try importer.exists(value, in: target)) {
                        pending.append((name, id, key, target, value, source, line))
                        continue
                    }
                    values[index] = value
                } else if ignoredKeys.insert("\(name).\(key)").inserted && !TableImporter.ignoredColumns.contains(key) {
                    importer.note("\(source): unbekanntes Feld \(name).\(key) ignoriert")
                }
            }
            try importer.importRow(entry.session, values, line: line)
        }
    }

    private func flatten(_ object: [(key: String, value: JSONValue)], table: String, parent: (table: String, id: String)?,
                         into rows: inout [String: [[String: String]]], seen: inout [String: Set<String>]) {
        // A shared object (an organization, a location with everything nested in it, a
        // vocabulary entry) that an earlier line already brought is skipped whole.
        if Self.sharedTables.contains(table), case .string(let id)? = object.first(where: { $0.key == "id" })?.value,
           importer.hasWritten(table, id: id) {
            return
        }
        var row: [String: String] = [:]
        var nested: [(String, JSONValue)] = []
        for (key, value) in object {
            switch value {
            case .string(let text): row[key] = text
            case .number(let text): row[key] = text
            case .bool(let flag): row[key] = flag ? "true" : "false"
            case .null: continue
            case .object, .array: if !Self.skippedKeys.contains(key) { nested.append((key, value)) }
            }
        }
        if let parent, parent.table != table {
            let foreignKey = parent.table + "_id"
            if row[foreignKey] == nil && Self.tableHasColumn(table, foreignKey) { row[foreignKey] = parent.id }
            if table == "attribute" && row["link_id"] == nil {
                row["link_id"] = parent.id
                row["link_entity"] = row["link_entity"] ?? parent.table
            }
        }
        let id = row["id"] ?? ""
        // Ancestors (`parent`) first, so that the child's parent_id finds them.
        for (key, value) in nested where key == "parent" {
            if case .object(let ancestor) = value { flatten(ancestor, table: table, parent: nil, into: &rows, seen: &seen) }
        }
        if id.isEmpty || seen[table, default: []].insert(id).inserted { rows[table, default: []].append(row) }
        for (key, value) in nested where key != "parent" {
            guard let child = Self.childTables[key] else { continue }
            let items: [JSONValue]
            if case .array(let list) = value { items = list } else { items = [value] }
            for item in items {
                if case .object(let childObject) = item {
                    flatten(childObject, table: child, parent: id.isEmpty ? nil : (table, id), into: &rows, seen: &seen)
                }
            }
        }
    }

    private func session(_ table: String, source: String) throws -> (session: TableImporter.Session, columns: [String: Int], spec: TableSpec) {
        if let known = sessions[table] { return known }
        guard let spec = importer.specs.table(table) else { throw LotseError(.invalidInput, "unbekannte Tabelle \(table)") }
        let names = spec.columns.map(\.name)
        let session = try importer.begin(table: table, source: source, columns: names)
        let entry = (session, Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }), spec)
        sessions[table] = entry
        return entry
    }

    private static func tableHasColumn(_ table: String, _ column: String) -> Bool {
        foreignKeys[table]?.contains(column) == true
    }

    /// The parent foreign keys that nested HSDS objects may leave out.
    static let foreignKeys: [String: Set<String>] = [
        "phone": ["location_id", "service_id", "organization_id", "contact_id", "service_at_location_id"],
        "schedule": ["service_id", "location_id", "service_at_location_id"],
        "service_area": ["service_id", "service_at_location_id"],
        "service_at_location": ["service_id"], "language": ["service_id", "location_id", "phone_id"],
        "funding": ["organization_id", "service_id"], "cost_option": ["service_id"], "required_document": ["service_id"],
        "contact": ["organization_id", "service_id", "service_at_location_id", "location_id"],
        "service_capacity": ["service_id"], "url": ["organization_id", "service_id"], "location": ["organization_id"],
        "address": ["location_id"], "accessibility": ["location_id"], "program": ["organization_id"],
        "organization_identifier": ["organization_id"], "service": ["organization_id"],
        "taxonomy_term": ["taxonomy_id"],
    ]
}

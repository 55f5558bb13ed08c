// DataPackageExporter: writes the HSDS CSV data package — datapackage.json listing one
// resource per table (HSDS tables, the DE profile's columns and its sozialraeume.csv and
// cooperations.csv) and one CSV per table — streaming rows per organization into all files at
// once, so memory stays constant. DataPackageImporter reads it back.
import Foundation
import SQLite

/// Exports HSDS CSV data packages.
public enum DataPackageExporter {
    /// The tables of a package, in dependency order.
    public static var tables: [(table: String, file: String)] {
        TableSpecs.order.filter { !OrganizationBundle.unexportedTables.contains($0.0) }.map { ($0.0, $0.1) }
    }

    /// Writes the package into `directory` (created if missing; existing package files are
    /// replaced). Returns the plan.
    @discardableResult
    public static func export(_ exporter: DirectoryExporter, to directory: String) throws -> ExportPlan {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var handles: [String: FileHandle] = [:]
        defer { for handle in handles.values { try? handle.close() } }
        var sinks: [String: ExportSink] = [:]
        for (table, file) in tables {
            let path = (directory as NSString).appendingPathComponent(file)
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw LotseError(.unusableData, "\(path) kann nicht geschrieben werden.")
            }
            handles[table] = handle
            sinks[table] = ExportSink.file(handle)
        }
        let plan = try exporter.withLargerCache { try writeTables(exporter, sinks: sinks) }
        for sink in sinks.values { try sink.finish() }
        let descriptor = try descriptor(exporter)
        try Data(descriptor.utf8).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("datapackage.json")))
        return plan
    }

    /// Writes the CSV of each table in `sinks` (header and rows); tables without a sink are
    /// skipped (the web offers single tables).
    @discardableResult
    public static func writeTables(_ exporter: DirectoryExporter, sinks: [String: ExportSink]) throws -> ExportPlan {
        let db = exporter.db
        var columns: [String: [String]] = [:]
        for (table, sink) in sinks {
            columns[table] = try TableColumns.of(table, in: db)
            try CSVWriter(sink: sink).write(columns[table]!.map { Optional($0) })
        }
        for table in DirectoryXML.vocabularyTables {
            guard let sink = sinks[table] else { continue }
            try exporter.forEachRecord(table) { try CSVWriter(sink: sink).write($0.values) }
        }
        let plan = try ExportPlan.make(exporter.scope, reader: exporter.reader)
        let reader = exporter.reader
        let needsBundles = sinks.keys.contains { !DirectoryXML.vocabularyTables.contains($0) }
        guard needsBundles else { return plan }
        for (index, entry) in plan.organizations.enumerated() {
            guard let bundle = try OrganizationBundle.read(entry.id, services: entry.services, reader: reader) else { continue }
            for (table, records) in bundle.rows(planned: plan.organizationIDs) {
                guard let sink = sinks[table] else { continue }
                let writer = CSVWriter(sink: sink)
                for record in records { try writer.write(record.values) }
            }
            exporter.progress?(index + 1, plan.organizations.count)
        }
        return plan
    }

    /// The `datapackage.json` text: one tabular resource per table with its fields, primary
    /// key and foreign keys, plus Lotse's profile marker.
    static func descriptor(_ exporter: DirectoryExporter) throws -> String {
        let specs = try TableSpecs.load(exporter.db)
        var json = JSONWriter(capacity: 64 * 1024)
        json.beginObject()
        json.field("profile", "tabular-data-package")
        json.field("name", "lotse-verzeichnis")
        json.field("title", "Lotse Verzeichnis (HSDS 3.1 CSV-Datenpaket, Profil lotse-de)")
        json.field("created", Timestamp.string(exporter.now))
        json.key("lotse")
        json.beginObject()
        json.field("hsds_version", "3.1")
        json.field("profile", "lotse-de")
        json.field("audience", ["public", "network", "coordinator"][exporter.scope.audience.level.rawValue])
        json.endObject()
        json.key("resources")
        json.beginArray()
        for (table, file) in tables {
            guard let spec = specs.table(table) else { continue }
            json.beginObject()
            json.field("name", table)
            json.field("path", file)
            json.field("profile", "tabular-data-resource")
            json.field("format", "csv")
            json.field("mediatype", "text/csv")
            json.field("encoding", "utf-8")
            json.key("schema")
            json.beginObject()
            json.key("fields")
            json.beginArray()
            for column in spec.columns {
                json.beginObject()
                json.field("name", column.name)
                json.field("type", frictionlessType(column.kind))
                var constraints: [(String, Bool)] = []
                if column.required { constraints.append(("required", true)) }
                if column.name == "id" { constraints.append(("unique", true)) }
                if !constraints.isEmpty || { if case .enumeration = column.kind { return true } else { return false } }() {
                    json.key("constraints")
                    json.beginObject()
                    for (key, value) in constraints { json.key(key); json.bool(value) }
                    if case .enumeration(let values) = column.kind {
                        json.key("enum")
                        json.beginArray()
                        for value in values { json.string(value) }
                        json.endArray()
                    }
                    json.endObject()
                }
                json.endObject()
            }
            json.endArray()
            json.field("primaryKey", "id")
            let references = spec.columns.filter { $0.references != nil && $0.references != "metadata" }
            if !references.isEmpty {
                json.key("foreignKeys")
                json.beginArray()
                for column in references {
                    json.beginObject()
                    json.field("fields", column.name)
                    json.key("reference")
                    json.beginObject()
                    json.field("resource", column.references == table ? "" : column.references!)
                    json.field("fields", "id")
                    json.endObject()
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// The Frictionless field type of a column kind.
    static func frictionlessType(_ kind: ColumnKind) -> String {
        switch kind {
        case .text, .time, .enumeration: "string"
        case .integer: "integer"
        case .real: "number"
        case .date: "date"
        case .datetime: "datetime"
        case .boolean: "boolean"
        }
    }
}

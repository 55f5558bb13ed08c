// DataPackageImporter: reads an HSDS tabular data package (datapackage.json plus CSV files) —
// the official HSDS 3.1 package, Lotse's own exports and the seeds — into a TableImporter,
// removing the formula-protection apostrophe of CSVCell from every data cell.
import Foundation

/// Imports an HSDS CSV data package.
public enum DataPackageImporter {
    /// The parts of a `datapackage.json` the importer uses.
    public struct Descriptor: Sendable {
        /// (table, file path relative to the package) in dependency order.
        public let resources: [(table: String, path: String)]
        /// Resources that name no known table.
        public let unknown: [String]
        /// The custom `lotse` object (sample-data marker, network name), if any.
        public let lotse: [String: String]
        /// The package title.
        public let title: String?
    }

    /// Reads and checks `datapackage.json` in `directory`. Resource paths must stay inside the
    /// package (no absolute paths, no `..`, no URLs).
    public static func descriptor(at directory: String) throws -> Descriptor {
        try descriptor(of: FileTree(folder: directory))
    }

    /// Reads and checks `datapackage.json` of the package `package` (a folder or built in).
    public static func descriptor(of package: FileTree) throws -> Descriptor {
        let path = (package.origin as NSString).appendingPathComponent("datapackage.json")
        guard let data = package.contents("datapackage.json") else {
            throw LotseError(.notFound, "\(package.origin): datapackage.json fehlt oder ist nicht lesbar (ist das ein HSDS-Datenpaket?)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(data))
        } catch {
            throw LotseError(.invalidInput, "\(path): kein gültiges JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any], let resources = root["resources"] as? [[String: Any]] else {
            throw LotseError(.invalidInput, "\(path): \"resources\" fehlt")
        }
        let known = Dictionary(uniqueKeysWithValues: TableSpecs.order.map { ($0.0, $0.1) })
        let byFile = Dictionary(uniqueKeysWithValues: TableSpecs.order.map { ($0.1, $0.0) })
        var found: [String: String] = [:]
        var unknown: [String] = []
        for resource in resources {
            let name = resource["name"] as? String ?? ""
            guard let resourcePath = resource["path"] as? String else {
                throw LotseError(.invalidInput, "\(path): Ressource \(name) ohne \"path\" (nur einzelne Dateipfade werden unterstützt)")
            }
            guard isSafeRelativePath(resourcePath) else {
                throw LotseError(.invalidInput, "\(path): Pfad \(resourcePath) der Ressource \(name) ist nicht erlaubt (nur Dateien innerhalb des Pakets)")
            }
            let table = known[name] != nil ? name : byFile[(resourcePath as NSString).lastPathComponent]
            guard let table else { unknown.append(name.isEmpty ? resourcePath : name); continue }
            if found[table] != nil {
                throw LotseError(.invalidInput, "\(path): Tabelle \(table) ist mehrfach aufgeführt")
            }
            found[table] = resourcePath
        }
        let ordered = TableSpecs.order.compactMap { entry in found[entry.0].map { (entry.0, $0) } }
        var lotse: [String: String] = [:]
        for (key, value) in root["lotse"] as? [String: Any] ?? [:] { lotse[key] = "\(value)" }
        return Descriptor(resources: ordered, unknown: unknown, lotse: lotse, title: root["title"] as? String)
    }

    /// Imports every known resource of the package (or only `tables`) in dependency order.
    @discardableResult
    public static func importPackage(at directory: String, into importer: TableImporter,
                                     only tables: Set<String>? = nil) throws -> Descriptor {
        try importPackage(FileTree(folder: directory), into: importer, only: tables)
    }

    /// Imports every known resource of `package` (a folder, whose files are streamed, or the
    /// built-in seeds) or only `tables`, in dependency order.
    @discardableResult
    public static func importPackage(_ package: FileTree, into importer: TableImporter,
                                     only tables: Set<String>? = nil) throws -> Descriptor {
        let descriptor = try descriptor(of: package)
        for name in descriptor.unknown {
            importer.note("Ressource \(name) ist keine bekannte HSDS-Tabelle und wurde übersprungen")
        }
        for (table, relative) in descriptor.resources where tables?.contains(table) ?? true {
            if let directory = package.folderPath {
                let path = (directory as NSString).appendingPathComponent(relative)
                guard FileManager.default.fileExists(atPath: path) else {
                    throw LotseError(.notFound, "\(relative): Datei fehlt (in datapackage.json aufgeführt)")
                }
                try importFile(path: path, source: relative, table: table, into: importer)
            } else {
                guard let bytes = package.contents(relative) else {
                    throw LotseError(.notFound, "\(relative): Datei fehlt (in datapackage.json aufgeführt)")
                }
                try importFile(open: { CSVReader(bytes: bytes) }, source: relative, table: table, into: importer)
            }
        }
        return descriptor
    }

    /// Imports one CSV file into `table`.
    public static func importFile(path: String, source: String, table: String, into importer: TableImporter) throws {
        try importFile(open: { try CSVReader(path: path) }, source: source, table: table, into: importer)
    }

    /// One record of a CSV file with how far the reader got (for progress).
    struct ReadRecord: Sendable {
        let record: CSVRecord
        let bytesRead: Int
        let totalBytes: Int
    }

    /// Imports the CSV text `open` reads (twice for self-referencing tables) into `table`. The
    /// records are parsed on a background thread ahead of the rows being checked and written.
    static func importFile(open: @escaping @Sendable () throws -> CSVReader, source: String, table: String,
                           into importer: TableImporter) throws {
        let selfReferencing: [String: String] = ["sozialraum": "parent_id", "taxonomy_term": "parent_id", "organization": "parent_organization_id"]
        var ownIDs = Set<String>()
        if selfReferencing[table] != nil {
            let scan = try open()
            // Errors surface in the real pass below; the scan only collects ids.
            if let header = (try? scan.next()) ?? nil, let idColumn = header.fields.firstIndex(of: "id") {
                while let record = (try? scan.next()) ?? nil {
                    if idColumn < record.fields.count { ownIDs.insert(record.fields[idColumn]) }
                }
            }
        }
        let records = ReadAhead<ReadRecord> { emit in
            let reader = try open()
            while let record = try reader.next() {
                guard emit(ReadRecord(record: record, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)) else { return }
            }
        }
        defer { records.cancel() }
        let header: CSVRecord
        var totalBytes = 0
        do {
            guard let first = try records.next() else {
                throw LotseError(.invalidInput, "\(source): Datei ist leer (Kopfzeile fehlt)")
            }
            header = first.record
            totalBytes = first.totalBytes
        } catch let error as CSVError {
            throw LotseError(.invalidInput, "\(source): \(error)")
        }
        if header.invalidEncodingField != nil {
            throw LotseError(.invalidInput, "\(source): Kopfzeile ist nicht UTF-8-kodiert (Datei als UTF-8 speichern)")
        }
        let session = try importer.begin(table: table, source: source, columns: header.fields, ownIDs: ownIDs)
        var lastReport = 0
        do {
            while let next = try records.next() {
                let record = next.record
                totalBytes = next.totalBytes
                if record.fields == [""] { continue }   // blank line
                if let field = record.invalidEncodingField {
                    importer.rejectRow(table: table, source: source, line: record.line,
                                       message: "Feld \(field) ist nicht gültiges UTF-8 (falsche Zeichenkodierung? Datei als UTF-8 speichern)")
                    continue
                }
                try importer.importRow(session, record.fields.map(CSVCell.unprotect), line: record.line)
                if next.bytesRead - lastReport > 1 << 20 {
                    lastReport = next.bytesRead
                    importer.options.progress?(source, next.bytesRead, next.totalBytes)
                }
            }
        } catch let error as CSVError {
            importer.rejectRow(table: table, source: source, line: error.line, message: "\(error.message); Rest der Datei nicht lesbar")
        }
        importer.options.progress?(source, totalBytes, totalBytes)
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("://"), !path.contains("\\"),
              !path.contains("\0") else { return false }
        return !path.split(separator: "/").contains("..")
    }
}

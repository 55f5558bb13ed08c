// ExportFixture: helpers shared by the export and import tests — the seeded sample network in
// a fresh store, exports into memory with a fixed clock, imports that return their report,
// and the directory fingerprint.
import Foundation
import SQLite
import Testing
@testable import LotseCore

/// Export and import helpers.
enum ExportFixture {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The Templates folder (with the shipped XSD).
    static let templates = root.appendingPathComponent("Templates").path
    /// A fixed export time.
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!

    /// A store with the sample network of Seeds/.
    static func seeded() throws -> Fixture {
        let fixture = try Fixture(vocabulary: false)
        try SeedLoader.load(from: root.appendingPathComponent("Seeds").path, into: fixture.store, now: now)
        return fixture
    }

    /// Exports `format` from `fixture` into memory.
    static func export(_ fixture: Fixture, _ format: ExportFormat, scope: ExportScope = ExportScope()) throws -> String {
        let memory = MemoryExport()
        _ = try fixture.store.pool.read { db in
            try DirectoryExporter(db: db, scope: scope, now: now).export(format, to: memory.sink)
        }
        return memory.text
    }

    /// Writes `text` to a temporary file and returns its path.
    static func file(_ text: String, extension ext: String) throws -> String {
        let path = NSTemporaryDirectory() + "lotse-export-\(UUID().uuidString).\(ext)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs an import (`body` feeds the importer) and returns the report, committed or not.
    @discardableResult
    static func importing(_ fixture: Fixture, _ options: ImportOptions = ImportOptions(),
                          _ body: (TableImporter) throws -> Void) throws -> ImportReport {
        do {
            return try fixture.store.pool.write { db in
                let importer = try TableImporter(db: db, specs: try TableSpecs.load(db), options: options, now: now)
                try body(importer)
                return try importer.finish()
            }
        } catch let rolledBack as ImportRolledBack {
            return rolledBack.report
        }
    }

    /// Imports a directory XML file.
    @discardableResult
    static func importXML(_ fixture: Fixture, path: String, organization: String? = nil,
                          _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try importing(fixture, options) { importer in
            try DirectoryXMLImporter(into: importer, organization: organization).importFile(path: path, source: "v.xml", templates: templates)
        }
    }

    /// The directory fingerprint.
    static func fingerprint(_ fixture: Fixture) throws -> String {
        try fixture.store.pool.read { try DirectoryFingerprint.compute($0) }
    }
}

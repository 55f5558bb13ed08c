// HSDS CSV data package export: a package that the importer reads back into an empty database
// and that exports again byte for byte; the descriptor lists every table.
import Foundation
import Testing
@testable import LotseCore

@Suite struct DataPackageExporterTests {
    func export(_ fixture: Fixture) throws -> String {
        let directory = NSTemporaryDirectory() + "lotse-pkg-\(UUID().uuidString)"
        _ = try fixture.store.pool.read { db in
            try DataPackageExporter.export(DirectoryExporter(db: db, scope: ExportScope(), now: ExportFixture.now), to: directory)
        }
        return directory
    }

    @Test func packageRoundTripsIntoAnEmptyDatabase() throws {
        let source = try ExportFixture.seeded()
        let first = try export(source)
        let target = try Fixture(vocabulary: false)
        let report = try ExportFixture.importing(target) { try DataPackageImporter.importPackage(at: first, into: $0) }
        #expect(report.committed && report.problemCount == 0 && report.warningCount == 0, "\(report.summary)")
        let second = try export(target)
        for (_, file) in DataPackageExporter.tables {
            #expect(FileManager.default.contents(atPath: first + "/" + file) == FileManager.default.contents(atPath: second + "/" + file), "\(file) differs")
        }
        let descriptor = try DataPackageImporter.descriptor(at: first)
        #expect(descriptor.resources.map(\.table) == DataPackageExporter.tables.map(\.table))
        #expect(descriptor.resources.contains { $0.path == "sozialraeume.csv" } && descriptor.resources.contains { $0.path == "cooperations.csv" })
    }

    @Test func quotesOnlyWhereNeeded() {
        #expect(CSVWriter.quote("Wohnen") == "Wohnen")
        #expect(CSVWriter.quote("a,b") == "\"a,b\"")
        #expect(CSVWriter.quote("Zeile 1\nZeile 2") == "\"Zeile 1\nZeile 2\"")
        #expect(CSVWriter.quote("Verein \"Elbe\"") == "\"Verein \"\"Elbe\"\"\"")
        #expect(CSVWriter.quote(" Rand") == "\" Rand\"")
    }

    @Test func emptyCellsOfColumnsWithADefaultTakeTheDefault() throws {
        let fixture = try Fixture()
        let directory = NSTemporaryDirectory() + "lotse-pkg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "id,name,description,kind\no1,Verein,,\n".write(toFile: directory + "/organizations.csv", atomically: true, encoding: .utf8)
        try "{\"resources\":[{\"name\":\"organization\",\"path\":\"organizations.csv\"}]}".write(toFile: directory + "/datapackage.json", atomically: true, encoding: .utf8)
        let report = try ExportFixture.importing(fixture) { try DataPackageImporter.importPackage(at: directory, into: $0) }
        #expect(report.committed, "\(report.summary)")
        let row = try fixture.store.pool.read { try $0.queryFirst("SELECT description, kind FROM organization WHERE id = 'o1'") { ($0.string(0), $0.string(1)) } }
        #expect(row?.0 == "" && row?.1 == "traeger")
    }
}

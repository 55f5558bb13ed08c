// The shipped XSD is exactly what the schema generates (set LOTSE_WRITE_XSD=1 to rewrite it).
import Foundation
import Testing
@testable import LotseCore

@Suite struct DirectoryXMLSchemaTests {
    @Test func shippedSchemaMatchesTheDatabaseSchema() throws {
        let fixture = try Fixture(vocabulary: false)
        let generated = try fixture.store.pool.read { DirectoryXMLSchema.generate(try TableSpecs.load($0)) }
        let path = ExportFixture.templates + "/" + DirectoryXML.schemaFile
        if ProcessInfo.processInfo.environment["LOTSE_WRITE_XSD"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        #expect(shipped == generated, "Templates/\(DirectoryXML.schemaFile) is stale: run the tests with LOTSE_WRITE_XSD=1")
    }

    @Test func schemaCompiles() throws {
        _ = try DirectoryXMLImporter.loadSchema(templates: FileTree(folder: ExportFixture.templates))
    }
}

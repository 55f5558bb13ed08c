// Directory XML import: round trip, and hostile or broken documents, each refused with its
// exact message and the database left unchanged.
import Foundation
import Testing
@testable import LotseCore

@Suite struct DirectoryXMLImporterTests {
    static let ns = DirectoryXML.namespace

    @Test func exportImportExportIsIdentical() throws {
        let source = try ExportFixture.seeded()
        let first = try ExportFixture.export(source, .xml)
        let target = try Fixture(vocabulary: false)
        let report = try ExportFixture.importXML(target, path: try ExportFixture.file(first, extension: "xml"))
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        #expect(report.warningCount == 0, "\(report.warnings)")
        #expect(try ExportFixture.export(target, .xml) == first)
        // A second import changes nothing.
        let again = try ExportFixture.importXML(target, path: try ExportFixture.file(first, extension: "xml"))
        #expect(again.totals.unchanged == report.totals.created && again.totals.created == 0 && again.totals.updated == 0)
    }

    /// Imports `xml` into a seeded store and expects it to fail with exactly `message`,
    /// leaving the directory unchanged.
    func expectRefused(_ xml: String, _ message: String) throws {
        let fixture = try ExportFixture.seeded()
        let before = try ExportFixture.fingerprint(fixture)
        let path = try ExportFixture.file(xml, extension: "xml")
        let error = #expect(throws: LotseError.self) { try ExportFixture.importXML(fixture, path: path) }
        #expect(error?.message == message)
        #expect(try ExportFixture.fingerprint(fixture) == before)
    }

    static let refusedDoctype = "v.xml Zeile 2: DOCTYPE-Deklaration gefunden – DTDs und Entitäten sind aus Sicherheitsgründen nicht erlaubt (nichts importiert)"

    @Test func refusesExternalEntities() throws {
        try expectRefused("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE directory [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <directory xmlns="\(Self.ns)" version="1"><organization id="o1"><name>&xxe;</name></organization></directory>
            """, Self.refusedDoctype)
    }

    @Test func refusesBillionLaughs() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
        try expectRefused("""
            <?xml version="1.0"?>
            <!DOCTYPE directory [\(entities)]>
            <directory xmlns="\(Self.ns)" version="1"><organization id="o1"><name>&lol9;</name></organization></directory>
            """, Self.refusedDoctype)
    }

    @Test func refusesAnExternalDTD() throws {
        try expectRefused("""
            <?xml version="1.0"?>
            <!DOCTYPE directory SYSTEM "http://example.org/lotse.dtd">
            <directory xmlns="\(Self.ns)" version="1"/>
            """, Self.refusedDoctype)
    }

    @Test func libxml2AloneNeitherLoadsNorExpandsEntities() throws {
        // Defence in depth: even past the DOCTYPE check, the reader leaves &xxe; unexpanded.
        let path = try ExportFixture.file("""
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <d>&xxe;&b;</d>
            """, extension: "xml")
        let reader = try XMLStreamReader(path: path)
        var text = ""
        var types: [Int32] = []
        while reader.read() {
            types.append(reader.nodeType)
            if reader.nodeType == XMLStreamReader.element, let value = reader.expand() { text += value.text }
        }
        #expect(!text.contains("root:") && !text.contains("aaaa"))
        #expect(types.contains(XMLStreamReader.documentType))
    }

    @Test func malformedXMLNamesLineAndColumn() throws {
        try expectRefused("""
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="\(Self.ns)" version="1">
              <organization id="o1">
                <name>Verein</name>
              </organisation>
            </directory>
            """, "v.xml Zeile 5, Spalte 18: Opening and ending tag mismatch: organization line 3 and organisation")
    }

    @Test func xsdErrorsNameLineColumnAndField() throws {
        try expectRefused("""
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="\(Self.ns)" version="1">
              <organization id="o1">
                <name>Verein</name>
                <location id="l1">
                  <latitude>north</latitude>
                </location>
              </organization>
            </directory>
            """, "v.xml Zeile 6, Spalte 33: Element 'latitude': 'north' is not a valid value of the atomic type 'xs:double'.")
    }

    @Test func xsdRequiresFieldsInSchemaOrder() throws {
        try expectRefused("""
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="\(Self.ns)" version="1">
              <organization id="o1">
                <description>Ohne Namen</description>
              </organization>
            </directory>
            """, "v.xml Zeile 4, Spalte 17: Element 'description': This element is not expected. Expected is ( name ).")
    }

    @Test func wrongNamespaceIsRefused() throws {
        try expectRefused("""
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="https://example.org/anders" version="1"/>
            """, "v.xml Zeile 2: Wurzelelement »directory« im Namensraum »https://example.org/anders« – erwartet wird »directory« im Namensraum »\(Self.ns)«")
    }

    @Test func unknownAndDuplicateIdsRejectEverything() throws {
        let fixture = try ExportFixture.seeded()
        let before = try ExportFixture.fingerprint(fixture)
        let path = try ExportFixture.file("""
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="\(Self.ns)" version="1">
              <organization id="o1">
                <name>Neuer Verein</name>
                <service id="s1">
                  <organization_id>o9</organization_id>
                  <name>X</name>
                </service>
                <service id="s2">
                  <organization_id>o1</organization_id>
                  <name>Y</name>
                </service>
                <service id="s2">
                  <organization_id>o1</organization_id>
                  <name>Z</name>
                </service>
              </organization>
            </directory>
            """, extension: "xml")
        let report = try ExportFixture.importXML(fixture, path: path)
        #expect(!report.committed)
        #expect(report.problems.map(\.description) == [
            "v.xml Zeile 5: Feld organization_id: unbekannte id o9 (organization)",
            "v.xml Zeile 13: id s2 kommt mehrfach vor",
        ])
        #expect(try ExportFixture.fingerprint(fixture) == before)
    }
}

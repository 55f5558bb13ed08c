// A provider's import (directory XML restricted to one organization, `lotse import xml
// --organization`): its own entries are imported; rows of other organizations, and attempts to
// take over their entries, are rejected and nothing is stored.
import Foundation
import Testing
@testable import LotseCore

@Suite struct OrganizationGuardTests {
    static let own = "7ef6f31b-4815-50d1-a58f-56eddcf3a873"       // Frauenzuflucht an der Weser
    static let other = "710eb1be-7caa-5130-9e7a-e745daee8ab4"     // Nachbarschaftswerk Weser

    func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <directory xmlns="\(DirectoryXML.namespace)" version="1">
        \(body)
        </directory>
        """
    }

    @Test func ownExportCanBeUploadedAgain() throws {
        let fixture = try ExportFixture.seeded()
        let xml = try ExportFixture.export(fixture, .xml, scope: ExportScope(.organization(Self.own), audience: Audience(level: .public, organizations: [Self.own])))
        let changed = xml.replacingOccurrences(of: "<name>Frauenzuflucht an der Weser e. V.</name>", with: "<name>Frauenzuflucht Weser e. V.</name>")
        let report = try ExportFixture.importXML(fixture, path: try ExportFixture.file(changed, extension: "xml"), organization: Self.own)
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        #expect(report.counts(of: "organization").updated == 1)
        #expect(report.counts(of: "sozialraum").created == 0)
        #expect(try fixture.store.pool.read { try $0.scalarString("SELECT name FROM organization WHERE id = ?", Self.own) } == "Frauenzuflucht Weser e. V.")
    }

    @Test func rowsOfOtherOrganizationsAreRejected() throws {
        let fixture = try ExportFixture.seeded()
        let before = try ExportFixture.fingerprint(fixture)
        let otherService = try #require(try fixture.store.pool.read { try $0.scalarString("SELECT id FROM service WHERE organization_id = ? ORDER BY id LIMIT 1", Self.other) })
        let xml = document("""
              <organization id="\(Self.other)">
                <name>Übernommen</name>
              </organization>
              <organization id="\(Self.own)">
                <name>Frauenzuflucht an der Weser e. V.</name>
                <service id="\(otherService)">
                  <organization_id>\(Self.own)</organization_id>
                  <name>Gekapert</name>
                </service>
                <service id="neu-1">
                  <organization_id>\(Self.other)</organization_id>
                  <name>Fremd</name>
                </service>
                <service id="neu-2">
                  <organization_id>\(Self.own)</organization_id>
                  <name>Eigenes neues Angebot</name>
                </service>
              </organization>
            """)
        let report = try ExportFixture.importXML(fixture, path: try ExportFixture.file(xml, extension: "xml"), organization: Self.own)
        #expect(!report.committed)
        #expect(report.problems.map(\.description) == [
            "v.xml Zeile 3: nur die eigene Organisation \(Self.own) darf hochgeladen werden, nicht \(Self.other)",
            "v.xml Zeile 8: service \(otherService) gehört zu einer anderen Organisation",
            "v.xml Zeile 12: service neu-1 gehört nicht zur Organisation \(Self.own)",
        ])
        #expect(report.counts(of: "service").created == 1)
        #expect(try ExportFixture.fingerprint(fixture) == before)
    }

    @Test func vocabulariesAreOnlyReferenced() throws {
        let fixture = try ExportFixture.seeded()
        let xml = document("""
              <sozialraum id="neu-sozialraum">
                <code>neu</code>
                <name>Neu</name>
                <level>stadt</level>
              </sozialraum>
              <organization id="\(Self.own)">
                <name>Frauenzuflucht an der Weser e. V.</name>
              </organization>
            """)
        let report = try ExportFixture.importXML(fixture, path: try ExportFixture.file(xml, extension: "xml"), organization: Self.own)
        #expect(!report.committed)
        #expect(report.problems.map(\.description) == ["v.xml Zeile 3: sozialraum neu-sozialraum ist unbekannt; Vokabulare und Sozialräume pflegt die Koordination"])
    }
}

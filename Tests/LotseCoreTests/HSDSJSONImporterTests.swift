// HSDS JSON import: JSON lines and Page documents round trip into an empty database; broken
// lines are rejected with their line number and nothing is stored.
import Foundation
import Testing
@testable import LotseCore

@Suite struct HSDSJSONImporterTests {
    @Test func jsonLinesRoundTripIntoAnEmptyDatabase() throws {
        let source = try ExportFixture.seeded()
        let lines = try ExportFixture.export(source, .hsdsNDJSON)
        let target = try Fixture(vocabulary: false)
        let path = try ExportFixture.file(lines, extension: "ndjson")
        let report = try ExportFixture.importing(target) { try HSDSJSONImporter(into: $0).importLines(path: path, source: "a.ndjson") }
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        #expect(report.warningCount == 0, "\(report.warnings)")
        #expect(try ExportFixture.export(target, .hsdsNDJSON) == lines)
        #expect(report.counts(of: "service").created == lines.split(separator: "\n").count)
    }

    @Test func pageDocumentRoundTrips() throws {
        let source = try ExportFixture.seeded()
        let page = try ExportFixture.export(source, .hsdsJSON)
        let target = try Fixture(vocabulary: false)
        let path = try ExportFixture.file(page, extension: "json")
        let report = try ExportFixture.importing(target) { try HSDSJSONImporter(into: $0).importDocument(path: path, source: "a.json") }
        #expect(report.committed && report.problemCount == 0, "\(report.summary)")
        #expect(try ExportFixture.export(target, .hsdsJSON) == page)
    }

    @Test func brokenLinesAreRejectedWithTheirNumbers() throws {
        let fixture = try ExportFixture.seeded()
        let before = try ExportFixture.fingerprint(fixture)
        let path = try ExportFixture.file("""
            {"id":"s1","name":"Gut","status":"active","organization_id":"o1","organization":{"id":"o1","name":"Verein"}}

            {"id":"s2","name":
            [1,2]
            {"id":"s3","name":"Ohne Organisation","status":"active","organization_id":"o9"}
            """, extension: "ndjson")
        let report = try ExportFixture.importing(fixture) { try HSDSJSONImporter(into: $0).importLines(path: path, source: "a.ndjson") }
        #expect(!report.committed)
        #expect(report.problems.map(\.description) == [
            "a.ndjson Zeile 3: kein gültiges JSON (Spalte 19: unerwartetes Ende)",
            "a.ndjson Zeile 4: Zeile ist kein JSON-Objekt",
            "a.ndjson Zeile 5: Feld organization_id: unbekannte id o9 (organization)",
        ])
        #expect(try ExportFixture.fingerprint(fixture) == before)
    }

    @Test func nestedObjectsWithoutForeignKeysAreLinkedToTheirParent() throws {
        let fixture = try Fixture()
        let path = try ExportFixture.file("""
            {"id":"s1","name":"Beratung","status":"active","organization":{"id":"o1","name":"Verein"},"organization_id":"o1",\
            "phones":[{"id":"p1","number":"+49 30 123"}],"attributes":[{"id":"a1","taxonomy_term_id":"n-ber"}]}
            """, extension: "ndjson")
        let report = try ExportFixture.importing(fixture) { try HSDSJSONImporter(into: $0).importLines(path: path, source: "a.ndjson") }
        #expect(report.committed, "\(report.summary)")
        let linked = try fixture.store.pool.read { db in
            (try db.scalarString("SELECT service_id FROM phone WHERE id = 'p1'"), try db.scalarString("SELECT link_entity || ':' || link_id FROM attribute WHERE id = 'a1'"))
        }
        #expect(linked.0 == "s1" && linked.1 == "service:s1")
        #expect(try fixture.search(SearchQuery(text: "beratung")) == ["s1"])
    }
}

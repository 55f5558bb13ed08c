// Downloads through the store: a whole format, one table of the CSV data package, and unknown
// search codes refused before a download starts.
import Foundation
import Testing
@testable import LotseCore

@Suite struct DirectoryDownloadTests {
    @Test func writesAFormatOrOneTable() throws {
        let fixture = try Fixture()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let organization = try fixture.organization("Träger A")
        try fixture.service("Mittagstisch Gruna", organization: organization, area: "dd-gr")
        let download = DirectoryDownload(store: fixture.store, now: Fixture.now)
        let json = MemoryExport()
        try download.write(.hsdsJSON, scope: ExportScope(), to: json.sink)
        #expect(json.text.contains("Mittagstisch Gruna"))
        let csv = MemoryExport()
        try download.write(.hsdsCSV, scope: ExportScope(), table: "service", to: csv.sink)
        let text = csv.text
        #expect(text.split(separator: "\n").count == 2 && text.contains("Mittagstisch Gruna") && !text.contains("Träger A"))
    }

    @Test func unknownSearchCodesAreRefused() throws {
        let fixture = try Fixture()
        defer { withExtendedLifetime(fixture) {} }   // the fixture closes its store on deinit
        let download = DirectoryDownload(store: fixture.store, now: Fixture.now)
        var query = SearchQuery(text: "")
        query.sozialraum = "gibt-es-nicht"
        let refused = #expect(throws: LotseError.self) { try download.check(query) }
        #expect(refused?.kind == .invalidInput)
    }
}

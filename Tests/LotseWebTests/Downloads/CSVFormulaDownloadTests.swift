// CSV formula injection through the web: a provider's free-places note `=HYPERLINK(…)` (applied
// without review) comes out with a leading apostrophe in every CSV download — the whole
// directory, a search and one organization.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite struct CSVFormulaDownloadTests {
    /// The body of a download, streamed or not.
    func download(_ fixture: WebFixture, _ target: String) throws -> (Int, String) {
        let response = try fixture.app.handler(Request(target: target))
        switch response.body {
        case .bytes(let bytes): return (response.status, String(decoding: bytes, as: UTF8.self))
        case .stream(let write):
            let writer = CollectingWriter()
            try write(writer)
            return (response.status, String(decoding: writer.bytes, as: UTF8.self))
        }
    }

    @Test func aFormulaInACapacityNoteIsWrittenAsText() throws {
        let fixture = try WebFixture(seeds: true)
        let organization = try #require(try fixture.store.pool.read { try $0.scalarString("SELECT organization_id FROM service WHERE id = ?", SeedIDs.dayCare) })
        let provider = try WebClient.signedIn(fixture, try WebClient.account(fixture, email: "tagespflege@example.org", role: .provider,
                                                                             organizations: [organization]))
        let saved = try provider.submitForm("/pflege/angebote/\(SeedIDs.dayCare)/plaetze") {
            $0["capacity_status"] = "available"
            $0["frei-0"] = "2"
            $0["capacity_note"] = "=HYPERLINK(\"http://x\")"
        }
        #expect(saved.status == 303)
        let protected = ",\"'=HYPERLINK(\"\"http://x\"\")\""
        for target in ["/export/csv", "/export/csv?tabelle=service", "/suche/export/csv", "/organisationen/\(organization)/export/csv"] {
            let (status, body) = try download(fixture, target)
            #expect(status == 200, "\(target)")
            #expect(body.contains(protected), "\(target)")
            #expect(!body.contains(",\"=HYPERLINK"), "\(target)")
        }
    }
}

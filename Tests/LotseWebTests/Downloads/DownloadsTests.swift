// Downloads in process: content types, file names, streamed bodies for the whole directory, a
// search and one organization; 400/404 for bad formats, parameters and organizations.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

/// Collects a streamed body.
final class CollectingWriter: BodyWriter {
    var bytes: [UInt8] = []
    func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
}

@Suite struct DownloadsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A web app on a fresh copy of the seeded network.
    func app() throws -> (WebApp, String) {
        let path = NSTemporaryDirectory() + "lotse-web-\(UUID().uuidString).db"
        let store = try Store.open(path: path)
        try SeedLoader.load(from: Self.root.appendingPathComponent("Seeds").path, into: store)
        let app = try WebApp(store: store, configuration: WebConfiguration(templatesDirectory: Self.root.appendingPathComponent("Templates").path))
        return (app, path)
    }

    func get(_ app: WebApp, _ target: String) throws -> (Response, String) {
        let response = try app.handler(Request(target: target))
        switch response.body {
        case .bytes(let bytes): return (response, String(decoding: bytes, as: UTF8.self))
        case .stream(let write):
            let writer = CollectingWriter()
            try write(writer)
            return (response, String(decoding: writer.bytes, as: UTF8.self))
        }
    }

    @Test(arguments: [
        ("vcard", "text/vcard; charset=utf-8", "lotse-verzeichnis.vcf", "BEGIN:VCARD\r\nVERSION:3.0"),
        ("vcard4", "text/vcard; charset=utf-8", "lotse-verzeichnis-v4.vcf", "BEGIN:VCARD\r\nVERSION:4.0"),
        ("xcard", "application/vcard+xml", "lotse-verzeichnis.xcard.xml", "<vcards xmlns=\"urn:ietf:params:xml:ns:vcard-4.0\">"),
        ("xml", "application/xml", "lotse-verzeichnis.xml", "<directory xmlns=\"https://lotse.example.org/ns/verzeichnis/1\""),
        ("hsds-json", "application/json", "lotse-verzeichnis.json", "{\"total_items\":"),
        ("hsds-ndjson", "application/x-ndjson", "lotse-verzeichnis.ndjson", "{\"id\":"),
        ("csv", "text/csv; charset=utf-8", "lotse-verzeichnis-services.csv", "id,organization_id,program_id,name"),
    ])
    func wholeDirectoryInEveryFormat(_ format: String, _ type: String, _ file: String, _ start: String) throws {
        let (app, path) = try app()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (response, body) = try get(app, "/export/\(format)")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == type)
        #expect(response.headers["Content-Disposition"] == "attachment; filename=\"\(file)\"")
        #expect(body.contains(start))
        #expect(!body.contains("Koordination Frauenhaus") && !body.contains("Anschrift vertraulich"))
    }

    @Test func searchResultAndSingleOrganization() throws {
        let (app, path) = try app()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (search, lines) = try get(app, "/suche/export/hsds-ndjson?q=schuldnerberatung&sozialraum=bremen")
        #expect(search.headers["Content-Disposition"] == "attachment; filename=\"lotse-suche.ndjson\"")
        // The synonym list widens "schuldnerberatung" to debts, insolvency and garnishment.
        #expect(!lines.isEmpty && lines.split(separator: "\n").allSatisfy { line in
            ["schuld", "insolvenz", "pfändung"].contains { line.lowercased().contains($0) }
        })
        let (organization, card) = try get(app, "/organisationen/7ef6f31b-4815-50d1-a58f-56eddcf3a873/export/vcard")
        #expect(organization.headers["Content-Disposition"] == "attachment; filename=\"lotse-frauenzuflucht-an-der-weser-e-v.vcf\"")
        #expect(card.hasPrefix("BEGIN:VCARD\r\n") && card.contains("FN:Frauenzuflucht an der Weser e. V.\r\n"))
    }

    @Test(arguments: [("/export/pdf", 404), ("/organisationen/unbekannt/export/vcard", 404),
                      ("/suche/export/vcard?sozialraum=atlantis", 400), ("/suche/export/vcard?art=raumschiff", 400),
                      ("/export/csv?tabelle=referral", 400)])
    func mistakesAreAnsweredBeforeTheDownloadStarts(_ target: String, _ status: Int) throws {
        let (app, path) = try app()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try get(app, target).0.status == status)
    }
}

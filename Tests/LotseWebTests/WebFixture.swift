// WebFixture: a Lotse site in process — a store on a temporary file (the real Seeds/ or a
// hand-made directory), the templates of the repository and a fixed clock — answering requests
// through WebApp.handler without sockets.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

/// A running site for page tests.
final class WebFixture: Sendable {
    /// The repository root, found from this file.
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A fixed "now": Wednesday 2026-11-18, 10:30 in Berlin.
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!

    /// The sample network, loaded once and shared by the read-only tests.
    static let seeded: WebFixture = {
        do { return try WebFixture(seeds: true) } catch { fatalError("seeded fixture: \(error)") }
    }()

    /// The database file.
    let path: String
    /// The store on it.
    let store: Store
    /// The site under test.
    let app: WebApp

    /// Where mails the site sends are appended (sendmail replaced by `tee -a`).
    let mailbox: String

    /// A fresh store, with the sample network when `seeds` is true; `setup` runs SQL scripts
    /// on it (and refreshes the search documents) before the site starts. `environment` adds to
    /// (or replaces) the site's settings, e.g. LOTSE_TRUSTED_PROXIES or LOTSE_SENDMAIL.
    init(seeds: Bool, setup: [String] = [], environment: [String: String] = [:], publicURL: String = "http://127.0.0.1:8080") throws {
        mailbox = NSTemporaryDirectory() + "lotse-mail-\(UUID().uuidString).mbox"
        path = NSTemporaryDirectory() + "lotse-web-\(UUID().uuidString).db"
        store = try Store.open(path: path)
        if seeds { try SeedLoader.load(from: Self.repository + "/Seeds", into: store, now: Self.now) }
        if !setup.isEmpty {
            try store.pool.write { db in
                for statement in setup { try db.executeScript(statement) }
                try SearchDocuments.refresh(db)
            }
        }
        let settings = ["LOTSE_SENDMAIL": "/usr/bin/tee -a \(mailbox)"].merging(environment) { $1 }
        app = try WebApp(store: store, configuration: WebConfiguration(publicURL: publicURL, templatesDirectory: Self.repository + "/Templates",
                                                                       environment: settings),
                         now: { WebFixture.now })
    }

    deinit {
        try? store.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(atPath: mailbox)
    }

    /// Every mail sent so far (the site sends queued mails right away while no background
    /// sender runs), concatenated, with quoted-printable soft line breaks removed
    /// (so that links can be found whole).
    var mails: String {
        ((try? String(contentsOfFile: mailbox, encoding: .utf8)) ?? "").replacingOccurrences(of: "=\r\n", with: "")
    }

    /// Answers `GET target` (already percent-encoded where needed).
    func get(_ target: String) throws -> (status: Int, body: String, headers: HTTPHeaders) {
        let response = try app.handler(try Request(method: "GET", target: target))
        guard case .bytes(let bytes) = response.body else {
            Issue.record("streamed body for \(target)")
            return (response.status, "", response.headers)
        }
        return (response.status, String(decoding: bytes, as: UTF8.self), response.headers)
    }

    /// The page's HTML, expecting status 200.
    func html(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let (status, body, _) = try get(target)
        #expect(status == 200, "GET \(target) → \(status)", sourceLocation: sourceLocation)
        return body
    }

    /// The JSON twin of a page, parsed, expecting status 200.
    func json(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let (status, body, _) = try get(target)
        #expect(status == 200, "GET \(target) → \(status)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }

    /// A form-encoded query string value.
    static func encode(_ value: String) -> String { URLEncoding.encodeFormComponent(value) }
}

/// Well-known ids of the sample network (Seeds/).
enum SeedIDs {
    /// "Tagespflege Vahrer Stube": capacity counts, cost option, required documents.
    static let dayCare = "a338370c-75df-5125-bf9f-ddf7de90eb44"
    /// "Frauenhaus – Schutzunterkunft …": one internal location, a public hotline.
    static let shelter = "764b00cd-c5fe-511c-a3f6-52476ac5b237"
    /// "Frauenzuflucht an der Weser e. V."
    static let shelterOrganization = "7ef6f31b-4815-50d1-a58f-56eddcf3a873"
    /// "Wohnungsgesellschaft Weserufer GmbH", the shelter's housing partner.
    static let housingCompany = "c0e614a8-6d51-5a82-96e2-0e7b76d2ca87"
    /// Strings of the shelter's internal location that must never reach a public page.
    static let confidential = ["Am Schutzhof 1", "Schutzunterkunft der Frauenzuflucht", "+49 221 4710 754", "Koordination Frauenhaus"]
}

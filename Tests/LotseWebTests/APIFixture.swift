// APIFixture: the web application in process on a temporary store seeded with Seeds/, and a
// helper that answers one request and returns status, headers and the whole body.
import Foundation
import HTTP
import LotseCore
import LotseWeb

/// A seeded store and the WebApp over it, removed on deinit.
final class APIFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Wednesday 2026-11-18, 10:30 in Berlin.
    static let now = Timestamp.parse("2026-11-18T09:30:00Z")!

    let path = NSTemporaryDirectory() + "lotse-api-\(UUID().uuidString).db"
    let store: Store
    let app: WebApp

    init() throws {
        store = try Store.open(path: path)
        try SeedLoader.load(from: Self.root.appendingPathComponent("Seeds").path, into: store)
        let now = Self.now
        app = try WebApp(store: store, configuration: WebConfiguration(publicURL: "https://lotse.example.org",
                                                                       templatesDirectory: Self.root.appendingPathComponent("Templates").path),
                         now: { now })
    }

    deinit {
        try? store.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The answer to one request.
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// Sends `GET target` (or another method) through the app's handler.
    func get(_ target: String, method: String = "GET", headers: HTTPHeaders = ["Host": "lotse.example.org"]) throws -> Answer {
        let request = try Request(method: method, target: target, headers: headers)
        let response = try app.handler(request)
        switch response.body {
        case .bytes(let bytes):
            return Answer(status: response.status, headers: response.headers, body: bytes)
        case .stream(let produce):
            let collector = Collector()
            try produce(collector)
            return Answer(status: response.status, headers: response.headers, body: collector.bytes)
        }
    }

    /// An id from the database.
    func id(_ sql: String) throws -> String {
        try store.pool.read { try $0.scalarString(sql) } ?? ""
    }
}

/// Collects a streamed body.
final class Collector: BodyWriter, @unchecked Sendable {
    var bytes: [UInt8] = []
    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
}

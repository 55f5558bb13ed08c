// StaticFiles: the files of Templates/static (stylesheet, XSD), read once at start and
// served from memory with a content type and a validator.
import Foundation
import HTTP
import LotseCore

/// In-memory static assets.
public struct StaticFiles: Sendable {
    /// One asset.
    public struct File: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
        public let etag: String
    }

    private let files: [String: File]

    /// Reads every file of `tree` (Templates/static: built in, or the LOTSE_HOME folder).
    public init(files tree: FileTree) {
        var files: [String: File] = [:]
        for relative in tree.paths() {
            guard let bytes = tree.contents(relative) else { continue }
            files[relative] = File(bytes: bytes, contentType: Self.contentType(relative),
                                   etag: "\"" + Crypto.hex(Array(Crypto.sha256(bytes).prefix(8))) + "\"")
        }
        self.files = files
    }

    /// The response for `name`, honouring If-None-Match; 404 when unknown.
    public func response(_ name: String, request: Request) throws -> Response {
        guard let file = files[name] else { throw HTTPError.notFound }
        if request.headers["If-None-Match"] == file.etag {
            var response = Response(status: 304)
            response.headers["ETag"] = file.etag
            return response
        }
        var response = Response(status: 200, bytes: file.bytes)
        response.headers["Content-Type"] = file.contentType
        response.headers["ETag"] = file.etag
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "xsd", "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

// Downloads: the directory as files — the whole directory, a search result (the /suche
// parameters) or one organization, in every export format — streamed with constant memory and
// named for saving (Content-Disposition). The web reads for the public audience. The CSV data
// package is several files and a zip archive is not available, so the web offers one table of
// it as CSV (`?tabelle=…`, default services); the full package comes from `lotse export hsds-csv`.
import Foundation
import HTTP
import LotseCore

/// The download handlers.
enum Downloads {
    /// The format names in URLs.
    static let formats: [String: ExportFormat] = [
        "vcard": .vcard, "vcard4": .vcard4, "xcard": .xcard, "xml": .xml,
        "hsds-json": .hsdsJSON, "hsds-ndjson": .hsdsNDJSON, "csv": .hsdsCSV,
    ]

    /// `GET /export/:format`: the whole public directory.
    static func directory(_ request: PageRequest) throws -> Response {
        let format = try self.format(request)
        return try download(format, scope: ExportScope(), stem: "lotse-verzeichnis", request: request)
    }

    /// `GET /suche/export/:format`: the services found by the /suche parameters (all pages)
    /// and their organizations.
    static func search(_ request: PageRequest) throws -> Response {
        let format = try self.format(request)
        var (query, _) = try SearchParameters.query(from: request, now: request.context.now())
        query.offset = 0
        query.limit = 0
        // Unknown codes are the user's mistake (400), found before the download starts.
        try DirectoryDownload(store: request.context.store, now: request.context.now()).check(query)
        return try download(format, scope: ExportScope(.search(query)), stem: "lotse-suche", request: request)
    }

    /// `GET /organisationen/:id/export/:format`: one organization with its services.
    static func organization(_ request: PageRequest) throws -> Response {
        let format = try self.format(request)
        let id = request.id
        guard let node = try request.context.read(.public, { try $0.organization(id, detail: .list) }) else {
            throw LotseError(.notFound, "Organisation \(id) gibt es nicht")
        }
        let stem = "lotse-" + slug(node.record.text("name") ?? id)
        return try download(format, scope: ExportScope(.organization(id)), stem: stem, request: request)
    }

    private static func format(_ request: PageRequest) throws -> ExportFormat {
        let name = request.parameter("format")
        guard let format = formats[name] else {
            throw LotseError(.notFound, "Format \(name) gibt es nicht (\(formats.keys.sorted().joined(separator: ", ")))")
        }
        return format
    }

    /// The streamed response of an export.
    static func download(_ format: ExportFormat, scope: ExportScope, stem: String, request: PageRequest) throws -> Response {
        var fileName = format.fileName(stem)
        var chosen: String?
        if format == .hsdsCSV {
            let name = request.queryValue("tabelle") ?? "service"
            guard let entry = DataPackageExporter.tables.first(where: { $0.table == name }) else {
                throw LotseError(.invalidInput, "Tabelle \(name) gibt es nicht (\(DataPackageExporter.tables.map(\.table).joined(separator: ", ")))")
            }
            chosen = entry.table
            fileName = "\(stem)-\(entry.file)"
        }
        let table = chosen
        let download = DirectoryDownload(store: request.context.store, now: request.context.now())
        var response = Response(body: .stream { writer in
            try download.write(format, scope: scope, table: table, to: ExportSink { try writer.write($0) })
        })
        response.headers["Content-Type"] = format.contentType
        response.headers["Content-Disposition"] = "attachment; filename=\"\(fileName)\""
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// An ASCII file-name stem of a name: folded, letters and digits, hyphens between words.
    static func slug(_ name: String) -> String {
        var out = ""
        for character in TextFolding.fold(name) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return String(out.prefix(60))
    }
}

// Site: renders pages into the layout (Templates/layout.html) or, for the JSON twin of a page
// (`/path.json`), writes the same context as JSON; and renders German error pages.
import Foundation
import HTTP
import LotseCore
import Templating

/// Page rendering shared by every page.
public struct Site: Sendable {
    /// The templates.
    public let templates: TemplateLibrary
    /// The static assets.
    public let staticFiles: StaticFiles
    /// The network's name (from the database, or "Lotse").
    public let networkName: String
    /// True when the database holds the fictitious sample network.
    public let isSampleData: Bool
    /// Layout values that depend on the viewer (login state, navigation, CSRF token); set by
    /// WebApp. Never part of a JSON twin.
    public var layoutExtras: @Sendable (Request) -> [String: TemplateValue] = { _ in [:] }

    /// Header that marks a request for a page's JSON twin (set by WebApp, never trusted from
    /// clients for anything but the format).
    static let twinHeader = "X-Lotse-Twin"

    /// True when the request asked for the JSON twin.
    public static func wantsJSON(_ request: Request) -> Bool { request.headers[twinHeader] == "json" }

    /// Renders `template` with `context` in the layout, or the context as JSON for the twin.
    public func page(_ template: String, title: String, context: [String: TemplateValue], request: Request,
                     status: Int = 200) throws -> Response {
        if Self.wantsJSON(request) {
            var twin = context
            twin["title"] = .string(title)
            var response = Response.json(bytes: TemplateValue.object(twin).jsonBytes, status: status)
            response.headers["Vary"] = "Accept"
            return response
        }
        var full = layoutExtras(request)
        for (key, value) in context { full[key] = value }
        full["title"] = .string(title)
        full["networkName"] = .string(networkName)
        full["sampleData"] = .bool(isSampleData)
        full["stylesheet"] = .string(URLs.stylesheet)
        full["jsonURL"] = .string(URLs.json(request.target.isEmpty ? request.path : request.target))
        let html = try templates.render(page: template, layout: "layout", context: .object(full))
        var response = Response.html(html, status: status)
        response.headers["Content-Language"] = "de"
        return response
    }

    /// A German error page (or JSON for twins and the API).
    public func error(status: Int, message: String, request: Request) -> Response {
        if Self.wantsJSON(request) || request.path.hasPrefix("/api") {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("error"); writer.string(message)
            writer.key("status"); writer.number(status)
            writer.endObject()
            return .json(bytes: writer.bytes, status: status)
        }
        let heading: String
        switch status {
        case 400: heading = "Die Anfrage ist fehlerhaft"
        case 403: heading = "Kein Zugriff"
        case 404: heading = "Seite nicht gefunden"
        case 405: heading = "Methode nicht erlaubt"
        case 409: heading = "Konflikt"
        default: heading = "Fehler"
        }
        let context: [String: TemplateValue] = ["heading": .string(heading), "message": .string(message), "status": .int(status)]
        if let response = try? page("error", title: heading, context: context, request: request, status: status) { return response }
        return .text("\(heading): \(message)\n", status: status)
    }
}

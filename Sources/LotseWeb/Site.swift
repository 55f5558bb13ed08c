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
    /// Renders `template` with `context` in the layout, or the context as JSON for the twin.
    public func page(_ template: String, title: String, context: [String: TemplateValue], request: PageRequest,
                     status: Int = 200) throws -> Response {
        if request.wantsJSON {
            var twin = context
            twin["title"] = .string(title)
            var response = Response.json(bytes: TemplateValue.object(twin).jsonBytes, status: status)
            response.headers["Vary"] = "Accept"
            return response
        }
        var full = LayoutExtras.context(request)
        for (key, value) in context { full[key] = value }
        full["title"] = .string(title)
        full["networkName"] = .string(networkName)
        full["sampleData"] = .bool(isSampleData)
        full["stylesheet"] = .string(URLs.stylesheet)
        full["urls"] = URLs.templateValues
        full["jsonURL"] = .string(URLs.json(request.target))
        let html = try templates.render(page: template, layout: "layout", context: .object(full))
        var response = Response.html(html, status: status)
        response.headers["Content-Language"] = "de"
        return response
    }

    /// A German error page (or JSON for twins and the API).
    public func error(status: Int, message: String, request: PageRequest) -> Response {
        if request.wantsJSON || request.path.hasPrefix("/api") {
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
        case 503: heading = "Vorübergehend nicht möglich"
        default: heading = "Fehler"
        }
        let context: [String: TemplateValue] = ["heading": .string(heading), "message": .string(message), "status": .int(status)]
        if let response = try? page("error", title: heading, context: context, request: request, status: status) { return response }
        return .text("\(heading): \(message)\n", status: status)
    }
}

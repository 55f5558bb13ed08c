// HSDSAPI: `GET /api` — the HSDS base object (version, profile, OpenAPI document).
import HTTP
import LotseCore

/// The API root.
enum HSDSAPI {
    /// The HSDS version Lotse speaks.
    static let version = "3.1"
    /// The official OpenAPI document Lotse follows.
    static let openAPIURL = "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json"

    /// `GET /api`.
    static func root(_ request: PageRequest) throws -> Response {
        _ = try APIParameters(request, allowed: [])
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("version", version)
        writer.field("profile", request.context.configuration.publicURL + URLs.apiProfile)
        writer.field("openapi_url", openAPIURL)
        writer.key("lotse_extensions")
        writer.beginObject()
        writer.field("description", "Deutsches Profil: Organisationsart, Mitgliedschaft, Kooperationen, Sozialraum, Kapazität, Prüfung, Sichtbarkeit; als zusätzliche Felder.")
        writer.key("service_filters")
        writer.beginArray()
        for name in ServicesAPI.extensionFilters.sorted() { writer.string(name) }
        writer.endArray()
        writer.endObject()
        writer.endObject()
        return .json(bytes: writer.bytes)
    }
}

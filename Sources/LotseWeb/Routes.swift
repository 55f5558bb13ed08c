// Routes: the one route table of the site. Each entry names the route, says who may call it
// and summarises it in German; help pages and the authorization matrix are generated from it.
import HTTP
import LotseCore

/// A page or API handler: a function of the request and the application context.
public typealias PageHandler = @Sendable (Request, AppContext) throws -> Response

/// The route table.
public enum Routes {
    /// Every route: method, pattern, name, access, summary, handler.
    public static let table: [(method: String, pattern: String, name: String, access: Access, summary: String, handler: PageHandler)] = [
        ("GET", "/", "start", .public, "Startseite mit Suche", StartPage.handle),
        ("GET", "/suche", "search", .public, "Suchergebnisse mit Filtern", SearchPage.handle),
        ("GET", "/suche/druck", "print", .public, "Druckansicht einer Trefferliste für Bürger:innen", PrintPage.handle),
        ("GET", "/angebote/:id", "service", .public, "Angebot", ServicePage.handle),
        ("GET", "/organisationen/:id", "organization", .public, "Organisation mit Angeboten, Standorten und Kooperationen", OrganizationPage.handle),
        ("GET", "/sozialraeume/:code", "sozialraum", .public, "Was es in diesem Sozialraum gibt", SozialraumPage.handle),
        ("GET", "/static/*file", "static", .public, "Stylesheet und Bilder", { request, context in
            try context.site.staticFiles.response(request.pathParameters["file"] ?? "", request: request)
        }),
        ("GET", "/api", "api", .public, "HSDS-API: Version und Profil", HSDSAPI.root),
        ("GET", "/api/services", "api-services", .public, "HSDS-API: Angebote", ServicesAPI.list),
        ("GET", "/api/services/:id", "api-service", .public, "HSDS-API: ein Angebot", ServicesAPI.detail),
        ("GET", "/api/organizations", "api-organizations", .public, "HSDS-API: Organisationen", OrganizationsAPI.list),
        ("GET", "/api/organizations/:id", "api-organization", .public, "HSDS-API: eine Organisation", OrganizationsAPI.detail),
        ("GET", "/api/service_at_locations", "api-service-at-locations", .public, "HSDS-API: Angebote an Standorten", ServiceAtLocationsAPI.list),
        ("GET", "/api/service_at_locations/:id", "api-service-at-location", .public, "HSDS-API: ein Angebot an einem Standort", ServiceAtLocationsAPI.detail),
        ("GET", "/api/taxonomies", "api-taxonomies", .public, "HSDS-API: Taxonomien", TaxonomiesAPI.taxonomies),
        ("GET", "/api/taxonomies/:id", "api-taxonomy", .public, "HSDS-API: eine Taxonomie", TaxonomiesAPI.taxonomy),
        ("GET", "/api/taxonomy_terms", "api-taxonomy-terms", .public, "HSDS-API: Begriffe", TaxonomiesAPI.terms),
        ("GET", "/api/taxonomy_terms/:id", "api-taxonomy-term", .public, "HSDS-API: ein Begriff", TaxonomiesAPI.term),
        // Downloads (exports): format = vcard, vcard4, xcard, xml, hsds-json, hsds-ndjson, csv (?tabelle=…)
        ("GET", "/export/:format", "export-directory", .public, "Download: das ganze Verzeichnis", Downloads.directory),
        ("GET", "/suche/export/:format", "export-search", .public, "Download: die Treffer einer Suche (Parameter wie /suche)", Downloads.search),
        ("GET", "/organisationen/:id/export/:format", "export-organization", .public, "Download: eine Organisation mit ihren Angeboten", Downloads.organization),
    ]

    /// Builds the router for `context`.
    public static func make(_ context: AppContext) -> Router<RouteInfo> {
        var router = Router<RouteInfo>()
        for route in table {
            let handler = route.handler
            router.add(route.method, route.pattern, metadata: RouteInfo(name: route.name, access: route.access, summary: route.summary)) { request in
                try handler(request, context)
            }
        }
        return router
    }
}

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
        ("GET", "/anmelden", "login", .public, "Anmelden mit Passwort oder E-Mail-Link", LoginPages.form),
        ("POST", "/anmelden", "login-password", .public, "Anmelden mit Passwort", LoginPages.logIn),
        ("POST", "/anmelden/link", "login-link-request", .public, "Anmeldelink per E-Mail anfordern", LoginPages.requestLink),
        ("GET", "/anmelden/link/:token", "login-link", .public, "Anmeldelink bestätigen", LoginPages.confirmLink),
        ("POST", "/anmelden/link/:token", "login-link-use", .public, "Mit Anmeldelink anmelden", LoginPages.useLink),
        ("POST", "/abmelden", "logout", .public, "Abmelden", LoginPages.logOut),
        ("POST", "/abmelden/ueberall", "logout-everywhere", .signedIn, "Auf allen Geräten abmelden", LoginPages.logOutEverywhere),
        ("GET", "/passwort-vergessen", "password-forgotten", .public, "Passwort vergessen", PasswordPages.forgotForm),
        ("POST", "/passwort-vergessen", "password-forgotten-send", .public, "Link für neues Passwort anfordern", PasswordPages.forgot),
        ("GET", "/passwort-neu/:token", "password-reset", .public, "Neues Passwort setzen", PasswordPages.resetForm),
        ("POST", "/passwort-neu/:token", "password-reset-save", .public, "Neues Passwort speichern", PasswordPages.reset),
        ("GET", "/einladung/:token", "invitation", .public, "Einladung annehmen", InvitationPage.form),
        ("POST", "/einladung/:token", "invitation-accept", .public, "Einladung annehmen und Konto einrichten", InvitationPage.accept),
        ("GET", "/konto", "account", .signedIn, "Mein Konto", AccountPage.show),
        ("POST", "/konto/passwort", "account-password", .signedIn, "Passwort ändern", AccountPage.changePassword),
        ("GET", "/e/bestaetigen/:token", "digest-confirm", .public, "Link aus der Wochenübersicht: Angaben bestätigen", DigestLinkPages.confirmPage),
        ("POST", "/e/bestaetigen/:token", "digest-confirm-post", .public, "Angaben unverändert bestätigen", DigestLinkPages.confirm),
        ("GET", "/e/abmelden/:token", "digest-unsubscribe", .public, "Wochenübersicht abbestellen", DigestLinkPages.unsubscribePage),
        ("POST", "/e/abmelden/:token", "digest-unsubscribe-post", .public, "Wochenübersicht abbestellen (auch One-Click nach RFC 8058)", DigestLinkPages.unsubscribe),
        ("GET", "/e/einstellungen/:token", "digest-preferences", .public, "Einstellungen zur Wochenübersicht", DigestLinkPages.preferencesPage),
        ("POST", "/e/einstellungen/:token", "digest-preferences-save", .public, "Einstellungen zur Wochenübersicht speichern", DigestLinkPages.savePreferences),
        ("GET", "/e/anmelden/:token", "digest-login", .public, "Link aus der Wochenübersicht: anmelden und weiter", DigestLinkPages.loginPage),
        ("POST", "/e/anmelden/:token", "digest-login-post", .public, "Anmelden und weiter", DigestLinkPages.logIn),
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
    ]

    /// Builds the router for `context`.
    public static func make(_ context: AppContext) -> Router<RouteInfo> {
        var router = Router<RouteInfo>()
        router.middleware = AccessControl.middleware(context)
        for route in table {
            let handler = route.handler
            router.add(route.method, route.pattern, metadata: RouteInfo(name: route.name, access: route.access, summary: route.summary)) { request in
                try handler(request, context)
            }
        }
        return router
    }
}

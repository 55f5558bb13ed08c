// URLs: the one place that builds Lotse's URLs. Pages, e-mails and redirects never assemble
// paths by hand, so every link is encoded the same way.
import HTTP
import LotseCore

/// Builds site-relative URLs (prefix them with the public base URL for e-mails).
public enum URLs {
    /// The start page.
    public static let home = "/"
    /// The stylesheet.
    public static let stylesheet = "/static/lotse.css"

    /// A service page.
    public static func service(_ id: String) -> String { "/angebote/" + segment(id) }
    /// An organization page.
    public static func organization(_ id: String) -> String { "/organisationen/" + segment(id) }
    /// A Sozialraum page.
    public static func sozialraum(_ code: String) -> String { "/sozialraeume/" + segment(code) }
    /// The results page for a query.
    public static func search(_ query: SearchQuery, page: Int = 1) -> String {
        "/suche" + queryString(SearchParameters.pairs(for: query, page: page))
    }
    /// The printable list for a query.
    public static func print(_ query: SearchQuery) -> String {
        "/suche/druck" + queryString(SearchParameters.pairs(for: query, page: 1))
    }
    /// The JSON twin of a site path (`/angebote/x` → `/angebote/x.json`), keeping the query.
    public static func json(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url == "/" ? "/index.json" : url + ".json" }
        let path = String(url[..<question])
        return (path == "/" ? "/index" : path) + ".json" + url[question...]
    }

    /// The login page, returning to `next` afterwards.
    public static func login(next: String? = nil) -> String {
        "/anmelden" + queryString(next.flatMap(LoginLinks.safePath).map { [("weiter", $0)] } ?? [])
    }
    /// The confirm page of a login link.
    public static func loginLink(_ token: String) -> String { SitePaths.loginLink(token) }
    /// The invitation page.
    public static func invitation(_ token: String) -> String { SitePaths.invitation(token) }
    /// The new-password page.
    public static func passwordReset(_ token: String) -> String { SitePaths.passwordReset(token) }
    /// The account page.
    public static let account = "/konto"
    /// Where a role starts after login.
    public static func home(for role: Role) -> String {
        switch role {
        case .provider: "/pflege"
        case .coordinator: "/koordination"
        case .admin: "/admin/konten"
        case .counselor: "/"
        }
    }

    /// An HSDS API path.
    public static func api(_ path: String) -> String { "/api/" + path }

    /// Percent-encodes one path segment.
    public static func segment(_ value: String) -> String { URLEncoding.encodeComponent(value) }

    /// `?a=1&b=2` (empty for no pairs), form-encoded.
    public static func queryString(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { URLEncoding.encodeFormComponent($0.0) + "=" + URLEncoding.encodeFormComponent($0.1) }
            .joined(separator: "&")
    }
}

// URLs: the one place that builds Lotse's URLs. Pages, e-mails and redirects never assemble
// paths by hand, so every link is encoded the same way.
import Foundation
import HTTP
import LotseCore

/// Builds site-relative URLs (prefix them with the public base URL for e-mails).
public enum URLs {
    /// The start page.
    public static let home = "/"
    /// The stylesheet.
    public static let stylesheet = "/static/lotse.css"
    /// The results page without parameters (the action of the search forms).
    public static let searchPage = "/suche"

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

    /// The results page for one need category (or need), optionally within a Sozialraum.
    public static func search(need: String?, sozialraum: String? = nil) -> String {
        var query = SearchQuery()
        query.needs = need.map { [$0] } ?? []
        query.sozialraum = sozialraum
        return search(query)
    }

    /// A `tel:` link for a phone number as written in the directory (`+49 30 23125 417`);
    /// nil when the number holds no digits.
    public static func tel(_ number: String) -> String? {
        let kept = number.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        guard kept.contains(where: \.isNumber) else { return nil }
        return "tel:" + kept
    }

    /// A `mailto:` link, or nil when `address` does not look like a single e-mail address.
    public static func mailto(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              address.allSatisfy({ $0 == "@" || allowed.contains($0) }) else { return nil }
        return "mailto:" + address
    }

    /// An outside web address from the directory, only when it is `http` or `https` (so that a
    /// stored `javascript:` address never becomes a link); nil otherwise.
    public static func external(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), trimmed.count > 8,
              !trimmed.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) else { return nil }
        return trimmed
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

// RedirectTarget: the one check for redirects to a user-supplied target (`weiter`, a login
// link's `next`): a safe site path (LoginLinks.safePath) that names a GET route of the route
// table, else nothing — the caller then goes to its own fallback (usually the role's home).
import HTTP
import LotseCore
import Synchronization

/// Validated redirect targets.
public enum RedirectTarget {
    /// The GET routes of the site, for matching only (handlers are never run from here).
    private static let router = Routes.make()
    /// Recent path parts and whether they name a GET route (every page's login link asks
    /// for its own path); emptied when it would grow past `knownPathLimit`.
    private static let knownPaths = Mutex<[String: Bool]>([:])
    private static let knownPathLimit = 1024

    /// `target` when it is safe to redirect to, else nil. Safe means: the syntactic rule of
    /// `LoginLinks.safePath` (a browser resolves it exactly as the server reads it, on Lotse's
    /// origin) and its path, decoded into segments as the server does, matches a GET route of
    /// `Routes.table`. `/nicht-da`, `/anmelden/link` (POST only) and the like are refused.
    public static func safe(_ target: String?) -> String? {
        guard let target, let path = LoginLinks.safePath(target) else { return nil }
        let pathPart = path.prefix { $0 != "?" && $0 != "#" }
        let key = String(pathPart)
        if let known = knownPaths.withLock({ $0[key] }) { return known ? path : nil }
        let named = namesGetRoute(pathPart)
        knownPaths.withLock { paths in
            if paths.count >= knownPathLimit { paths.removeAll(keepingCapacity: true) }
            paths[key] = named
        }
        return named ? path : nil
    }

    /// True when the path, decoded into segments as the server does, matches a GET route.
    private static func namesGetRoute(_ pathPart: Substring) -> Bool {
        var segments: [String] = []
        for part in pathPart.split(separator: "/") {
            guard let decoded = URLEncoding.decode(String(part)) else { return false }
            segments.append(decoded)
        }
        guard case .found(let route, _) = router.match(method: "GET", pathSegments: segments) else { return false }
        return route.method == "GET"
    }
}

// BodyLimits: the request-body limit of each route, from the route table, for the HTTP server's
// `bodyLimit` hook: forms anyone may send get `Limits.maxPublicFormBodySize` (64 KiB), forms of
// signed-in accounts `Limits.maxSignedInFormBodySize` (1 MiB), unknown routes the public limit.
import HTTP

/// Per-route body limits, decided from the request head before any body byte is read.
public enum BodyLimits {
    private static let router = Routes.make()

    /// The body limit for `method` on `pathSegments` under `limits` (never above
    /// `limits.maxBodySize`).
    public static func limit(method: String, pathSegments: [String], limits: Limits = Limits()) -> Int {
        let limit: Int
        if case .found(let route, _) = router.match(method: method, pathSegments: pathSegments),
           route.metadata.access != .public {
            limit = limits.maxSignedInFormBodySize
        } else {
            limit = limits.maxPublicFormBodySize
        }
        return min(limit, limits.maxBodySize)
    }

    /// The server configuration for Lotse: the HTTP layer's security headers, these limits, and
    /// the real client address behind `trustedProxies` as the key of the per-address stream cap
    /// (the same address the access layer throttles by).
    public static func serverConfiguration(limits: Limits, trustedProxies: TrustedProxies = TrustedProxies("")) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.bodyLimit = { method, segments in limit(method: method, pathSegments: segments, limits: limits) }
        configuration.clientAddress = { request in
            trustedProxies.clientAddress(peer: request.remoteAddress, forwardedFor: request.headers.values("X-Forwarded-For"))
        }
        return configuration
    }
}

// ServerConfiguration: the application's say in what the HTTP layer does on its own: headers on
// the answers it makes itself (parser errors, overload, 500), per-route body limits decided from
// the request head, and the client address that per-address caps count.

/// Hooks and defaults for the server and one-shot mode; the defaults suit a bare HTTP server.
public struct ServerConfiguration: Sendable {
    /// Header fields added (when missing) to every response the HTTP layer makes itself:
    /// parser errors (400, 408, 413, 414, 431, 501, 505), 503 for too many connections or
    /// streams, 429 for too many streams per address, and the 500 page. Default:
    /// `securityHeaders`.
    public var defaultHeaders: HTTPHeaders = ServerConfiguration.securityHeaders
    /// The body limit for a request, from its method and decoded path segments, called once the
    /// head is parsed; a larger declared or chunked body is refused with 413 before (or while)
    /// it is read. Capped by `Limits.maxBodySize`. Default: nil, `Limits.maxBodySize` for all.
    public var bodyLimit: (@Sendable (_ method: String, _ pathSegments: [String]) -> Int)?
    /// The key under which `Limits.maxStreamsPerAddress` counts a request. Default: the TCP peer
    /// (`Request.remoteAddress`); a deployment behind a trusted proxy can supply the real client.
    public var clientAddress: @Sendable (Request) -> String = { $0.remoteAddress }
    /// Counts requests, latency, connections and the worker queue when set. Default: nil.
    public var metrics: HTTPMetrics?

    /// Restrictive headers for plain-text answers: no sniffing, no framing, no referrer to other
    /// sites and a Content-Security-Policy that allows nothing.
    public static let securityHeaders: HTTPHeaders = [
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ]

    /// The defaults documented on each property.
    public init() {}

    /// `response` with every default header it does not already have.
    func decorate(_ response: Response) -> Response {
        var response = response
        for field in defaultHeaders where response.headers[field.name] == nil {
            response.headers[field.name] = field.value
        }
        return response
    }
}

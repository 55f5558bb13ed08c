// Request: one parsed HTTP request as handlers see it, transport-free (docs/architecture.md,
// Practice 2). Built by the parser, by `OneShot`, or directly in tests with
// `init(method:target:…)`.

/// A complete, validated HTTP request.
public struct Request: Sendable {
    /// The method token as sent, e.g. "GET" (RFC 9110 §9.1: case-sensitive).
    public var method: String
    /// The request-target exactly as received (may include the query).
    public var target: String
    /// The decoded, normalised path; starts with "/", has no "." / ".." segments and no NUL.
    public var path: String
    /// The path as received, still percent-encoded and without the query; safe to log.
    public var rawPath: String
    /// The decoded, non-empty path segments (an encoded "/" stays inside its segment).
    public var pathSegments: [String]
    /// Decoded query pairs in order ("+" as space).
    public var query: [(name: String, value: String)]
    /// Header fields in order, case-insensitive lookup.
    public var headers: HTTPHeaders
    /// The body, de-chunked; empty when none was sent.
    public var body: [UInt8]
    /// HTTP/1.0 or HTTP/1.1.
    public var version: HTTPVersion
    /// The peer's IP address, or "-" when unknown.
    public var remoteAddress: String
    /// A short id unique within this process, used in logs and 500 pages.
    public var requestID: String
    /// Parameters captured by the router from `:name` and `*name` pattern segments.
    public var pathParameters: [String: String] = [:]
    /// The pattern of the route that matched, set by the router.
    public var routePattern: String?
    /// The authority of an absolute-form target (RFC 9112 §3.2.2), else nil.
    var targetAuthority: String?
    /// When parsing finished, on the monotonic clock; for the access log's duration.
    var receivedAt: UInt64

    /// Builds a request from its parts, decoding `target` as the parser does (400 if invalid).
    public init(method: String = "GET", target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
                version: HTTPVersion = .http1_1, remoteAddress: String = "-") throws(HTTPError) {
        let parsed = try RequestTarget.parse(Array(target.utf8))
        self.init(method: method, target: target, parsedTarget: parsed, headers: headers, body: body,
                  version: version, remoteAddress: remoteAddress)
    }

    /// Builds a request from an already validated target.
    init(method: String, target: String, parsedTarget: RequestTarget, headers: HTTPHeaders,
         body: [UInt8], version: HTTPVersion, remoteAddress: String) {
        self.method = method
        self.target = target
        path = parsedTarget.path
        rawPath = parsedTarget.rawPath
        pathSegments = parsedTarget.segments
        query = parsedTarget.query
        targetAuthority = parsedTarget.authority
        self.headers = headers
        self.body = body
        self.version = version
        self.remoteAddress = remoteAddress
        requestID = RequestID.next()
        receivedAt = SystemClock.monotonicNanoseconds()
    }

    /// The first query value called `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every query value called `name`, in order (`?tag=a&tag=b`).
    public func queryValues(_ name: String) -> [String] {
        query.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The host the client addressed: the authority of an absolute-form target, else the `Host`
    /// header (RFC 9112 §3.2.2), else nil.
    public var host: String? {
        targetAuthority ?? headers["Host"]
    }

    /// Whether the connection may stay open after the response: HTTP/1.1 unless the client sent
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` (RFC 9112 §9.3).
    public var keepAlive: Bool {
        let tokens = connectionTokens
        if version == .http1_0 { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// Lower-cased tokens of all `Connection` fields (RFC 9110 §7.6.1).
    var connectionTokens: [String] {
        var tokens: [String] = []
        for value in headers.values("Connection") {
            for token in value.split(separator: ",") {
                tokens.append(token.trimmingOWS().lowercased())
            }
        }
        return tokens
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    func trimmingOWS() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

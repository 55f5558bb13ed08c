// Router: maps (method, path pattern) to handlers, e.g. `/dienste/:id` or `/dateien/*pfad`.
// GET routes answer HEAD; unknown paths are 404, known paths with another method 405 + Allow.
// The route table is public so help pages and authorization matrices can be generated from it.

/// A request handler: a synchronous function of a parsed request (it may block, e.g. on SQLite).
public typealias Handler = @Sendable (Request) throws -> Response

/// Dispatches requests to routes. `Metadata` is an opaque tag per route (e.g. an access rule)
/// that the router stores and hands to `middleware`.
public struct Router<Metadata: Sendable>: Sendable {
    /// The result of looking up a path.
    public enum Match: Sendable {
        /// A route and the parameters captured from the path.
        case found(Route<Metadata>, parameters: [String: String])
        /// The path exists for other methods (listed for the Allow header).
        case methodNotAllowed(allowed: [String])
        /// No route matches the path.
        case notFound
    }

    /// All registered routes in registration order (automatic HEAD/OPTIONS answers not listed).
    public private(set) var routes: [Route<Metadata>] = []

    /// Runs around every matched handler, e.g. to check `route.metadata` before calling `next`.
    public var middleware: (@Sendable (Request, Route<Metadata>, Handler) throws -> Response)?

    /// An empty router.
    public init() {}

    /// Registers `handler` for `method` (e.g. "GET") and `pattern`. Pattern segments are literals,
    /// `:name` (one segment) or a final `*name` (the rest of the path, possibly empty).
    /// Registering the same method and pattern twice is a programming error.
    public mutating func add(_ method: String, _ pattern: String, metadata: Metadata,
                             _ handler: @escaping Handler) {
        let route = Route(method: method, pattern: pattern, metadata: metadata, handler: handler)
        precondition(!routes.contains { $0.method == method && $0.pattern == pattern },
                     "route \(method) \(pattern) registered twice")
        routes.append(route)
    }

    /// Registers a route whose metadata says what to run, for `respond(to:through:)`; its
    /// `handler` answers 500 if it is ever called through `respond(to:)`.
    public mutating func add(_ method: String, _ pattern: String, metadata: Metadata) {
        add(method, pattern, metadata: metadata) { _ in throw HTTPError(500, "Internal Server Error") }
    }

    /// Finds the most specific route for `method` and decoded path segments: at the first
    /// differing position a literal beats `:param`, which beats `*rest`. HEAD falls back to GET.
    public func match(method: String, pathSegments: [String]) -> Match {
        var best: (route: Route<Metadata>, parameters: [String: String])?
        var bestFallback: (route: Route<Metadata>, parameters: [String: String])?
        var allowed: [String] = []
        for route in routes {
            guard let parameters = route.match(pathSegments) else { continue }
            if !allowed.contains(route.method) { allowed.append(route.method) }
            if route.method == method {
                if best.map({ route.isMoreSpecific(than: $0.route) }) ?? true { best = (route, parameters) }
            } else if method == "HEAD" && route.method == "GET" {
                // RFC 9110 §9.3.2: HEAD is GET without content.
                if bestFallback.map({ route.isMoreSpecific(than: $0.route) }) ?? true { bestFallback = (route, parameters) }
            }
        }
        if let found = best ?? bestFallback { return .found(found.route, parameters: found.parameters) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed: allowed)
    }

    /// Routes `request`: runs the matched handler (through `middleware`) with `pathParameters` and
    /// `routePattern` set; throws 404, or 405 with Allow; answers OPTIONS for known paths with 204.
    public func respond(to request: Request) throws -> Response {
        try respond(to: request) { routed, route in
            if let middleware { return try middleware(routed, route, route.handler) }
            return try route.handler(routed)
        }
    }

    /// Routes `request` to `dispatch` with the matched route and the request with
    /// `pathParameters` and `routePattern` set, for routers whose metadata carries what to run;
    /// throws 404, or 405 with Allow; answers OPTIONS for known paths with 204.
    public func respond(to request: Request, through dispatch: (Request, Route<Metadata>) throws -> Response) throws -> Response {
        switch match(method: request.method, pathSegments: request.pathSegments) {
        case .found(let route, let parameters):
            var routed = request
            routed.pathParameters = parameters
            routed.routePattern = route.pattern
            var response = try dispatch(routed, route)
            if response.routePattern == nil { response.routePattern = route.pattern }
            return response
        case .methodNotAllowed(let allowed):
            let allow = (allowed + (allowed.contains("OPTIONS") ? [] : ["OPTIONS"])).joined(separator: ", ")
            if request.method == "OPTIONS" {
                return Response(status: 204, headers: ["Allow": allow])
            }
            throw HTTPError(405, "Method Not Allowed", headers: ["Allow": allow])
        case .notFound:
            throw HTTPError.notFound
        }
    }

    /// The router as a handler.
    public var handler: Handler {
        let router = self
        return { request in try router.respond(to: request) }
    }
}

extension Router where Metadata == Void {
    /// Registers a route without metadata.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        add(method, pattern, metadata: (), handler)
    }
}

extension Router where Metadata: ExpressibleByNilLiteral {
    /// Registers a route with nil metadata.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        add(method, pattern, metadata: nil, handler)
    }
}

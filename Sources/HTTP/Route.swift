// Route: one entry of the route table: method, pattern, metadata and handler, with the pattern
// pre-split into segments so matching a request does no string parsing.

/// A registered route.
public struct Route<Metadata: Sendable>: Sendable {
    /// One segment of a pattern.
    enum Segment: Sendable, Equatable {
        /// Must equal the path segment.
        case literal(String)
        /// Captures one path segment under the name.
        case parameter(String)
        /// Captures the rest of the path (segments joined by "/") under the name.
        case wildcard(String)
    }

    /// The method, e.g. "GET".
    public let method: String
    /// The pattern as registered, e.g. "/dienste/:id".
    public let pattern: String
    /// The opaque tag given at registration.
    public let metadata: Metadata
    /// The handler.
    public let handler: Handler
    /// The pattern split into segments.
    let segments: [Segment]

    /// A route; a malformed pattern (no leading "/", `*` not last, empty or repeated parameter
    /// names) is a programming error.
    init(method: String, pattern: String, metadata: Metadata, handler: @escaping Handler) {
        precondition(pattern.hasPrefix("/"), "route pattern must start with '/': \(pattern)")
        var segments: [Segment] = []
        var names: Set<String> = []
        let parts = pattern.split(separator: "/")
        for (index, part) in parts.enumerated() {
            if part.hasPrefix(":") || part.hasPrefix("*") {
                let name = String(part.dropFirst())
                precondition(!name.isEmpty && names.insert(name).inserted, "bad parameter name in \(pattern)")
                if part.hasPrefix("*") {
                    precondition(index == parts.count - 1, "'*' must be the last segment in \(pattern)")
                    segments.append(.wildcard(name))
                } else {
                    segments.append(.parameter(name))
                }
            } else {
                segments.append(.literal(String(part)))
            }
        }
        self.method = method
        self.pattern = pattern
        self.metadata = metadata
        self.handler = handler
        self.segments = segments
    }

    /// The captured parameters if `path` matches, else nil.
    func match(_ path: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let literal):
                guard index < path.count, path[index] == literal else { return nil }
            case .parameter(let name):
                guard index < path.count else { return nil }
                parameters[name] = path[index]
            case .wildcard(let name):
                parameters[name] = path[min(index, path.count)...].joined(separator: "/")
                return parameters
            }
        }
        return path.count == segments.count ? parameters : nil
    }

    /// Whether this route wins over `other` for a path both match.
    func isMoreSpecific(than other: Route) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            let difference = mine.rank - theirs.rank
            if difference != 0 { return difference > 0 }
        }
        return segments.count > other.segments.count
    }
}

extension Route.Segment {
    /// Literal 2, parameter 1, wildcard 0.
    var rank: Int {
        switch self {
        case .literal: return 2
        case .parameter: return 1
        case .wildcard: return 0
        }
    }
}

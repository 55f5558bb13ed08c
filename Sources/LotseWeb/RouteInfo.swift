// RouteInfo: what the route table records about each route besides its handler — a name, who
// may call it and a German one-line summary — so that help pages and the authorization matrix
// are generated from the table.

/// Who may call a route.
public enum Access: String, Sendable, CaseIterable {
    /// Everyone, no login.
    case `public`
}

/// Metadata of one route.
public struct RouteInfo: Sendable {
    /// A stable name, e.g. "service".
    public let name: String
    /// Who may call it.
    public let access: Access
    /// German summary.
    public let summary: String
}

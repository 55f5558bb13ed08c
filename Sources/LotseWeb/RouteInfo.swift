// RouteInfo: what the route table records about each route besides its handler — a name, who
// may call it and a German one-line summary — so that help pages and the authorization matrix
// are generated from the table.
import LotseCore

/// Who may call a route. Ownership (a provider's own organization) is checked by the handler
/// on top of this.
public enum Access: String, Sendable, CaseIterable {
    /// Everyone, no login.
    case `public`
    /// Anyone logged in.
    case signedIn
    /// Provider editors and coordinators (directory editing; own organizations only for
    /// providers).
    case editor
    /// Counselors (referrals they make).
    case counselor
    /// Counselors and provider editors (the referral inbox and outbox).
    case referralParty
    /// Provider editors (answering referrals addressed to their organizations).
    case provider
    /// Coordinators.
    case coordinator
    /// Administrators.
    case admin

    /// True when an account with `role` passes this rule (nil: not logged in).
    public func allows(_ role: Role?) -> Bool {
        switch self {
        case .public: true
        case .signedIn: role != nil
        case .editor: role == .provider || role == .coordinator
        case .counselor: role == .counselor
        case .referralParty: role == .counselor || role == .provider
        case .provider: role == .provider
        case .coordinator: role == .coordinator
        case .admin: role == .admin
        }
    }
}

/// Metadata of one route.
public struct RouteInfo: Sendable {
    /// A stable name, e.g. "service".
    public let name: String
    /// Who may call it.
    public let access: Access
    /// German summary.
    public let summary: String
    /// The handler.
    public let handler: PageHandler
}

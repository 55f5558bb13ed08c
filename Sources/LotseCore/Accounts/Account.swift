// Account: a person with a role, the organizations they edit and the audience they read the
// directory as.

/// A person using Lotse.
public struct Account: Sendable, Equatable {
    /// Lifecycle of an account.
    public enum Status: String, Sendable {
        case invited, active, disabled
    }

    public let id: String
    public let email: String
    public let displayName: String
    public let role: Role
    public let status: Status
    /// A counselor's own organization (the requester organization of referrals).
    public let organizationID: String?
    /// Organizations a provider editor edits.
    public let organizations: Set<String>
    /// True when a password is set (otherwise log in by link only).
    public let hasPassword: Bool

    /// How this person sees the directory: coordinators see everything, everyone logged in
    /// sees network-only entries, provider editors also their own internal ones.
    public var audience: Audience {
        switch role {
        case .coordinator: .coordinator
        case .provider: Audience(level: .network, organizations: organizations)
        case .counselor, .admin: Audience(level: .network, organizations: organizationID.map { [$0] } ?? [])
        }
    }

    /// True when this person may edit the organization's entries.
    public func mayEdit(organization: String) -> Bool {
        role == .coordinator || (role == .provider && organizations.contains(organization))
    }
}

// Role: what a person does in the network (docs/domain.md §3) and what that lets them see.

/// The role of an account.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Berater:in: searches, refers, follows up.
    case counselor
    /// Editor of one or more provider organizations.
    case provider
    /// Quartiersmanagement / Planungskoordination: admits members, reviews, manages vocabularies.
    case coordinator
    /// Operator: accounts and configuration; no referral content.
    case admin

    /// The German label.
    public var label: String {
        switch self {
        case .counselor: "Beratung"
        case .provider: "Anbieter"
        case .coordinator: "Koordination"
        case .admin: "Administration"
        }
    }
}

// Audience: who is looking at the directory. The one place that decides which entries,
// locations, contacts and phones a viewer may see; pages, the API, search and every export
// ask it.

/// A viewer of the directory.
public struct Audience: Sendable, Hashable {
    /// How far the viewer sees.
    public enum Level: Int, Sendable, Hashable, Comparable {
        /// No login: public fields only.
        case `public`
        /// A logged-in professional of the network.
        case network
        /// A coordinator: everything in the directory.
        case coordinator

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The viewer's level.
    public let level: Level
    /// Organizations the viewer edits (their internal entries are visible to them).
    public let organizations: Set<String>

    /// Creates an audience.
    public init(level: Level, organizations: Set<String> = []) {
        self.level = level
        self.organizations = organizations
    }

    /// The public (no login).
    public static let `public` = Audience(level: .public)
    /// A logged-in professional without own organizations.
    public static let network = Audience(level: .network)
    /// A coordinator.
    public static let coordinator = Audience(level: .coordinator)

    /// True when a location, contact or phone with `visibility`, owned by organization
    /// `owner`, may be shown.
    public func canSee(_ visibility: Visibility, owner: String?) -> Bool {
        switch visibility {
        case .public: true
        case .network: level >= .network
        case .internal: level == .coordinator || owner.map(organizations.contains) == true
        }
    }

    /// True when an entry that is not listed publicly (hidden, suspended member, inactive)
    /// may be shown.
    public func canSeeUnlisted(owner: String) -> Bool {
        level == .coordinator || organizations.contains(owner)
    }

    /// A short key for caches: level plus own organizations.
    public var cacheKey: String {
        organizations.isEmpty ? "\(level.rawValue)" : "\(level.rawValue):" + organizations.sorted().joined(separator: ",")
    }
}

// ReferralActor: who changes a referral — a person with an account, or the system (deadline
// jobs, sibling cancellation, consent withdrawal). The timeline and the audit log record it.

/// The author of a referral change.
public struct ReferralActor: Sendable, Equatable {
    /// The person, or nil for the system.
    public let account: Account?
    /// For the system: which job acted ("jobs", "consent", "group").
    public let systemName: String?

    /// A person.
    public static func person(_ account: Account) -> ReferralActor { ReferralActor(account: account, systemName: nil) }

    /// The system, acting as `name`.
    public static func system(_ name: String) -> ReferralActor { ReferralActor(account: nil, systemName: name) }

    /// The role as stored in the timeline: the account's role, or "system".
    public var roleName: String { account?.role.rawValue ?? "system" }

    /// The person's role, or nil for the system.
    public var role: Role? { account?.role }

    /// The account id, or nil for the system.
    public var accountID: String? { account?.id }
}

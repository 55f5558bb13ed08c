// Referral: one referral as stored — status, reasons, requester, target or pool, what the
// citizen needs, deadlines, the pseudonymous citizen and the outcome. Read it through
// ReferralDesk; what a viewer may see of it is decided by ReferralAccess.

/// A referral record (all fields; never hand it to a page without `ReferralAccess`).
public struct Referral: Sendable, Equatable {
    public let id: String
    /// Parallel offers share it (the id of the first referral of the group).
    public let groupID: String
    public let status: ReferralStatus
    /// The status before "entered-in-error" (what reopening returns to).
    public let previousStatus: ReferralStatus?
    public let businessStatus: ReferralBusinessStatus?
    public let reason: ReferralReason?
    /// Free text for the reason (personal).
    public let reasonText: String?
    public let declinedBy: DeclinedBy?
    public let urgency: ReferralUrgency
    public let requesterAccountID: String
    public let requesterOrganizationID: String?
    /// The target service (for a pool: once claimed).
    public let serviceID: String?
    /// The target service's organization.
    public let organizationID: String?
    /// A pool: organization kind …
    public let poolKind: OrganizationKind?
    /// … located in or covering this Sozialraum (id).
    public let poolSozialraumID: String?
    /// Where the citizen lives (Sozialraum id).
    public let sozialraumID: String?
    /// Need codes (taxonomy `bedarf`).
    public let needs: [String]
    /// Target group codes (taxonomy `zielgruppe`).
    public let targetGroups: [String]
    /// ISO 639 code.
    public let preferredLanguage: String?
    /// Accessibility feature codes (taxonomy `barrierefreiheit`).
    public let accessibilityNeeds: [String]
    public let desiredFrom: String?
    public let desiredUntil: String?
    /// `YYYY-MM-DD`: the provider should answer by the end of this day.
    public let respondBy: String?
    /// The provider must not contact the citizen (the citizen gets in touch).
    public let doNotContact: Bool
    /// The counselor's pseudonym for the citizen (personal).
    public let caseReference: String?
    public let citizenName: String?
    public let citizenPhone: String?
    public let citizenEmail: String?
    public let citizenAddress: String?
    public let outcome: ReferralOutcome?
    public let outcomeText: String?
    public let citizenFeedback: String?
    public let createdAt: String
    public let sentAt: String?
    public let respondedAt: String?
    public let statusChangedAt: String
    public let closedAt: String?
    public let loopClosedAt: String?
    public let anonymisedAt: String?
    /// Who it is addressed to (one row, or every pool member).
    public let recipients: [ReferralRecipient]

    /// True when addressed to a pool.
    public var isPool: Bool { poolKind != nil }

    /// Organizations the referral is (or was) offered to and that still hold it: the target's
    /// organization, or every pool member not released.
    public var recipientOrganizations: Set<String> {
        Set(recipients.filter { $0.state != .released }.map(\.organizationID))
    }
}

/// One addressee of a sent referral.
public struct ReferralRecipient: Sendable, Equatable {
    /// Offered (pool members until one claims), claimed (the one that accepted a pool), released.
    public enum State: String, Sendable, Codable {
        case offered, claimed, released
    }

    public let serviceID: String
    public let organizationID: String
    public let state: State
}

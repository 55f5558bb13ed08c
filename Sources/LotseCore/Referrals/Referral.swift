// Referral: one referral as stored — status, reasons, requester, target or pool, what the
// citizen needs, deadlines, the pseudonymous citizen and the outcome. Read it through
// ReferralDesk; what a viewer may see of it is decided by ReferralAccess.

/// A referral record (all fields; never hand it to a page without `ReferralAccess`).
public struct Referral: Sendable, Equatable {
    /// The id.
    public let id: String
    /// Parallel offers share it (the id of the first referral of the group).
    public let groupID: String
    /// The status.
    public let status: ReferralStatus
    /// The status before "entered-in-error" (what reopening returns to).
    public let previousStatus: ReferralStatus?
    /// The provider's finer step.
    public let businessStatus: ReferralBusinessStatus?
    /// The coded reason (rejected, cancelled, on-hold, failed).
    public let reason: ReferralReason?
    /// Free text for the reason (personal).
    public let reasonText: String?
    /// Who declined, for rejected, cancelled and failed.
    public let declinedBy: DeclinedBy?
    /// Routine or urgent.
    public let urgency: ReferralUrgency
    /// The counselor who created it.
    public let requesterAccountID: String
    /// The counselor's organization (the requesting team).
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
    /// Start of the desired window (`YYYY-MM-DD`).
    public let desiredFrom: String?
    /// End of the desired window (`YYYY-MM-DD`).
    public let desiredUntil: String?
    /// `YYYY-MM-DD`: the provider should answer by the end of this day.
    public let respondBy: String?
    /// The provider must not contact the citizen (the citizen gets in touch).
    public let doNotContact: Bool
    /// The counselor's pseudonym for the citizen (personal).
    public let caseReference: String?
    /// The citizen's name (personal).
    public let citizenName: String?
    /// The citizen's phone (personal).
    public let citizenPhone: String?
    /// The citizen's e-mail (personal).
    public let citizenEmail: String?
    /// The citizen's address (personal).
    public let citizenAddress: String?
    /// What came of it (closing the loop).
    public let outcome: ReferralOutcome?
    /// Free text on the outcome (personal).
    public let outcomeText: String?
    /// The citizen's feedback (personal).
    public let citizenFeedback: String?
    /// When it was created (ISO).
    public let createdAt: String
    /// When it was sent.
    public let sentAt: String?
    /// When the provider first accepted or rejected.
    public let respondedAt: String?
    /// When the status last changed.
    public let statusChangedAt: String
    /// When it became terminal.
    public let closedAt: String?
    /// When the counselor recorded the outcome.
    public let loopClosedAt: String?
    /// When retention anonymised it (`YYYY-MM-DD`).
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

    /// The target service.
    public let serviceID: String
    /// The organization concerned.
    public let organizationID: String
    /// Offered, claimed or released.
    public let state: State
}

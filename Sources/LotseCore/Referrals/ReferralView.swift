// ReferralView: a referral as one viewer may see it — made only by ReferralAccess.project, with
// every field the viewer may not see left empty. This is what pages render.

/// The visible part of a referral for one viewer.
public struct ReferralView: Sendable, Equatable {
    public let id: String
    public let groupID: String
    public let status: ReferralStatus
    public let businessStatus: ReferralBusinessStatus?
    public let reason: ReferralReason?
    public let reasonText: String?
    public let declinedBy: DeclinedBy?
    public let urgency: ReferralUrgency?
    public let serviceID: String?
    public let organizationID: String?
    public let poolKind: OrganizationKind?
    public let needs: [String]
    public let sozialraumID: String?
    public let targetGroups: [String]
    public let preferredLanguage: String?
    public let accessibilityNeeds: [String]
    public let desiredFrom: String?
    public let desiredUntil: String?
    public let respondBy: String?
    public let doNotContact: Bool
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
    /// The notes thread, when visible.
    public let notes: [ReferralNote]
    /// The access level the view was made for.
    public let access: ReferralAccess.Level
}

/// One note of a referral's thread.
public struct ReferralNote: Sendable, Equatable {
    public let id: Int
    public let at: String
    public let accountID: String
    public let role: String
    public let organizationID: String?
    public let body: String
}

/// One timeline event: who (account, role, organization), when, from → to, why.
public struct ReferralEvent: Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Sendable, Codable {
        case status, business, claim, reopen, note, loop
    }

    public let id: Int
    public let referralID: String
    public let at: String
    public let kind: Kind
    public let accountID: String?
    /// The role, or "system".
    public let role: String
    public let organizationID: String?
    public let fromStatus: ReferralStatus?
    public let toStatus: ReferralStatus?
    public let businessStatus: ReferralBusinessStatus?
    public let reason: ReferralReason?
    /// Free text (shown to the requesting team only).
    public let reasonText: String?
}

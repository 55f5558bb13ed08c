// ReferralView: a referral as one viewer may see it — made only by ReferralAccess.project, with
// every field the viewer may not see left empty. This is what pages render.

/// The visible part of a referral for one viewer.
public struct ReferralView: Sendable, Equatable {
    /// The id.
    public let id: String
    /// The referral group (parallel offers share it).
    public let groupID: String
    /// The status.
    public let status: ReferralStatus
    /// The provider's finer step.
    public let businessStatus: ReferralBusinessStatus?
    /// The coded reason (rejected, cancelled, on-hold, failed).
    public let reason: ReferralReason?
    /// Free text for the reason (personal).
    public let reasonText: String?
    /// Who declined, for rejected, cancelled and failed.
    public let declinedBy: DeclinedBy?
    /// Routine or urgent.
    public let urgency: ReferralUrgency?
    /// The target service.
    public let serviceID: String?
    /// The organization concerned.
    public let organizationID: String?
    /// For a pool: the organization kind.
    public let poolKind: OrganizationKind?
    /// Need codes (taxonomy `bedarf`).
    public let needs: [String]
    /// The Sozialraum id.
    public let sozialraumID: String?
    /// Target group codes.
    public let targetGroups: [String]
    /// ISO 639 code of the preferred language.
    public let preferredLanguage: String?
    /// Accessibility feature codes.
    public let accessibilityNeeds: [String]
    /// Start of the desired window (`YYYY-MM-DD`).
    public let desiredFrom: String?
    /// End of the desired window (`YYYY-MM-DD`).
    public let desiredUntil: String?
    /// Answer expected by the end of this day (`YYYY-MM-DD`).
    public let respondBy: String?
    /// The provider must not contact the citizen.
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
    /// The notes thread, when visible.
    public let notes: [ReferralNote]
    /// The appointment, when visible (`ReferralAccess.appointment`).
    public let appointment: ReferralAppointment?
    /// The access level the view was made for.
    public let access: ReferralAccess.Level
}

/// One note of a referral's thread.
public struct ReferralNote: Sendable, Equatable {
    /// The id.
    public let id: Int
    /// When (ISO timestamp).
    public let at: String
    /// The account concerned.
    public let accountID: String
    /// The role, or "system".
    public let role: String
    /// The organization concerned.
    public let organizationID: String?
    /// The consent category it is filed under: a recipient reads it only when its consent
    /// covers this category.
    public let category: ConsentCategory
    /// The text (personal).
    public let body: String
}

/// One timeline event: who (account, role, organization), when, from → to, why.
public struct ReferralEvent: Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Sendable, Codable {
        case status, business, claim, reopen, note, loop
    }

    /// The id.
    public let id: Int
    /// The referral concerned.
    public let referralID: String
    /// When (ISO timestamp).
    public let at: String
    /// What kind.
    public let kind: Kind
    /// The account concerned.
    public let accountID: String?
    /// The role, or "system".
    public let role: String
    /// The organization concerned.
    public let organizationID: String?
    /// The status before.
    public let fromStatus: ReferralStatus?
    /// The status after.
    public let toStatus: ReferralStatus?
    /// The provider's finer step.
    public let businessStatus: ReferralBusinessStatus?
    /// The coded reason (rejected, cancelled, on-hold, failed).
    public let reason: ReferralReason?
    /// Free text (shown to the requesting team only).
    public let reasonText: String?
}

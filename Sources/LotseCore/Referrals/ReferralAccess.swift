// ReferralAccess: the one place that decides what a viewer may see of a referral (docs/domain.md
// §6.2–6.3), like Audience for the directory. Pages, lists, the CLI and exports ask it; the
// projection it makes is the only form in which referral data leaves the domain layer.
import Foundation

/// What a viewer may see of one referral.
public struct ReferralAccess: Sendable, Equatable {
    /// How much of the referral is visible.
    public enum Level: Int, Sendable, Comparable {
        /// Nothing (another provider, another counselor's team, an admin, a draft).
        case none
        /// A coordinator: the referral only counts in aggregates; no content.
        case aggregatesOnly
        /// That it exists and its status (a provider after rejection, cancellation, the
        /// grace period, or without consent).
        case statusOnly
        /// The pseudonymous summary: need, Sozialraum, urgency, language, accessibility,
        /// desired window, deadline.
        case summary
        /// The summary plus identity/contact/notes as far as consent covers this recipient.
        case full
        /// The requesting counselor's team: everything.
        case owner

        /// Orders levels from nothing to everything.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The level.
    public let level: Level
    /// The consent categories whose fields and notes this viewer sees (`ConsentCategory` maps
    /// each to its fields): everything for the requesting team; for a provider what its valid
    /// consents cover at the referral's status — `needs` alone while requested, every covered
    /// category after acceptance (contact never with "nicht kontaktieren"); nothing below.
    public let categories: Set<ConsentCategory>
    /// The recipient organization the viewer sees it as (providers), for the disclosure log.
    public let organizationID: String?

    /// Creates an access (use `decide`).
    init(level: Level, categories: Set<ConsentCategory> = [], organizationID: String? = nil) {
        self.level = level
        self.categories = level >= .summary ? categories : []
        self.organizationID = organizationID
    }

    /// The citizen's name may be shown.
    public var identity: Bool { categories.contains(.identity) }
    /// Phone, e-mail and address may be shown.
    public var contact: Bool { categories.contains(.contact) }
    /// The notes thread is open to this viewer (the requesting team; a provider after
    /// acceptance), each note only when its category is in `categories`.
    public var notes: Bool { level >= .full }

    /// The appointment may be shown: to the requesting team; to a provider from acceptance on
    /// (full access) when its consent covers `needs` — frame data, not identity.
    public var appointment: Bool { level == .owner || (level >= .full && categories.contains(.needs)) }

    /// True when this viewer may read `note`.
    public func mayRead(_ note: ReferralNote) -> Bool { notes && categories.contains(note.category) }

    /// The categories this viewer may file a note under: what it may read back.
    public var noteCategories: Set<ConsentCategory> { notes ? categories : [] }

    /// Decides what `viewer` may see of `referral` at `now`, given the consents of its group
    /// and the provider's grace period after completed/failed.
    public static func decide(viewer: Account, referral: Referral, consents: [Consent], now: Date,
                              graceDays: Int = ReferralSettings.standard.accessGraceDays) -> ReferralAccess {
        let nothing = ReferralAccess(level: .none)
        guard viewer.status == .active else { return nothing }
        switch viewer.role {
        case .admin:
            return nothing
        case .coordinator:
            return ReferralAccess(level: .aggregatesOnly)
        case .counselor:
            let sameTeam = referral.requesterAccountID == viewer.id
                || (viewer.organizationID != nil && viewer.organizationID == referral.requesterOrganizationID)
            return sameTeam ? ReferralAccess(level: .owner, categories: Set(ConsentCategory.allCases)) : nothing
        case .provider:
            guard referral.status != .draft,
                  let organization = viewer.organizations.intersection(referral.recipientOrganizations).sorted().first else { return nothing }
            return recipient(organization, referral: referral, consents: consents, now: now, graceDays: graceDays)
        }
    }

    /// What recipient organization `organization` may see of `referral` at `now`: the one rule
    /// for providers (pages, JSON twins, lists) and for the disclosure rows of explicit actions.
    public static func recipient(_ organization: String, referral: Referral, consents: [Consent], now: Date,
                                 graceDays: Int = ReferralSettings.standard.accessGraceDays) -> ReferralAccess {
        let statusOnly = ReferralAccess(level: .statusOnly, organizationID: organization)
        let shared = consents.categories(for: organization, on: BerlinTime(now).dateString)
        guard shared.contains(.needs) else { return statusOnly }
        switch referral.status {
        case .draft:
            return ReferralAccess(level: .none)
        case .requested:
            return ReferralAccess(level: .summary, categories: [.needs], organizationID: organization)
        case .rejected, .cancelled, .enteredInError:
            return statusOnly
        case .completed, .failed:
            guard let closed = referral.closedAt.flatMap(Timestamp.parse),
                  now < closed.addingTimeInterval(TimeInterval(graceDays) * 86_400) else { return statusOnly }
            fallthrough
        case .accepted, .inProgress, .onHold:
            return ReferralAccess(level: .full, categories: referral.doNotContact ? shared.subtracting([.contact]) : shared,
                                  organizationID: organization)
        }
    }

    /// The data categories this access discloses (for the audit log's read and disclosure
    /// rows), in the order of `ConsentCategory`.
    public var disclosedCategories: [String] {
        guard level >= .summary else { return level == .statusOnly ? ["status"] : [] }
        return ConsentCategory.allCases.filter(categories.contains).map(\.rawValue)
    }

    /// The referral as this viewer may see it, or nil when they may see nothing of it: every
    /// field only when the category it belongs to is in `categories`, every note of `thread`
    /// only when its category is, the appointment only when `appointment` allows it.
    public func project(_ referral: Referral, notes thread: [ReferralNote] = [], appointment stored: ReferralAppointment? = nil) -> ReferralView? {
        guard level >= .statusOnly else { return nil }
        let summary = categories.contains(.needs)
        let owner = level == .owner
        return ReferralView(
            id: referral.id, groupID: referral.groupID, status: referral.status, businessStatus: referral.businessStatus,
            reason: referral.reason, reasonText: owner ? referral.reasonText : nil, declinedBy: referral.declinedBy,
            urgency: summary ? referral.urgency : nil, serviceID: referral.serviceID, organizationID: referral.organizationID,
            poolKind: referral.poolKind, needs: summary ? referral.needs : [],
            sozialraumID: summary ? referral.sozialraumID : nil, targetGroups: summary ? referral.targetGroups : [],
            preferredLanguage: summary ? referral.preferredLanguage : nil,
            accessibilityNeeds: summary ? referral.accessibilityNeeds : [],
            desiredFrom: summary ? referral.desiredFrom : nil, desiredUntil: summary ? referral.desiredUntil : nil,
            respondBy: referral.respondBy, doNotContact: summary && referral.doNotContact,
            caseReference: owner ? referral.caseReference : nil,
            citizenName: identity ? referral.citizenName : nil,
            citizenPhone: contact ? referral.citizenPhone : nil,
            citizenEmail: contact ? referral.citizenEmail : nil,
            citizenAddress: contact ? referral.citizenAddress : nil,
            outcome: owner ? referral.outcome : nil, outcomeText: owner ? referral.outcomeText : nil,
            citizenFeedback: owner ? referral.citizenFeedback : nil,
            createdAt: referral.createdAt, sentAt: referral.sentAt, respondedAt: referral.respondedAt,
            statusChangedAt: referral.statusChangedAt, closedAt: referral.closedAt,
            notes: thread.filter(mayRead), appointment: appointment ? stored : nil, access: level)
    }
}

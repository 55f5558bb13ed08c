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

    /// The Sozialraum level.
    public let level: Level
    /// The citizen's name may be shown.
    public let identity: Bool
    /// Phone, e-mail and address may be shown.
    public let contact: Bool
    /// The notes thread may be shown.
    public let notes: Bool
    /// The recipient organization the viewer sees it as (providers), for the disclosure log.
    public let organizationID: String?

    /// Decides what `viewer` may see of `referral` at `now`, given the consents of its group
    /// and the provider's grace period after completed/failed.
    public static func decide(viewer: Account, referral: Referral, consents: [Consent], now: Date,
                              graceDays: Int = ReferralSettings.standard.accessGraceDays) -> ReferralAccess {
        let nothing = ReferralAccess(level: .none, identity: false, contact: false, notes: false, organizationID: nil)
        guard viewer.status == .active else { return nothing }
        switch viewer.role {
        case .admin:
            return nothing
        case .coordinator:
            return ReferralAccess(level: .aggregatesOnly, identity: false, contact: false, notes: false, organizationID: nil)
        case .counselor:
            let sameTeam = referral.requesterAccountID == viewer.id
                || (viewer.organizationID != nil && viewer.organizationID == referral.requesterOrganizationID)
            return sameTeam ? ReferralAccess(level: .owner, identity: true, contact: true, notes: true, organizationID: nil) : nothing
        case .provider:
            guard referral.status != .draft,
                  let organization = viewer.organizations.intersection(referral.recipientOrganizations).sorted().first else { return nothing }
            let statusOnly = ReferralAccess(level: .statusOnly, identity: false, contact: false, notes: false, organizationID: organization)
            let today = BerlinTime(now).dateString
            let shared = consents.categories(for: organization, on: today)
            guard shared.contains(.needs) else { return statusOnly }
            switch referral.status {
            case .draft:
                return nothing
            case .requested:
                return ReferralAccess(level: .summary, identity: false, contact: false, notes: false, organizationID: organization)
            case .rejected, .cancelled, .enteredInError:
                return statusOnly
            case .completed, .failed:
                guard let closed = referral.closedAt.flatMap(Timestamp.parse),
                      now < closed.addingTimeInterval(TimeInterval(graceDays) * 86_400) else { return statusOnly }
                fallthrough
            case .accepted, .inProgress, .onHold:
                let identity = shared.contains(.identity)
                return ReferralAccess(level: .full, identity: identity,
                                      contact: shared.contains(.contact) && !referral.doNotContact,
                                      notes: identity, organizationID: organization)
            }
        }
    }

    /// The data categories this access discloses (for the audit log's disclosure rows).
    public var disclosedCategories: [String] {
        guard level >= .summary else { return level == .statusOnly ? ["status"] : [] }
        var categories = ["needs"]
        if identity { categories.append("identity") }
        if contact { categories.append("contact") }
        if notes { categories.append("notes") }
        return categories
    }

    /// The referral as this viewer may see it, or nil when they may see nothing of it.
    public func project(_ referral: Referral, notes thread: [ReferralNote] = []) -> ReferralView? {
        guard level >= .statusOnly else { return nil }
        let summary = level >= .summary
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
            notes: notes ? thread : [], access: level)
    }
}

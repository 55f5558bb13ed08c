// HousingHolds+Reading: a proposal as its viewer may see it — through ReferralDesk.view, so
// ReferralAccess decides and the read is audited; the household's data only with the summary
// the consent covers; the street address only to the company and, while the flat is held or
// let to them, the proposing team — and the lists of the team's and the company's proposals.
import Foundation
import SQLite

/// One proposal as a viewer sees it.
public struct HousingProposalCase: Sendable {
    public let proposal: HousingProposal
    /// The referral as ReferralAccess projects it for the viewer.
    public let referral: ReferralView
    public let offer: HousingOffer
    /// Street, house number and postal code when the viewer may see them, else what the
    /// company shows before a hold (the street or nothing).
    public let address: String?
    /// The household's size, pot and cost bearer's office are shown (owner; the company with
    /// a consent covering the summary).
    public let showsHousehold: Bool
    public let officeName: String?
    /// Who the viewer acts as, nil when they only look.
    public let actor: HousingProposalLifecycle.Actor?
    /// The events the viewer may fire now.
    public let events: [HousingProposalLifecycle.Event]
    /// The company may still extend the hold.
    public let mayExtend: Bool
    /// The counselor may record the approval's steps.
    public let mayRecordSteps: Bool
}

/// One line of a proposal list.
public struct HousingProposalItem: Sendable, Equatable {
    public let proposal: HousingProposal
    public let area: String
    public let rooms: Int
    public let company: String
    /// The counselor's case reference (the proposing team only).
    public let caseReference: String?
}

extension HousingHolds {
    /// Proposal `id` as `account` sees it; forbidden for everyone ReferralAccess shows nothing
    /// (other teams, other providers, coordinators, admins). The read is audited.
    public func proposalCase(_ id: String, as account: Account) throws -> HousingProposalCase {
        try write { desk, _ in
            guard let proposal = try HousingProposal.load(desk.db, id: id) else {
                throw LotseError(.notFound, "Diesen Wohnungsvorschlag gibt es nicht.")
            }
            let view = try desk.view(id, as: account, purpose: "Wohnungsvorschlag ansehen")
            guard let offer = try HousingOffers.offers(desk.db, where: "o.id = ?", [proposal.offerID]).first else {
                throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht.")
            }
            let owner = view.access == .owner
            let company = account.role == .provider && account.organizations.contains(proposal.companyOrganizationID)
            let showsHousehold = owner || (company && view.access >= .summary)
            let actor: HousingProposalLifecycle.Actor? = owner ? .counselor : company && view.access >= .summary ? .company : nil
            let office = showsHousehold ? try proposal.costBearerOfficeID.flatMap {
                try desk.db.scalarString("SELECT name FROM cost_bearer_office WHERE id = ?", $0)
            } : nil
            let events = actor.map { actor in
                HousingProposalLifecycle.events(from: proposal.state, for: actor).filter { $0 != .withdrawOffer }
            } ?? []
            return HousingProposalCase(
                proposal: proposal, referral: view, offer: offer,
                address: Self.address(of: offer, proposal: proposal, ownerTeam: owner, company: company),
                showsHousehold: showsHousehold, officeName: office, actor: actor, events: events,
                mayExtend: actor == .company && proposal.state == .held && proposal.extendedAt == nil,
                mayRecordSteps: actor == .counselor && proposal.state == .held)
        }
    }

    /// The address rule of a proposal's page: the company always sees its own flat's full
    /// address; the proposing team while the flat is held for it or let to it; nobody else
    /// more than the company shows before a hold.
    public static func address(of offer: HousingOffer, proposal: HousingProposal, ownerTeam: Bool, company: Bool) -> String? {
        if company || (ownerTeam && (proposal.state.holdsFlat || proposal.state == .let)) {
            return [[offer.street, offer.houseNumber].filter { !$0.isEmpty }.joined(separator: " "), offer.postalCode]
                .filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return offer.showStreet ? offer.street : nil
    }

    /// The proposals `account` works on: a counselor's team's, a housing company editor's
    /// (addressed to its organizations), newest first; nobody else's. Logged as one read.
    public func proposals(for account: Account) throws -> [HousingProposalItem] {
        guard account.status == .active else { return [] }
        return try write { desk, _ in
            let condition: String
            var values: [SQLBindable?]
            switch account.role {
            case .counselor:
                condition = "(r.requester_account_id = ? OR (r.requester_organization_id IS NOT NULL AND r.requester_organization_id = ?))"
                values = [account.id, account.organizationID]
            case .provider where !account.organizations.isEmpty:
                let marks = Array(repeating: "?", count: account.organizations.count).joined(separator: ", ")
                condition = "p.company_organization_id IN (\(marks)) AND r.status != 'draft'"
                values = account.organizations.sorted()
            default:
                return []
            }
            let owner = account.role == .counselor
            let items = try desk.db.query("""
                SELECT p.referral_id, s.name, o.rooms_tenths, g.name, r.case_reference FROM housing_proposal p
                JOIN referral r ON r.id = p.referral_id JOIN housing_offer o ON o.id = p.offer_id
                JOIN sozialraum s ON s.id = o.sozialraum_id JOIN organization g ON g.id = o.organization_id
                WHERE \(condition) ORDER BY p.proposed_at DESC, p.referral_id LIMIT 200
                """, values: values) { ($0.string(0), $0.string(1), $0.int(2), $0.string(3), $0.optionalString(4)) }
            let result = try items.compactMap { row -> HousingProposalItem? in
                guard let proposal = try HousingProposal.load(desk.db, id: row.0) else { return nil }
                return HousingProposalItem(proposal: proposal, area: row.1, rooms: row.2, company: row.3, caseReference: owner ? row.4 : nil)
            }
            if !result.isEmpty {
                try desk.audit.record(.read, by: .person(account), referralID: nil,
                                      what: "Liste der Wohnungsvorschläge (\(result.count))", purpose: "Wohnungsvorschläge ansehen")
            }
            return result
        }
    }

    /// The cost bearers' offices for the proposal form (id, name, pot), by name.
    public func offices() throws -> [CostBearerOffice] {
        try CostBearerOffices(store: store, now: now).all()
    }
}

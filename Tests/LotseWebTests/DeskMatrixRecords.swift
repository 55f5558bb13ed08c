// DeskMatrixRecords: fresh referral-desk records for the authorization matrix and the CSRF
// test — the matrix counselor's referrals to provider A's service in a given status (with a
// consent of the case for A covering the need, the name and contact), and routing rules.
import Foundation
import LotseCore
import SQLite
import Testing

extension MatrixRecords {
    /// A new referral of the matrix counselor to provider A's service, in `status` (draft,
    /// requested, accepted by A, or rejected by A).
    func referralA(_ status: ReferralStatus) throws -> String {
        try referral(to: EditingFixture.serviceA, of: EditingFixture.organizationA, by: fixture.providerA, status)
    }

    /// A new referral of the matrix counselor to provider B's shelter, requested.
    func referralB() throws -> String {
        try referral(to: EditingFixture.serviceB, of: EditingFixture.organizationB, by: fixture.providerB, .requested)
    }

    /// A new referral to `service` of `organization`, brought to `status` by `provider`.
    func referral(to service: String, of organization: String, by provider: Account, _ status: ReferralStatus) throws -> String {
        let f = fixture
        return try f.site.store.pool.write { db in
            let desk = try ReferralDesk(db: db, now: WebFixture.now)
            var draft = ReferralDraft(needs: ["begegnung.quartierstreff"], sozialraum: "bremen-osterholz", caseReference: "MX-1")
            draft.citizenName = "Matrix Person"
            let id = try desk.createDraft(draft, by: f.counselor)
            guard status != .draft else { return id }
            try desk.recordConsent(groupID: id, ConsentInput(recipients: [organization], categories: [.needs, .identity, .contact],
                                                             purpose: "Test", form: .signed, givenOn: "2026-11-16", informationVersion: "1",
                                                             confidentialityRelease: true), by: f.counselor)
            try desk.send(id, to: [.service(service)], by: f.counselor)
            switch status {
            case .accepted: try desk.transition(id, to: .accepted, by: .person(provider))
            case .rejected: try desk.transition(id, to: .rejected, by: .person(provider), reason: .capacity)
            default: break
            }
            return id
        }
    }

    /// A new routing rule listing provider A's service (it replaces the previous one for the
    /// same need and Sozialraum, so each call's id is the one rule there).
    func routingRule() throws -> String {
        let f = fixture
        return try f.site.store.pool.write { db in
            try RoutingRules(db: db, now: WebFixture.now).set(need: "begegnung.quartierstreff", sozialraum: "bremen-osterholz",
                                                              target: .services([EditingFixture.serviceA]), by: f.coordinator).id
        }
    }
}

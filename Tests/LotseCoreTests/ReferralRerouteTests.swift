// Re-referring ("Neu vermitteln"): an ended referral is copied into a new draft of the same
// case, so a consent of the case that covers the new target lets it be sent at once; only the
// requesting team may, and only after rejection, cancellation or failure. Also: what sending
// to a target would address.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralRerouteTests {
    @Test func aRejectedReferralIsReroutedIntoTheSameCaseAndItsConsentStillCovers() throws {
        let f = try ReferralFixture()
        let id = try f.draft { $0.citizenName = "Erika Muster"; $0.respondBy = "2026-11-20" }
        try f.consent(id, for: [f.orgA, f.orgB])
        try f.desk { try $0.send(id, to: [.service(f.serviceA)], by: f.counselor) }
        try f.desk { try $0.transition(id, to: .rejected, by: .person(f.providerA), reason: .capacity) }

        let newID = try f.desk { try $0.reroute(id, by: f.colleague) }
        let rerouted = try f.referral(newID)
        let ended = try f.referral(id)
        #expect(rerouted.status == .draft && rerouted.groupID == ended.groupID && rerouted.id != id)
        #expect(rerouted.needs == ended.needs && rerouted.caseReference == "BZ-2026-0815" && rerouted.citizenName == "Erika Muster")
        #expect(rerouted.respondBy == nil && rerouted.recipients.isEmpty && rerouted.requesterAccountID == f.counselor.id)
        #expect(try f.desk { try $0.caseReferrals(of: newID, as: f.counselor) } == [id, newID])
        #expect(ended.status == .rejected, "the ended referral stays as it was")

        // The case's consent covers B: sent without recording a new one.
        let sent = try f.desk { try $0.send(newID, to: [.service(f.serviceB)], by: f.counselor) }
        #expect(try sent == [newID] && f.referral(newID).status == .requested)
        // C is not covered.
        let again = try f.desk { try $0.reroute(id, by: f.counselor) }
        #expect(throws: LotseError.self) { try f.desk { try $0.send(again, to: [.service(f.serviceC)], by: f.counselor) } }
    }

    @Test func onlyTheTeamReroutesAndOnlyEndedReferrals() throws {
        let f = try ReferralFixture()
        let ids = try f.sent(to: [f.serviceA, f.serviceB])
        for account in [f.otherCounselor, f.providerA, f.coordinator, f.admin] {
            try f.desk { desk in
                #expect(throws: LotseError.self) { try desk.reroute(ids[0], by: account) }
                #expect(throws: LotseError.self) { try desk.caseReferrals(of: ids[0], as: account) }
            }
        }
        let requested = try #require(throws: LotseError.self) { try f.desk { try $0.reroute(ids[0], by: f.counselor) } }
        #expect(requested.kind == .conflict)
        try f.desk { try $0.transition(ids[0], to: .accepted, by: .person(f.providerA)) }
        // The sibling was cancelled because A accepted: nothing to re-route.
        #expect(try f.referral(ids[1]).reason == .siblingAccepted)
        let sibling = try #require(throws: LotseError.self) { try f.desk { try $0.reroute(ids[1], by: f.counselor) } }
        #expect(sibling.kind == .conflict)
    }

    @Test func recipientsNameWhomSendingWouldAddress() throws {
        let f = try ReferralFixture()
        let recipients = try f.desk { try $0.recipients(of: .service(f.serviceB), needs: ["pflege.tagespflege"]) }
        #expect(recipients.map(\.organizationID) == [f.orgB] && recipients.map(\.serviceID) == [f.serviceB])
        #expect(recipients.allSatisfy { $0.state == .offered })
        try f.desk { desk in
            #expect(throws: LotseError.self) { try desk.recipients(of: .service("gibt-es-nicht"), needs: ["pflege"]) }
            #expect(throws: LotseError.self) { try desk.recipients(of: .pool(kind: .dlz, sozialraum: "gibt-es-nicht"), needs: ["pflege"]) }
        }
    }
}

// Consent per recipient (docs/domain.md §6.1): sending is blocked without a valid consent covering
// every target (missing, expired, not yet given, one of several targets uncovered); withdrawal
// cancels unanswered offers, revokes the provider's access to identity and contact, and
// notifies the recipients.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ConsentTests {
    @Test func sendingIsBlockedWithoutConsent() throws {
        let network = try ReferralFixture()
        let id = try network.draft()
        let error = #expect(throws: LotseError.self) {
            try network.desk { try $0.send(id, to: [.service(network.serviceA)], by: network.counselor) }
        }
        #expect(error?.kind == .conflict && error?.message.contains("Tagespflege Gruna gGmbH") == true)
        #expect(try network.referral(id).status == .draft)
    }

    @Test func sendingIsBlockedWithExpiredConsent() throws {
        let network = try ReferralFixture()
        let id = try network.draft()
        try network.consent(id, for: [network.orgA], givenOn: "2026-01-10", expiresOn: "2026-11-17")
        #expect(throws: LotseError.self) { try network.desk { try $0.send(id, to: [.service(network.serviceA)], by: network.counselor) } }
        try network.consent(id, for: [network.orgA], givenOn: "2026-11-18", expiresOn: "2026-11-18")
        #expect(try network.desk { try $0.send(id, to: [.service(network.serviceA)], by: network.counselor) } == [id])
    }

    @Test func sendingIsBlockedWhenOneOfSeveralTargetsIsNotCovered() throws {
        let network = try ReferralFixture()
        let id = try network.draft()
        try network.consent(id, for: [network.orgA, network.orgC])
        let error = #expect(throws: LotseError.self) {
            try network.desk { try $0.send(id, to: [.service(network.serviceA), .service(network.serviceB), .service(network.serviceC)],
                                           by: network.counselor) }
        }
        #expect(error?.message.contains("Diakonie Johannstadt") == true)
        #expect(error?.message.contains("Gruna") == false && error?.message.contains("Striesen") == false)
        #expect(try network.store.pool.read { try $0.scalarInt("SELECT count(*) FROM referral") } == 1, "no sibling was created")
        // A consent for the categories without "needs", or in the future, does not count either.
        #expect(throws: LotseError.self) { try network.consent(id, for: [network.orgB], categories: [.identity]) }
        #expect(throws: LotseError.self) { try network.consent(id, for: [network.orgB], givenOn: "2026-12-01") }
        try network.consent(id, for: [network.orgB], categories: [.needs])
        let ids = try network.desk {
            try $0.send(id, to: [.service(network.serviceA), .service(network.serviceB), .service(network.serviceC)], by: network.counselor)
        }
        let groups = Set(try ids.map { try network.referral($0).groupID })
        #expect(ids.count == 3 && groups == [id])
    }

    @Test func consentRecordsEverythingTheLawAsksFor() throws {
        let network = try ReferralFixture()
        let id = try network.draft()
        var input = ConsentInput(recipients: [network.orgA], categories: [.needs, .health], purpose: "Tagespflege finden",
                                 form: .verbalRecorded, givenOn: "2026-11-18", expiresOn: "2027-05-18", informationVersion: "3.1",
                                 confidentialityRelease: true)
        input.givenBy = .representative
        #expect(throws: LotseError.self) { try network.desk { try $0.recordConsent(groupID: id, input, by: network.counselor) } }
        input.consentingPerson = "Max Mustermann (Betreuer)"
        #expect(throws: LotseError.self) { try network.desk { try $0.recordConsent(groupID: id, input, by: network.otherCounselor) } }
        let consent = try network.desk { try $0.recordConsent(groupID: id, input, by: network.counselor) }
        #expect(consent.givenBy == .representative && consent.consentingPerson == "Max Mustermann (Betreuer)")
        #expect(consent.form == .verbalRecorded && consent.expiresOn == "2027-05-18" && consent.informationVersion == "3.1")
        #expect(consent.confidentialityRelease && consent.categories == [.needs, .health] && consent.recipients == [network.orgA])
        #expect(consent.isValid(on: "2027-05-18") && !consent.isValid(on: "2027-05-19") && !consent.isValid(on: "2026-11-17"))
    }

    @Test func withdrawalRevokesAccessCancelsWaitingOffersAndNotifies() throws {
        let network = try ReferralFixture()
        let ids = try network.sent(to: [network.serviceA, network.serviceB]) { $0.citizenName = "Erika Mustermann" }
        let (accepted, waiting) = (ids[0], ids[1])
        try network.desk { try $0.transition(accepted, to: .accepted, by: .person(network.providerA)) }
        // The acceptance cancelled the sibling; send another group that stays waiting.
        let other = try network.sent(to: [network.serviceC])[0]
        #expect(try network.referral(waiting).status == .cancelled)
        #expect(try network.desk { try $0.view(accepted, as: network.providerA) }.citizenName == "Erika Mustermann")
        let consentID = try network.store.pool.read { try Consent.load($0, groupID: accepted) }[0].id
        let otherConsent = try network.store.pool.read { try Consent.load($0, groupID: other) }[0].id
        let notified = try network.desk { try $0.withdrawConsent(consentID, by: network.counselor) }
        try network.desk { _ = try $0.withdrawConsent(otherConsent, by: network.counselor) }
        #expect(notified.contains(network.orgA))
        let view = try network.desk { try $0.view(accepted, as: network.providerA) }
        #expect(view.access == .statusOnly && view.citizenName == nil && view.needs.isEmpty)
        let cancelled = try network.referral(other)
        #expect(cancelled.status == .cancelled && cancelled.reason == .consentWithdrawn)
        let notices = try network.store.pool.read { db in
            (try ReferralNotifications(db: db).list(for: network.providerA), try ReferralNotifications(db: db).list(for: network.providerC))
        }
        #expect(notices.0.contains { $0.kind == .consentWithdrawn && $0.referralID == accepted })
        #expect(notices.1.contains { $0.kind == .consentWithdrawn && $0.referralID == other })
        #expect(notices.0.allSatisfy { !$0.detail.contains("Erika") })
        #expect(throws: LotseError.self) { try network.desk { _ = try $0.withdrawConsent(consentID, by: network.counselor) } }
    }
}

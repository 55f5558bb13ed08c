// Data gating by status (docs/domain.md §6.2–6.3): what the addressed provider sees at each status,
// with and without consent covering it; other providers, coordinators and admins; the grace
// period after completion; and that every view is audited as a read while disclosures come
// from sending and accepting.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralAccessTests {
    func referral(_ network: ReferralFixture, categories: Set<ConsentCategory> = [.needs, .identity, .contact],
                  doNotContact: Bool = false) throws -> String {
        try network.sent(to: [network.serviceA], categories: categories) { draft in
            draft.citizenName = "Erika Mustermann"
            draft.citizenPhone = "0351 123456"
            draft.citizenEmail = "erika@example.net"
            draft.preferredLanguage = "de"
            draft.accessibilityNeeds = ["aufzug"]
            draft.doNotContact = doNotContact
        }[0]
    }

    @Test func providerSeesOnlyThePseudonymousSummaryWhileRequested() throws {
        let network = try ReferralFixture()
        let id = try referral(network)
        let view = try network.desk { try $0.view(id, as: network.providerA) }
        #expect(view.access == .summary)
        #expect(view.needs == ["pflege.tagespflege"] && view.sozialraumID == "dd-gr" && view.urgency == .routine)
        #expect(view.preferredLanguage == "de" && view.accessibilityNeeds == ["aufzug"])
        #expect(view.citizenName == nil && view.citizenPhone == nil && view.citizenEmail == nil && view.caseReference == nil)
        #expect(view.businessStatus == nil, "a look changes nothing; \"gelesen\" is an explicit action")
    }

    @Test func identityAndContactOnlyAfterAcceptanceAndWithConsent() throws {
        let network = try ReferralFixture()
        let full = try referral(network)
        let needsOnly = try referral(network, categories: [.needs])
        let noContact = try referral(network, doNotContact: true)
        for id in [full, needsOnly, noContact] {
            try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        }
        for status in [ReferralStatus.accepted, .inProgress, .onHold] {
            for id in [full, needsOnly, noContact] { try network.force(id, to: status) }
            let (a, b, c) = try network.desk { desk in
                (try desk.view(full, as: network.providerA), try desk.view(needsOnly, as: network.providerA),
                 try desk.view(noContact, as: network.providerA))
            }
            #expect(a.access == .full && a.citizenName == "Erika Mustermann" && a.citizenPhone == "0351 123456", "\(status)")
            #expect(b.access == .full && b.citizenName == nil && b.citizenPhone == nil && b.needs == ["pflege.tagespflege"], "\(status)")
            #expect(c.citizenName == "Erika Mustermann" && c.citizenPhone == nil && c.doNotContact, "\(status)")
            #expect(a.caseReference == nil, "the counselor's case reference stays with the counselor")
        }
    }

    @Test func accessEndsOnRejectionCancellationAndAfterTheGracePeriod() throws {
        let network = try ReferralFixture()
        for status in [ReferralStatus.rejected, .cancelled, .enteredInError] {
            let id = try referral(network)
            try network.force(id, to: status)
            let view = try network.desk { try $0.view(id, as: network.providerA) }
            #expect(view.access == .statusOnly && view.needs.isEmpty && view.citizenName == nil && view.sozialraumID == nil, "\(status)")
            #expect(view.status == status)
        }
        for status in [ReferralStatus.completed, .failed] {
            let id = try referral(network)
            try network.force(id, to: status, closedAt: "2026-11-10T09:00:00Z")
            let within = try network.desk(now: Timestamp.parse("2026-11-23T09:00:00Z")!) { try $0.view(id, as: network.providerA) }
            #expect(within.access == .full && within.citizenName == "Erika Mustermann", "\(status) within 14 days")
            let after = try network.desk(now: Timestamp.parse("2026-11-25T09:00:00Z")!) { try $0.view(id, as: network.providerA) }
            #expect(after.access == .statusOnly && after.citizenName == nil && after.needs.isEmpty, "\(status) after 14 days")
            var settings = ReferralSettings()
            settings.accessGraceDays = 30
            let longer = try network.desk(now: Timestamp.parse("2026-11-25T09:00:00Z")!, settings: settings) { try $0.view(id, as: network.providerA) }
            #expect(longer.access == .full, "the grace period is configurable")
        }
    }

    @Test func othersSeeNothingAndTheTeamSeesEverything() throws {
        let network = try ReferralFixture()
        let id = try referral(network)
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        for viewer in [network.providerB, network.otherCounselor, network.admin] {
            let error = #expect(throws: LotseError.self) { try network.desk { try $0.view(id, as: viewer) } }
            #expect(error?.kind == .forbidden, "\(viewer.email)")
        }
        let coordinator = #expect(throws: LotseError.self) { try network.desk { try $0.view(id, as: network.coordinator) } }
        #expect(coordinator?.message.contains("Auswertungen") == true)
        #expect(throws: LotseError.self) { try network.desk { try $0.list(for: network.coordinator) } }
        let colleague = try network.desk { try $0.view(id, as: network.colleague) }
        #expect(colleague.access == .owner && colleague.caseReference == "BZ-2026-0815" && colleague.citizenEmail == "erika@example.net")
        #expect(try network.desk { try $0.list(for: network.providerB) }.isEmpty)
        #expect(try network.desk { try $0.list(for: network.providerA) }.map(\.id) == [id])
        let decision = ReferralAccess.decide(viewer: network.coordinator, referral: try network.referral(id), consents: [], now: ReferralFixture.now)
        let stored = try network.referral(id)
        #expect(decision.level == .aggregatesOnly && decision.project(stored) == nil)
    }

    @Test func everyViewIsAuditedAsReadAndActionsAsDisclosures() throws {
        let network = try ReferralFixture()
        let id = try referral(network)
        try network.desk { desk in
            try desk.transition(id, to: .accepted, by: .person(network.providerA))
            _ = try desk.view(id, as: network.providerA, purpose: "Aufnahme planen")
            _ = try desk.view(id, as: network.counselor)
        }
        let (entries, disclosures) = try network.store.pool.read { db in
            (try AuditLog(db: db).entries(referralID: id), try AuditLog(db: db).disclosures(groupID: id))
        }
        let providerRead = entries.first { $0.action == .read && $0.accountID == network.providerA.id }
        #expect(providerRead?.purpose == "Aufnahme planen" && providerRead?.organizationID == network.orgA)
        #expect(providerRead?.what == "needs,identity,contact")
        #expect(entries.contains { $0.action == .read && $0.accountID == network.counselor.id && $0.role == "counselor" })
        #expect(disclosures.count == 1 && disclosures[0].organizationName == "Tagespflege Gruna gGmbH")
        // Sending disclosed the summary, accepting the covered categories; the views added none.
        #expect(disclosures[0].categories == ["contact", "identity", "needs"] && disclosures[0].count == 2)
    }

    @Test func notesAreSharedAfterAcceptanceUnderACoveredCategory() throws {
        let network = try ReferralFixture()
        let id = try referral(network)
        try network.desk { try $0.addNote(id, "Rollator, Abholung ab 8 Uhr", category: .identity, by: network.counselor) }
        #expect(throws: LotseError.self) { try network.desk { try $0.addNote(id, "Frage", by: network.providerA) } }
        #expect(try network.desk { try $0.view(id, as: network.providerA) }.notes.isEmpty)
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        try network.desk { try $0.addNote(id, "Erstgespräch am Montag", by: network.providerA) }
        let notes = try network.desk { try $0.view(id, as: network.providerA) }.notes
        #expect(notes.map(\.body) == ["Rollator, Abholung ab 8 Uhr", "Erstgespräch am Montag"])
    }
}

// Consent scope (docs/domain.md §6.1–6.2): a recipient sees exactly what its consent covers at
// the referral's status — field by field per category, notes only when their category is
// covered, personal categories only with the Schweigepflichtentbindung — and reading a
// referral changes nothing: "gelesen" and the disclosure rows come from explicit actions.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ConsentScopeTests {
    func referral(_ network: ReferralFixture, categories: Set<ConsentCategory>) throws -> String {
        try network.sent(to: [network.serviceA], categories: categories) { draft in
            draft.citizenName = "Erika Mustermann"
            draft.citizenPhone = "0351 123456"
            draft.citizenEmail = "erika@example.net"
            draft.citizenAddress = "Musterweg 1"
            draft.accessibilityNeeds = ["aufzug"]
        }[0]
    }

    func disclosureRows(_ network: ReferralFixture, _ id: String) throws -> Int {
        try network.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND referral_id = ?", id) } ?? 0
    }

    @Test func aNoteIsHiddenWhenTheConsentDoesNotCoverHealth() throws {
        let network = try ReferralFixture()
        let id = try referral(network, categories: [.needs, .identity, .contact])
        // A counselor's note without a chosen category is filed as health (the most protective).
        try network.desk { try $0.addNote(id, "Diabetes, Insulin morgens", by: network.counselor) }
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        let view = try network.desk { try $0.view(id, as: network.providerA) }
        #expect(view.citizenName == "Erika Mustermann", "identity is covered")
        #expect(view.notes.isEmpty, "a health note reached a provider without a health consent")
        let own = try network.desk { try $0.view(id, as: network.counselor) }
        #expect(own.notes.map(\.body) == ["Diabetes, Insulin morgens"], "the team keeps its note")
    }

    @Test func everyCategoryReleasesItsOwnFields() throws {
        let network = try ReferralFixture()
        let contactOnly = try referral(network, categories: [.needs, .contact])
        try network.desk { try $0.transition(contactOnly, to: .accepted, by: .person(network.providerA)) }
        let view = try network.desk { try $0.view(contactOnly, as: network.providerA) }
        #expect(view.citizenName == nil, "identity is not covered")
        #expect(view.citizenPhone == "0351 123456" && view.citizenEmail == "erika@example.net" && view.citizenAddress == "Musterweg 1")
        #expect(view.needs == ["pflege.tagespflege"] && view.accessibilityNeeds == ["aufzug"])
    }

    @Test func personalCategoriesNeedTheConfidentialityRelease() throws {
        let network = try ReferralFixture()
        let id = try network.draft()
        var input = ConsentInput(recipients: [network.orgA], categories: [.needs, .identity], purpose: "Tagespflege", form: .signed,
                                 givenOn: "2026-11-02", informationVersion: "2026-01", confidentialityRelease: false)
        input.givenBy = .citizen
        let refused = #expect(throws: LotseError.self) { try network.desk { try $0.recordConsent(groupID: id, input, by: network.counselor) } }
        #expect(refused?.kind == .invalidInput && refused?.message.contains("Schweigepflichtentbindung") == true)
        // A consent recorded without the release (e.g. before this rule) shares the summary only.
        let stored = try referral(network, categories: [.needs, .identity, .contact, .health])
        try network.desk { try $0.transition(stored, to: .accepted, by: .person(network.providerA)) }
        try network.store.pool.write { db in
            try db.execute("UPDATE consent SET confidentiality_release = 0 WHERE group_id = (SELECT group_id FROM referral WHERE id = ?)", stored)
        }
        let view = try network.desk { try $0.view(stored, as: network.providerA) }
        #expect(view.access == .full && view.needs == ["pflege.tagespflege"])
        #expect(view.citizenName == nil && view.citizenPhone == nil, "identity and contact without the Schweigepflichtentbindung")
    }

    @Test func readingNeitherMarksReadNorRecordsADisclosure() throws {
        let network = try ReferralFixture()
        let id = try referral(network, categories: [.needs, .identity, .contact])
        let before = try disclosureRows(network, id)
        _ = try network.desk { try $0.view(id, as: network.providerA) }
        _ = try network.desk { try $0.list(for: network.providerA) }
        #expect(try network.referral(id).businessStatus == nil, "a GET marked the referral read")
        #expect(try disclosureRows(network, id) == before, "a GET wrote disclosure rows")
        let reads = try network.store.pool.read {
            try $0.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'read' AND referral_id = ? AND account_id = ?", id, network.providerA.id)
        }
        #expect(reads == 1, "the read itself stays audited")
    }

    @Test func acceptingMarksReadWithoutAnEarlierLook() throws {
        let network = try ReferralFixture()
        let id = try referral(network, categories: [.needs, .identity, .contact])
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        #expect(try network.referral(id).businessStatus == .read)
    }

    @Test func disclosuresComeFromTheActionsThatMakeDataAvailable() throws {
        let network = try ReferralFixture()
        let id = try referral(network, categories: [.needs, .identity, .contact])
        func rows() throws -> [String] {
            try network.store.pool.read {
                try $0.query("SELECT what FROM audit_log WHERE action = 'disclosure' AND referral_id = ? ORDER BY seq", id) { $0.string(0) }
            }
        }
        #expect(try rows() == ["needs"], "sending discloses the summary")
        try network.desk { try $0.markRead(id, by: network.providerA) }
        try network.desk { try $0.markRead(id, by: network.providerA) }
        #expect(try rows() == ["needs", "needs"] && network.referral(id).businessStatus == .read, "\"gelesen\" once, with what A sees")
        try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerA)) }
        try network.desk { try $0.addNote(id, "Bitte klingeln", category: .identity, by: network.counselor) }
        try network.desk { try $0.addNote(id, "Insulin", by: network.counselor) }
        #expect(try rows() == ["needs", "needs", "needs,identity,contact", "identity"], "the health note was disclosed to nobody")
        try network.consent(id, for: [network.orgA], categories: [.needs, .health])
        #expect(try rows().last == "health", "a widened consent discloses what it adds")
        #expect(try network.desk { try $0.view(id, as: network.providerA) }.notes.map(\.body) == ["Bitte klingeln", "Insulin"])
    }
}

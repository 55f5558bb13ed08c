// ReferralLabelsTests: the referral screens' lookups in LotseCore — labels of codes and ids,
// the needs of a listed service, the desk's stored referrals, consents and information text
// version, and Store's desk and label transactions.
import Foundation
import Testing
@testable import LotseCore

@Suite struct ReferralLabelsTests {
    @Test func labelsNameCodesServicesAndPeople() throws {
        let r = try ReferralFixture()
        try r.fixture.sql("UPDATE service SET capacity_status = 'waitlist' WHERE id = '\(r.serviceA)'",
                          "UPDATE taxonomy_term SET retired_at = '2026-01-01T00:00:00Z' WHERE id = 'z-fam'")
        try r.store.referralLabels { labels in
            #expect(labels.terms[.need]?.first { $0.code == "pflege.tagespflege" }?.category == "Pflege")
            #expect(labels.terms[.targetGroup]?.first { $0.code == "familien" }?.retired == true)
            #expect(labels.areas["dd-gr"]?.code == "dresden-gruna" && labels.areas["dd-gr"]?.parent == "dd-bl")
            let service = try #require(try labels.service(r.serviceA))
            #expect(service.name == "Tagespflege Gruna" && service.organizationID == r.orgA && service.capacity == .waitlist)
            #expect(try labels.service("nix") == nil && labels.organization("nix") == nil)
            #expect(try labels.organization(r.orgB) == "Diakonie Johannstadt")
            #expect(try labels.person(r.counselor.id) == "Berater")
            #expect(try labels.needs(ofListedService: r.serviceA) == ["pflege.tagespflege"])
            #expect(throws: LotseError.self) { try labels.needs(ofListedService: "nix") }
        }
    }

    @Test func storeDeskRunsWithStoredSettingsAndLooksUp() throws {
        let r = try ReferralFixture()
        let id = try r.draft()
        try r.store.desk(now: ReferralFixture.now) { desk in
            #expect(desk.now == ReferralFixture.now)
            let referral = try #require(try desk.storedReferral(id))
            #expect(try referral.status == .draft && desk.storedReferral("nix") == nil)
            #expect(try desk.groupConsents(referral.groupID).isEmpty)
            #expect(try desk.latestConsentInformationVersion() == nil)
            #expect(try desk.needs(ofListedService: r.serviceB) == ["pflege.tagespflege"])
            #expect(try desk.labels().service(r.serviceC)?.organizationID == r.orgC)
        }
        let groupID = try #require(try r.desk { try $0.storedReferral(id)?.groupID })
        try r.consent(groupID, for: [r.orgA])
        try r.store.desk(now: ReferralFixture.now) { (desk: ReferralDesk) throws in
            #expect(try desk.groupConsents(groupID).count == 1)
            #expect(try desk.latestConsentInformationVersion() == "2026-01")
        }
    }
}

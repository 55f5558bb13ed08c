// Urgent referrals and pools that fit the need: an urgent referral must be answered by the next
// working day (`referral.urgent_respond_by_days`), a service's shorter deadline still applies;
// lists show open urgent referrals first; a pool of mixed services offers a referral only to
// the services with its need, and a provider with several of them picks the one that takes it.
import Foundation
import Testing
@testable import LotseCore

@Suite struct UrgencyAndPoolTests {
    @Test func anUrgentReferralIsDueTheNextWorkingDay() throws {
        let network = try ReferralFixture()
        // Sent on Wednesday 18 November 2026, Buß- und Bettag in Dresden (Saxony).
        let routine = try network.sent(to: [network.serviceA])[0]
        let urgent = try network.sent(to: [network.serviceB]) { $0.urgency = .urgent }[0]
        #expect(try network.referral(routine).respondBy == "2026-11-23")
        #expect(try network.referral(urgent).respondBy == "2026-11-19")
        var two = ReferralSettings.standard
        two.urgentRespondByDays = 2
        let id = try network.draft { $0.urgency = .urgent }
        try network.consent(id, for: [network.orgC])
        try network.desk(settings: two) { _ = try $0.send(id, to: [.service(network.serviceC)], by: network.counselor) }
        #expect(try network.referral(id).respondBy == "2026-11-20")
    }

    @Test func theUrgentDeadlineIsReadFromTheSettings() throws {
        let network = try ReferralFixture()
        try SettingsEditor(store: network.store).set("referral.urgent_respond_by_days", to: "3", by: .commandLine)
        #expect(try network.store.pool.read { try ReferralSettings.load($0) }.urgentRespondByDays == 3)
        #expect(ReferralSettings.standard.urgentRespondByDays == 1)
    }

    @Test func listsShowOpenUrgentReferralsFirst() throws {
        let network = try ReferralFixture()
        let closedUrgent = try network.sent(to: [network.serviceA]) { $0.urgency = .urgent }[0]
        try network.force(closedUrgent, to: .completed, closedAt: "2026-11-18T09:00:00Z")
        let openUrgent = try network.sent(to: [network.serviceA]) { $0.urgency = .urgent }[0]
        let routine = try network.sent(to: [network.serviceA])[0]
        try network.store.pool.write { db in
            for (id, at) in [(closedUrgent, "2026-11-18T08:00:00Z"), (openUrgent, "2026-11-18T09:00:00Z"), (routine, "2026-11-18T10:00:00Z")] {
                try db.execute("UPDATE referral SET created_at = ? WHERE id = ?", at, id)
            }
        }
        let counselorList = try network.desk { try $0.list(for: network.counselor) }.map(\.id)
        #expect(counselorList == [openUrgent, routine, closedUrgent])
        let providerList = try network.desk { try $0.list(for: network.providerA) }.map(\.id)
        #expect(providerList == [openUrgent, routine, closedUrgent])
    }

    /// A DLZ pool in Blasewitz with mixed services: two Tagespflege services of one DLZ, a
    /// Mittagstisch and a Schuldnerberatung, and a Tagespflege outside the area.
    struct MixedPool {
        let network: ReferralFixture
        let dlzGruna: String, dlzStriesen: String
        let grunaDayCare: String, grunaDayCareTwo: String, grunaLunch: String, striesenDebt: String, striesenDayCare: String
        let provider: Account

        init() throws {
            network = try ReferralFixture()
            let f = network.fixture
            dlzGruna = try f.organization("DLZ Gruna", kind: "dlz")
            dlzStriesen = try f.organization("DLZ Striesen", kind: "dlz")
            let dlzAltstadt = try f.organization("DLZ Altstadt", kind: "dlz")
            grunaDayCare = try f.service("Tagespflege im DLZ Gruna", organization: dlzGruna, area: "dd-gr", terms: ["n-tag"])
            grunaDayCareTwo = try f.service("Tagespflege am Wochenende", organization: dlzGruna, area: "dd-gr", terms: ["n-tag", "n-mit"])
            grunaLunch = try f.service("Mittagstisch Gruna", organization: dlzGruna, area: "dd-gr", terms: ["n-mit"])
            striesenDebt = try f.service("Schuldnerberatung Striesen", organization: dlzStriesen, area: "dd-st", terms: ["n-sch"])
            striesenDayCare = try f.service("Tagespflege Striesen (DLZ)", organization: dlzStriesen, area: "dd-st", terms: ["n-tag"])
            _ = try f.service("Tagespflege im DLZ Altstadt", organization: dlzAltstadt, area: "dd-jo", terms: ["n-tag"])
            let gruna = dlzGruna
            provider = try network.store.pool.write { try AccountStore(db: $0).create(email: "gruna@example.org", displayName: "DLZ Gruna",
                                                                                         role: .provider, organizations: [gruna]) }
        }

        func pooled(needs: [String]) throws -> String {
            let id = try network.draft { $0.needs = needs }
            try network.consent(id, for: [dlzGruna, dlzStriesen])
            try network.desk { _ = try $0.send(id, to: [.pool(kind: .dlz, sozialraum: "dresden-blasewitz")], by: network.counselor) }
            return id
        }
    }

    @Test func aPoolOffersOnlyTheServicesWithTheNeed() throws {
        let pool = try MixedPool()
        let id = try pool.pooled(needs: ["pflege.tagespflege"])
        #expect(Set(try pool.network.referral(id).recipients.map(\.serviceID)) == [pool.grunaDayCare, pool.grunaDayCareTwo, pool.striesenDayCare])
        let broad = try pool.pooled(needs: ["alltag"])
        #expect(Set(try pool.network.referral(broad).recipients.map(\.serviceID)) == [pool.grunaDayCareTwo, pool.grunaLunch],
                "a broader need includes the narrower ones below it")
        let recipients = try pool.network.desk { try $0.recipients(of: .pool(kind: .dlz, sozialraum: "dresden-blasewitz"), needs: ["beratung.schulden"]) }
        #expect(recipients.map(\.serviceID) == [pool.striesenDebt])
        try pool.network.desk { desk in
            let none = #expect(throws: LotseError.self) {
                try desk.recipients(of: .pool(kind: .dlz, sozialraum: "dresden-blasewitz"), needs: ["beratung.sucht"])
            }
            #expect(none?.message.contains("für diesen Bedarf") == true)
            let needless = #expect(throws: LotseError.self) { try desk.recipients(of: .pool(kind: .dlz, sozialraum: "dresden-blasewitz"), needs: []) }
            #expect(needless?.kind == .invalidInput)
        }
    }

    @Test func theClaimingProviderPicksWhichOfItsMatchingServicesTakesIt() throws {
        let pool = try MixedPool()
        let id = try pool.pooled(needs: ["pflege.tagespflege"])
        try pool.network.desk { desk in
            let unchosen = #expect(throws: LotseError.self) { try desk.transition(id, to: .accepted, by: .person(pool.provider)) }
            #expect(unchosen?.message.contains("Bitte wählen") == true)
            #expect(throws: LotseError.self) { try desk.transition(id, to: .accepted, by: .person(pool.provider), serviceID: pool.grunaLunch) }
        }
        try pool.network.desk { try $0.transition(id, to: .accepted, by: .person(pool.provider), serviceID: pool.grunaDayCareTwo) }
        let claimed = try pool.network.referral(id)
        #expect(claimed.serviceID == pool.grunaDayCareTwo && claimed.organizationID == pool.dlzGruna)
        #expect(claimed.recipients.filter { $0.state == .claimed }.map(\.serviceID) == [pool.grunaDayCareTwo])
    }
}

// Routing: coordinators' rules take precedence; every ranking factor makes a difference on its
// own (pairs of services that differ in one factor only); parallel offers cancel their
// siblings on the first acceptance; a pool is claimed by the first provider that accepts.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct RoutingTests {
    /// Two services with the same need in the same place; `improve` changes one factor of the
    /// first, which sorts second by name, so only that factor can put it first.
    func pair(_ improve: (Fixture, String, String) throws -> Void, area: String = "dd-gr",
              request: (inout SuggestionRequest) -> Void = { _ in }) throws -> [Suggestion] {
        let fixture = try Fixture()
        try fixture.sql("UPDATE sozialraum SET latitude = 51.04, longitude = 13.79 WHERE id = 'dd-gr'")
        let organization = try fixture.organization("Träger")
        let good = try fixture.service("Zweites Angebot", organization: organization, area: area, terms: ["n-tag"], capacity: "waitlist")
        let plain = try fixture.service("Erstes Angebot", organization: organization, area: area, terms: ["n-tag"], capacity: "waitlist")
        try improve(fixture, good, plain)
        var wanted = SuggestionRequest(needs: ["pflege.tagespflege"], sozialraum: "dresden-gruna")
        request(&wanted)
        let router = try fixture.store.pool.read { db in
            ReferralRouter(routing: try RoutingIndex.build(db, index: try SearchIndex.build(db, now: Fixture.now)),
                           rules: try RoutingRules(db: db).all())
        }
        let result = try router.suggest(wanted, now: Fixture.now).suggestions
        #expect(result.map(\.serviceID) == [good, plain], "the improved service ranks first")
        #expect(result.count == 2 && result[0].score > result[1].score)
        return result
    }

    @Test func needMatchCounts() throws {
        let result = try pair({ fixture, good, _ in
            try fixture.sql("INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES ('x', '\(good)', 'service', 'n-mit')")
        }, request: { $0.needs = ["pflege.tagespflege", "alltag.mittagstisch"] })
        #expect(result[0].factors.need == 30 && result[1].factors.need == 15)
    }

    @Test func areaClosenessCounts() throws {
        let fixture = try Fixture()
        let organization = try fixture.organization("Träger")
        let far = try fixture.service("Tagespflege Johannstadt", organization: organization, area: "dd-jo", terms: ["n-tag"])
        let near = try fixture.service("Tagespflege Gruna", organization: organization, area: "dd-gr", terms: ["n-tag"])
        let sibling = try fixture.service("Tagespflege Striesen", organization: organization, area: "dd-st", terms: ["n-tag"])
        let router = try fixture.store.pool.read { db in
            ReferralRouter(routing: try RoutingIndex.build(db, index: try SearchIndex.build(db, now: Fixture.now)), rules: [])
        }
        let result = try router.suggest(SuggestionRequest(needs: ["pflege.tagespflege"], sozialraum: "dresden-gruna"), now: Fixture.now)
        #expect(result.suggestions.map(\.serviceID) == [near, sibling, far])
        #expect(result.suggestions[0].factors.area > result.suggestions[1].factors.area)
        #expect(result.suggestions[1].factors.area > result.suggestions[2].factors.area)
    }

    @Test func distanceCounts() throws {
        let result = try pair { fixture, good, plain in
            try fixture.sql("""
                UPDATE location SET latitude = 51.041, longitude = 13.791 WHERE id IN (SELECT location_id FROM service_at_location WHERE service_id = '\(good)');
                UPDATE location SET latitude = 51.09, longitude = 13.85 WHERE id IN (SELECT location_id FROM service_at_location WHERE service_id = '\(plain)');
                """)
        }
        #expect((result[0].factors.distanceKilometres ?? 99) < 1 && (result[1].factors.distanceKilometres ?? 0) > 5)
    }

    @Test func targetGroupCounts() throws {
        let result = try pair({ fixture, good, _ in
            try fixture.sql("INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id) VALUES ('x', '\(good)', 'service', 'z-sen')")
        }, request: { $0.targetGroups = ["senioren"] })
        #expect(result[0].factors.targetGroup == 8 && result[1].factors.targetGroup == 0)
    }

    @Test func languageCounts() throws {
        let result = try pair({ fixture, good, _ in
            try fixture.sql("INSERT INTO language(id, service_id, code, name) VALUES ('x', '\(good)', 'tr', 'Türkisch')")
        }, request: { $0.language = "tr" })
        #expect(result[0].factors.language == 8 && result[1].factors.language == 0)
    }

    @Test func accessibilityCounts() throws {
        let result = try pair({ fixture, good, _ in
            try fixture.sql("""
                INSERT INTO attribute(id, link_id, link_entity, taxonomy_term_id)
                SELECT 'x', location_id, 'location', 'b-auf' FROM service_at_location WHERE service_id = '\(good)'
                """)
        }, request: { $0.accessibility = ["aufzug", "barrierefreies-wc"] })
        #expect(result[0].factors.accessibility == 4 && result[1].factors.accessibility == 0)
    }

    @Test func capacityCounts() throws {
        let result = try pair { fixture, good, _ in
            try fixture.sql("UPDATE service SET capacity_status = 'available' WHERE id = '\(good)'")
        }
        #expect(result[0].factors.capacity == 10 && result[1].factors.capacity == 4)
    }

    @Test func verificationFreshnessCounts() throws {
        let result = try pair { fixture, good, plain in
            try fixture.sql("""
                UPDATE service SET verified_at = '2026-11-01T09:00:00Z', next_review_due = '2027-11-01' WHERE id = '\(good)';
                UPDATE service SET verified_at = '2025-06-01T09:00:00Z', next_review_due = '2026-06-01' WHERE id = '\(plain)';
                """)
        }
        #expect(result[0].factors.freshness > 4.5 && result[1].factors.freshness == 0)
    }

    @Test func responsivenessCounts() throws {
        let result = try pair { fixture, good, plain in
            try fixture.sql("""
                INSERT INTO organization(id, name, created_at, last_modified) VALUES ('asker', 'Beratung', '2026-01-01', '2026-01-01');
                INSERT INTO account(id, email, display_name, role, organization_id, created_at)
                    VALUES ('c1', 'c@example.org', 'C', 'counselor', 'asker', '2026-01-01');
                """)
            for number in 0..<4 {
                for (service, status, hours) in [(good, "completed", 2), (plain, "rejected", 90)] {
                    try fixture.sql("""
                        INSERT INTO referral(id, group_id, status, requester_account_id, service_id, created_at, sent_at, responded_at, status_changed_at)
                        VALUES ('r\(number)\(service)', 'r\(number)\(service)', '\(status)', 'c1', '\(service)', '2026-10-01T08:00:00Z',
                                '2026-10-01T08:00:00Z', datetime('2026-10-01T08:00:00', '+\(hours) hours'), '2026-10-05T08:00:00Z')
                        """)
                }
            }
        }
        #expect(result[0].responsiveness?.acceptanceRate == 1 && abs((result[0].responsiveness?.medianReplyHours ?? 0) - 2) < 0.01)
        #expect(result[1].responsiveness?.acceptanceRate == 0 && result[1].factors.responsiveness < 5)
        #expect(result[0].factors.responsiveness > 9)
    }

    @Test func rulesTakePrecedenceMostSpecificFirst() throws {
        let network = try ReferralFixture()
        let (broad, narrow) = try network.store.pool.write { db -> (RoutingRule, RoutingRule) in
            let rules = RoutingRules(db: db, now: ReferralFixture.now)
            #expect(throws: LotseError.self) { try rules.set(need: "pflege", sozialraum: "dresden", target: .services([network.serviceC]), by: network.counselor) }
            return (try rules.set(need: "pflege", sozialraum: "dresden", target: .services([network.serviceB]), by: network.coordinator),
                    try rules.set(need: "pflege.tagespflege", sozialraum: "dresden-blasewitz",
                                  target: .services([network.serviceC, network.serviceB]), by: network.coordinator))
        }
        let router = try network.store.pool.read { db in
            ReferralRouter(routing: try RoutingIndex.build(db, index: try SearchIndex.build(db, now: Fixture.now)), rules: try RoutingRules(db: db).all())
        }
        let gruna = try router.suggest(SuggestionRequest(needs: ["pflege.tagespflege"], sozialraum: "dresden-gruna"), now: Fixture.now)
        #expect(gruna.ruleID == narrow.id)
        #expect(gruna.suggestions.map(\.serviceID) == [network.serviceC, network.serviceB, network.serviceA])
        #expect(gruna.suggestions[0].source == .rule(id: narrow.id, position: 0) && gruna.suggestions[2].source == .ranked)
        let johannstadt = try router.suggest(SuggestionRequest(needs: ["pflege.tagespflege"], sozialraum: "dresden-johannstadt"), now: Fixture.now)
        #expect(johannstadt.ruleID == broad.id && johannstadt.suggestions.first?.serviceID == network.serviceB)
        let bremen = try router.suggest(SuggestionRequest(needs: ["pflege.tagespflege"], sozialraum: "bremen-ostertor"), now: Fixture.now)
        #expect(bremen.ruleID == nil && bremen.suggestions.allSatisfy { $0.source == .ranked })
    }

    @Test func parallelOffersCancelTheirSiblingsOnTheFirstAcceptance() throws {
        let network = try ReferralFixture()
        let ids = try network.sent(to: [network.serviceA, network.serviceB, network.serviceC])
        #expect(Set(try ids.map { try network.referral($0).groupID }).count == 1)
        try network.desk { try $0.transition(ids[1], to: .accepted, by: .person(network.providerB)) }
        for id in [ids[0], ids[2]] {
            let sibling = try network.referral(id)
            #expect(sibling.status == .cancelled && sibling.reason == .siblingAccepted)
        }
        #expect(throws: LotseError.self) { try network.desk { try $0.transition(ids[0], to: .accepted, by: .person(network.providerA)) } }
        let notices = try network.store.pool.read { try ReferralNotifications(db: $0).list(for: network.providerA) }
        #expect(notices.contains { $0.kind == .siblingCancelled && $0.referralID == ids[0] })
        let counselorNotices = try network.store.pool.read { try ReferralNotifications(db: $0).list(for: network.counselor) }
        #expect(counselorNotices.filter { $0.kind == .statusChanged }.count == 3)
    }

    @Test func aPoolIsClaimedByTheFirstProviderThatAccepts() throws {
        let network = try ReferralFixture()
        let dlzGruna = try network.fixture.organization("DLZ Gruna", kind: "dlz")
        let dlzStriesen = try network.fixture.organization("DLZ Striesen", kind: "dlz")
        let dlzBremen = try network.fixture.organization("DLZ Ostertor", kind: "dlz")
        let gruna = try network.fixture.service("Beratung DLZ Gruna", organization: dlzGruna, area: "dd-gr", terms: ["n-tag"])
        let striesen = try network.fixture.service("Beratung DLZ Striesen", organization: dlzStriesen, area: "dd-st", terms: ["n-tag"])
        _ = try network.fixture.service("Beratung DLZ Ostertor", organization: dlzBremen, area: "hb-os", terms: ["n-tag"])
        let (first, second) = try network.store.pool.write { db in
            let store = AccountStore(db: db)
            return (try store.create(email: "dlz1@example.org", displayName: "DLZ 1", role: .provider, organizations: [dlzGruna]),
                    try store.create(email: "dlz2@example.org", displayName: "DLZ 2", role: .provider, organizations: [dlzStriesen]))
        }
        let id = try network.draft()
        try network.consent(id, for: [dlzGruna])
        let blocked = #expect(throws: LotseError.self) {
            try network.desk { try $0.send(id, to: [.pool(kind: .dlz, sozialraum: "dresden-blasewitz")], by: network.counselor) }
        }
        #expect(blocked?.message.contains("DLZ Striesen") == true)
        try network.consent(id, for: [dlzStriesen])
        try network.desk { _ = try $0.send(id, to: [.pool(kind: .dlz, sozialraum: "dresden-blasewitz")], by: network.counselor) }
        let pooled = try network.referral(id)
        #expect(pooled.isPool && pooled.serviceID == nil && Set(pooled.recipients.map(\.serviceID)) == [gruna, striesen])
        #expect(try network.desk { try $0.view(id, as: second) }.access == .summary)
        try network.desk { try $0.transition(id, to: .accepted, by: .person(second)) }
        let claimed = try network.referral(id)
        #expect(claimed.serviceID == striesen && claimed.organizationID == dlzStriesen)
        #expect(claimed.recipients.first { $0.serviceID == gruna }?.state == .released)
        #expect(throws: LotseError.self) { try network.desk { try $0.view(id, as: first) } }
        #expect(throws: LotseError.self) { try network.desk { try $0.transition(id, to: .rejected, by: .person(first), reason: .capacity) } }
        let events = try network.store.pool.read { try ReferralEvent.load($0, referralID: id) }
        #expect(events.contains { $0.kind == .claim && $0.organizationID == dlzStriesen })
        #expect(try network.store.pool.read { try ReferralNotifications(db: $0).list(for: first) }.contains { $0.kind == .poolClaimed })
    }
}

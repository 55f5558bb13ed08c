// A property test of the referral workflow: random actions by random roles (fixed seed) on
// groups of parallel offers, with the invariants checked after every step — no status outside
// the ten, terminal stays terminal (except entered-in-error), siblings cancelled after an
// acceptance, reasons where required, and a timeline event for every change.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralPropertyTests {
    @Test func randomActionsKeepTheInvariants() throws {
        let network = try ReferralFixture()
        var random = SeededRandom(seed: 20_261_118)
        var groups: [[String]] = []
        var last: [String: ReferralStatus] = [:]
        var successes = 0
        let services = [network.serviceA, network.serviceB, network.serviceC]
        let people: [Account] = [network.counselor, network.colleague, network.otherCounselor, network.providerA, network.providerB,
                                 network.providerC, network.coordinator, network.admin]
        for step in 0..<1000 {
            if groups.isEmpty || random.chance(0.08) {
                let targets = Array(services.shuffled(using: &random).prefix(random.int(1...3)))
                let ids: [String]
                if random.chance(0.2) {
                    ids = [try network.draft()]
                    try network.consent(ids[0], for: [network.orgA, network.orgB, network.orgC])
                } else {
                    ids = try network.sent(to: targets)
                }
                groups.append(ids)
                for id in ids { last[id] = try network.referral(id).status }
            }
            let group = random.pick(groups)
            let id = random.pick(group)
            let current = try network.referral(id)
            // Mostly the people concerned (the referral's provider, the team), sometimes anyone.
            let concerned: [Account] = [network.counselor, network.colleague]
                + [network.providerA, network.providerB, network.providerC].filter { !$0.organizations.isDisjoint(with: current.recipientOrganizations) }
            let actor: ReferralActor = random.chance(0.1) ? .system("jobs")
                : .person(random.chance(0.7) ? random.pick(concerned) : random.pick(people))
            // Mostly a target the domain table allows for that role, sometimes any status.
            let sensible = ReferralStatus.allCases.filter { ReferralStateMachineTests.expected(current.status, actor.role, $0) }
            let target = !sensible.isEmpty && random.chance(0.6) ? random.pick(sensible) : random.pick(ReferralStatus.allCases)
            let reason: ReferralReason?
            if random.chance(0.15) {
                reason = random.chance(0.5) ? nil : random.pick(ReferralReason.allCases)
            } else if target.requiresReason {
                reason = actor.role == nil ? random.pick([.noResponse, .siblingAccepted]) : random.pick(ReferralReason.userReasons)
            } else {
                reason = nil
            }
            let text: String? = random.chance(0.7) ? "Begründung \(step)" : nil
            do {
                if random.chance(0.05), let account = actor.account {
                    try network.desk { try $0.reopen(id, by: account, reasonText: "Korrektur \(step)") }
                } else if target == .requested, let account = actor.account, random.chance(0.5) {
                    let service = random.pick(services)
                    try network.desk { try $0.send(id, to: [.service(service)], by: account) }
                } else {
                    try network.desk { try $0.transition(id, to: target, by: actor, reason: reason, reasonText: text) }
                }
                successes += 1
            } catch is LotseError {
                // Refused: nothing may have changed (checked by the invariants below).
            }
            try checkInvariants(network, groups: groups, last: &last, step: step)
        }
        #expect(successes > 120, "the walk should make progress, made \(successes) changes")
    }

    private func checkInvariants(_ network: ReferralFixture, groups: [[String]], last: inout [String: ReferralStatus], step: Int) throws {
        try network.store.pool.read { db in
            let known = ReferralStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
            #expect(try db.scalarInt("SELECT count(*) FROM referral WHERE status NOT IN (\(known))") == 0)
            for group in groups {
                let members = try group.map { try Referral.load(db, id: $0)! }
                let everAccepted = try db.scalarInt("""
                    SELECT count(*) FROM referral_event e JOIN referral r ON r.id = e.referral_id
                    WHERE r.group_id = ? AND e.to_status = 'accepted'
                    """, members[0].groupID)! > 0
                if everAccepted && members.count > 1 {
                    #expect(!members.contains { $0.status == .requested }, "step \(step): a sibling still waits after an acceptance")
                }
                for referral in members {
                    let before = last[referral.id]!
                    if before.isTerminal && before != .enteredInError && referral.status != before {
                        #expect(referral.status == .enteredInError, "step \(step): \(before) left for \(referral.status)")
                    }
                    if referral.status.requiresReason {
                        #expect(referral.reason != nil, "step \(step): \(referral.status) without reason")
                        if referral.reason == .other { #expect(referral.reasonText?.isEmpty == false) }
                    }
                    // The status events form a chain from draft to the current status.
                    let chain = try ReferralEvent.load(db, referralID: referral.id).filter { $0.kind == .status || $0.kind == .reopen }
                    var current = ReferralStatus.draft
                    for event in chain {
                        #expect(event.fromStatus == current, "step \(step): event from \(String(describing: event.fromStatus)), expected \(current)")
                        current = event.toStatus ?? current
                    }
                    #expect(current == referral.status, "step \(step): timeline ends at \(current), status is \(referral.status)")
                    last[referral.id] = referral.status
                }
            }
        }
    }
}

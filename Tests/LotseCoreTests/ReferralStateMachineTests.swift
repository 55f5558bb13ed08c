// The referral state machine, exhaustively: every (status, role, target) triple against the
// table of docs/domain.md §5.1 — both the rule book alone and through ReferralDesk on stored
// referrals — plus reasons, who declined, authorization and reopening.
import Foundation
import SQLite
import Testing
@testable import LotseCore

@Suite struct ReferralStateMachineTests {
    /// docs/domain.md §5.1, written out independently of the implementation.
    static func expected(_ from: ReferralStatus, _ role: Role?, _ to: ReferralStatus) -> Bool {
        let active: Set<ReferralStatus> = [.requested, .accepted, .inProgress, .onHold]
        switch role {
        case .counselor?:
            if to == .enteredInError { return from != .enteredInError }
            return (from == .draft && to == .requested) || (active.contains(from) && to == .cancelled)
        case .provider?:
            let table: [ReferralStatus: Set<ReferralStatus>] = [
                .requested: [.accepted, .rejected, .cancelled],
                .accepted: [.inProgress, .onHold, .completed, .failed, .cancelled],
                .inProgress: [.onHold, .completed, .failed, .cancelled],
                .onHold: [.inProgress, .completed, .failed, .cancelled],
            ]
            return table[from]?.contains(to) == true
        case nil:
            return (from == .requested && to == .cancelled) || (from == .accepted && to == .failed)
        case .coordinator?, .admin?:
            return false
        }
    }

    static let roles: [Role?] = [.counselor, .provider, .coordinator, .admin, nil]

    @Test func ruleBookMatchesTheDomainTableForEveryTriple() {
        var allowed = 0
        for from in ReferralStatus.allCases {
            for role in Self.roles {
                for to in ReferralStatus.allCases {
                    let want = Self.expected(from, role, to)
                    #expect(ReferralStateMachine.isAllowed(from: from, to: to, role: role) == want,
                            "\(from) → \(to) by \(role?.rawValue ?? "system")")
                    if want { allowed += 1 }
                }
            }
        }
        #expect(allowed == 14 + 16 + 2)   // counselor: send, 4 cancels, 9 × entered-in-error; provider 16; system 2 (cancel, lapsed hold)
        #expect(ReferralStatus.allCases.count == 10)
    }

    @Test func everyTripleThroughTheDeskChangesOrRefuses() throws {
        let network = try ReferralFixture()
        var outcomes = (allowed: 0, refused: 0)
        for from in ReferralStatus.allCases {
            for role in Self.roles {
                for to in ReferralStatus.allCases {
                    let id: String
                    if from == .draft {
                        id = try network.draft()
                        try network.consent(id, for: [network.orgA])
                    } else {
                        id = try network.sent(to: [network.serviceA])[0]
                        try network.force(id, to: from)
                    }
                    let before = try network.store.pool.read { try ReferralEvent.load($0, referralID: id).count }
                    let reason: ReferralReason? = to.requiresReason ? (role == nil ? .noResponse : .capacity) : nil
                    do {
                        if from == .draft && to == .requested && role == .counselor {
                            try network.desk { try $0.send(id, to: [.service(network.serviceA)], by: network.counselor) }
                        } else {
                            try network.desk { try $0.transition(id, to: to, by: network.actor(role), reason: reason) }
                        }
                        #expect(Self.expected(from, role, to), "\(from) → \(to) by \(role?.rawValue ?? "system") was allowed")
                        #expect(try network.referral(id).status == to)
                        let events = try network.store.pool.read { try ReferralEvent.load($0, referralID: id) }
                        // A provider's answer also records "gelesen" (a business event) when none was set.
                        let answered = role == .provider && from == .requested && (to == .accepted || to == .rejected)
                        #expect(events.count == before + (answered ? 2 : 1) && events.last?.fromStatus == from && events.last?.toStatus == to)
                        if answered { #expect(events.dropLast().last?.businessStatus == .read) }
                        #expect(events.last?.role == (role?.rawValue ?? "system"))
                        outcomes.allowed += 1
                    } catch let error as LotseError {
                        #expect(!Self.expected(from, role, to), "\(from) → \(to) by \(role?.rawValue ?? "system") refused: \(error)")
                        #expect(try network.referral(id).status == from)
                        outcomes.refused += 1
                    }
                }
            }
        }
        #expect(outcomes.allowed == 32 && outcomes.refused == 468)
    }

    @Test func reasonsAreRequiredCodedAndChecked() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        func refused(_ reason: ReferralReason?, _ text: String? = nil, to status: ReferralStatus = .rejected,
                     by actor: ReferralActor? = nil) -> LotseError? {
            #expect(throws: LotseError.self) {
                try network.desk { try $0.transition(id, to: status, by: actor ?? .person(network.providerA), reason: reason, reasonText: text) }
            }
        }
        #expect(refused(nil)?.kind == .invalidInput)
        #expect(refused(.other)?.message.contains("beschreiben") == true)
        #expect(refused(.other, "   ")?.kind == .invalidInput)
        #expect(refused(.noResponse)?.message.contains("System") == true)
        #expect(refused(.capacity, to: .accepted)?.kind == .invalidInput)
        #expect(refused(.capacity, to: .cancelled, by: .system("jobs"))?.kind == .invalidInput)
        #expect(try network.referral(id).status == .requested)
        let rejected = try network.desk {
            try $0.transition(id, to: .rejected, by: .person(network.providerA), reason: .other, reasonText: "Umzug nach Leipzig geplant")
        }
        #expect(rejected.status == .rejected && rejected.reason == .other && rejected.reasonText == "Umzug nach Leipzig geplant")
        #expect(rejected.declinedBy == .provider && rejected.respondedAt != nil && rejected.closedAt != nil)
    }

    @Test func whoDeclinedIsRecorded() throws {
        let network = try ReferralFixture()
        let byCitizen = try network.sent(to: [network.serviceA])[0]
        let failed = try network.desk { desk -> Referral in
            try desk.transition(byCitizen, to: .accepted, by: .person(network.providerA))
            return try desk.transition(byCitizen, to: .failed, by: .person(network.providerA), reason: .citizenDeclined)
        }
        #expect(failed.declinedBy == .citizen)
        let byCounselor = try network.sent(to: [network.serviceA])[0]
        let cancelled = try network.desk { try $0.transition(byCounselor, to: .cancelled, by: .person(network.colleague), reason: .missingInformation) }
        #expect(cancelled.declinedBy == nil && cancelled.reason == .missingInformation)
        let third = try network.sent(to: [network.serviceA])[0]
        #expect(throws: LotseError.self) {
            try network.desk { try $0.transition(third, to: .accepted, by: .person(network.providerA), declinedBy: .citizen) }
        }
    }

    @Test func onlyTheRequestingTeamAndTheAddressedProviderAct() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        let stranger = #expect(throws: LotseError.self) {
            try network.desk { try $0.transition(id, to: .cancelled, by: .person(network.otherCounselor), reason: .other, reasonText: "x") }
        }
        #expect(stranger?.kind == .forbidden)
        let otherProvider = #expect(throws: LotseError.self) {
            try network.desk { try $0.transition(id, to: .accepted, by: .person(network.providerB)) }
        }
        #expect(otherProvider?.kind == .forbidden)
        // A colleague of the same counseling organization may act for the team.
        #expect(try network.desk { try $0.transition(id, to: .enteredInError, by: .person(network.colleague)) }.status == .enteredInError)
    }

    @Test func enteredInErrorIsReopenedToThePreviousStatusAndAudited() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        try network.desk { desk in
            try desk.transition(id, to: .accepted, by: .person(network.providerA))
            try desk.transition(id, to: .enteredInError, by: .person(network.counselor), reasonText: "falsche Person")
        }
        #expect(throws: LotseError.self) { try network.desk { try $0.reopen(id, by: network.providerA, reasonText: "x") } }
        #expect(throws: LotseError.self) { try network.desk { try $0.reopen(id, by: network.counselor, reasonText: " ") } }
        let reopened = try network.desk { try $0.reopen(id, by: network.counselor, reasonText: "doch richtig") }
        #expect(reopened.status == .accepted && reopened.previousStatus == nil && reopened.closedAt == nil)
        let (events, audit) = try network.store.pool.read { db in
            (try ReferralEvent.load(db, referralID: id), try AuditLog(db: db).entries(referralID: id))
        }
        #expect(events.last?.kind == .reopen && events.last?.fromStatus == .enteredInError && events.last?.toStatus == .accepted)
        #expect(audit.contains { $0.what.contains("wieder geöffnet") })
        #expect(audit.contains { $0.what.contains("entered-in-error") && $0.action == .change })
        #expect(throws: LotseError.self) { try network.desk { try $0.reopen(id, by: network.counselor, reasonText: "nochmal") } }
    }

    @Test func referralsAreNeverDeleted() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        let error = #expect(throws: SQLiteError.self) { try network.fixture.sql("DELETE FROM referral WHERE id = '\(id)'") }
        #expect(error?.description.contains("never deleted") == true)
        #expect(try network.referral(id).status == .requested)
    }

    @Test func businessStatusIsSeparateAndFitsTheStatus() throws {
        let network = try ReferralFixture()
        let id = try network.sent(to: [network.serviceA])[0]
        #expect(throws: LotseError.self) { try network.desk { try $0.setBusinessStatus(id, .appointment, by: network.providerA) } }
        try network.desk { desk in
            try desk.setBusinessStatus(id, .read, by: network.providerA)
            try desk.transition(id, to: .accepted, by: .person(network.providerA))
            try desk.setBusinessStatus(id, .waitlist, by: network.providerA)
        }
        let referral = try network.referral(id)
        #expect(referral.status == .accepted && referral.businessStatus == .waitlist)
        #expect(ReferralBusinessStatus.waitlist.label == "Warteliste" && ReferralStatus.onHold.label == "Pausiert")
        let kinds = try network.store.pool.read { try ReferralEvent.load($0, referralID: id) }.map(\.kind)
        #expect(kinds.filter { $0 == .business }.count == 2)
    }
}

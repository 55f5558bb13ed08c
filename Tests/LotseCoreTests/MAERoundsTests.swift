// MAERoundsTests: MAE rounds — every transition of the lifecycle (legal and illegal, through
// the table and through the service), applications only while open and only by editors of
// member organizations, comments only during the comment period and only by members, the
// decision with reasons per member (audited), filled and vacant places, no personal fields,
// the members' digest line and the seeded round.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite struct MAERoundsTests {
    /// A store with two members, an applicant, their editors, a coordinator and a counselor.
    final class World {
        let f: Fixture
        let rounds: MAERounds
        let memberA: String, memberB: String, applicant: String
        let coordinator: Account, editorA: Account, editorB: Account, applicantEditor: Account, counselor: Account

        init(now: Date = Fixture.now) throws {
            f = try Fixture()
            rounds = MAERounds(store: f.store, now: now)
            memberA = try f.organization("Nachbarschaftshaus Ost")
            memberB = try f.organization("Gartenverein Süd")
            applicant = try f.organization("Neue Initiative", membership: "applicant")
            coordinator = try f.account()
            editorA = try f.account("a@example.org", name: "A", role: .provider, organizations: [memberA])
            editorB = try f.account("b@example.org", name: "B", role: .provider, organizations: [memberB])
            applicantEditor = try f.account("c@example.org", name: "C", role: .provider, organizations: [applicant])
            counselor = try f.account("d@example.org", name: "D", role: .counselor)
        }

        /// The same store seen at another instant.
        func at(_ day: String) -> MAERounds { MAERounds(store: f.store, now: Timestamp.parse(day + "T10:00:00Z")!) }

        /// A new open round with 6 places in two fields, comments until 2026-11-30.
        func round(places: String = "6") throws -> String {
            var draft = MAERounds.Draft()
            draft.jobCentre = "Jobcenter Test"
            draft.places = places
            draft.hoursPerWeek = "20"
            draft.periodFrom = "2027-01-01"
            draft.periodUntil = "2027-06-30"
            draft.commentUntil = "2026-11-30"
            draft.fields = ["quartier", "garten"]
            return try rounds.create(draft, by: coordinator)
        }

        /// Both members apply.
        func applyBoth(_ id: String) throws {
            try rounds.apply(id, organizationID: memberA, wanted: ["quartier": "3", "garten": "1"], purpose: "Treff", by: editorA)
            try rounds.apply(id, organizationID: memberB, wanted: ["garten": "3"], purpose: "Gärten", by: editorB)
        }

        /// A round brought to `state` (both applied; proposed 3 + 3; both commented; decided 3 + 2).
        func round(in state: MAERoundLifecycle.State) throws -> String {
            let id = try round()
            try applyBoth(id)
            if state == .open { return id }
            try rounds.propose(id, places: [memberA: "3", memberB: "3"], commentUntil: "2026-11-30", by: coordinator)
            if state == .proposed { return id }
            try rounds.comment(id, organizationID: memberA, body: "Passt.", by: editorA)
            try rounds.comment(id, organizationID: memberB, body: "Zu wenig.", by: editorB)
            try rounds.decide(id, [memberA: .init(places: "3", reason: "wie vorgeschlagen"), memberB: .init(places: "2", reason: "Anleitung nur für zwei")],
                              by: coordinator)
            if state == .decided { return id }
            try rounds.close(id, by: coordinator)
            return id
        }

        func state(_ id: String) throws -> MAERoundLifecycle.State { try rounds.round(id).state }
    }

    /// The kind of a LotseError thrown by `body` (nil when something else or nothing was thrown).
    func kind(_ body: () throws -> Void) -> LotseError.Kind? {
        do { try body() } catch let error as LotseError { return error.kind } catch { return nil }
        return nil
    }

    @Test func theTableAllowsExactlyFourMovesAndRefusesEveryOtherWithAGermanConflict() throws {
        let legal: [MAERoundLifecycle.State: [MAERoundLifecycle.Event: MAERoundLifecycle.State]] = [
            .open: [.propose: .proposed], .proposed: [.withdraw: .open, .decide: .decided], .decided: [.close: .closed], .closed: [:],
        ]
        for state in MAERoundLifecycle.State.allCases {
            for event in MAERoundLifecycle.Event.allCases {
                if let to = legal[state]?[event] {
                    #expect(try MAERoundLifecycle.next(from: state, on: event) == to)
                } else {
                    do {
                        _ = try MAERoundLifecycle.next(from: state, on: event)
                        Issue.record("\(state) --\(event)--> must be refused")
                    } catch let error as LotseError {
                        #expect(error.kind == .conflict)
                        #expect(error.message.contains("nicht möglich") && error.message.contains(state.label))
                    }
                }
            }
            #expect(MAERoundLifecycle.events(from: state) == MAERoundLifecycle.Event.allCases.filter { legal[state]?[$0] != nil })
        }
    }

    @Test func everyStepOfTheServiceIsRefusedInEveryStateThatDoesNotAllowIt() throws {
        let w = try World()
        for state in MAERoundLifecycle.State.allCases {
            for event in MAERoundLifecycle.Event.allCases where (try? MAERoundLifecycle.next(from: state, on: event)) == nil {
                let id = try w.round(in: state)
                let result = kind {
                    switch event {
                    case .propose: try w.rounds.propose(id, places: [w.memberA: "1", w.memberB: "1"], commentUntil: "2026-11-30", by: w.coordinator)
                    case .withdraw: try w.rounds.withdraw(id, by: w.coordinator)
                    case .decide: try w.rounds.decide(id, [w.memberA: .init(places: "1", reason: "x"), w.memberB: .init(places: "1", reason: "x")], by: w.coordinator)
                    case .close: try w.rounds.close(id, by: w.coordinator)
                    }
                }
                #expect(result == .conflict, "\(event) in \(state): \(String(describing: result))")
                #expect(try w.state(id) == state)
            }
        }
    }

    @Test func theLegalStepsMoveTheRoundAndWithdrawingReopensIt() throws {
        let w = try World()
        let id = try w.round(in: .proposed)
        try w.rounds.withdraw(id, by: w.coordinator)
        #expect(try w.state(id) == .open)
        #expect(try w.rounds.allocations(id).isEmpty)
        try w.rounds.apply(id, organizationID: w.memberB, wanted: ["garten": "2"], purpose: "Weniger", by: w.editorB)
        try w.rounds.propose(id, places: [w.memberA: "4", w.memberB: "2"], commentUntil: "2026-11-30", by: w.coordinator)
        #expect(try w.state(id) == .proposed)
        #expect(try w.rounds.allocations(id).map(\.proposed) == [2, 4])  // by name: Gartenverein, Nachbarschaftshaus
        #expect(try w.state(try w.round(in: .decided)) == .decided)
        #expect(try w.state(try w.round(in: .closed)) == .closed)
    }

    @Test func onlyCoordinatorsRecordAndMoveRounds() throws {
        let w = try World()
        let id = try w.round(in: .open)
        #expect(kind { try w.rounds.propose(id, places: [w.memberA: "1", w.memberB: "1"], commentUntil: "2026-11-30", by: w.editorA) } == .forbidden)
        var draft = MAERounds.Draft()
        draft.jobCentre = "X"
        #expect(kind { _ = try w.rounds.create(draft, by: w.editorA) } == .forbidden)
        #expect(try w.state(id) == .open)
    }

    @Test func aNewRoundIsCheckedFieldByField() throws {
        let w = try World()
        var draft = MAERounds.Draft()
        draft.places = "null"
        draft.hoursPerWeek = "60"
        draft.periodFrom = "2027-06-30"
        draft.periodUntil = "2027-01-01"
        draft.commentUntil = "2026-11-01"
        draft.fields = ["raketenbau"]
        do {
            _ = try w.rounds.create(draft, by: w.coordinator)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(Set(rejected.problems.map(\.field)) == ["job_centre", "places", "hours_per_week", "period_until", "comment_until", "fields"])
        }
        #expect(try w.rounds.all().isEmpty)
    }

    @Test func membersApplyOnlyWhileTheRoundIsOpenAndANewApplicationReplacesTheOld() throws {
        let w = try World()
        let id = try w.round()
        try w.rounds.apply(id, organizationID: w.memberA, wanted: ["quartier": "3", "garten": "1"], purpose: "Treff", by: w.editorA)
        try w.rounds.apply(id, organizationID: w.memberA, wanted: ["quartier": "2", "garten": ""], purpose: "Treff am Markt", by: w.editorA)
        let application = try #require(try w.rounds.application(id, of: w.memberA))
        #expect(application.wanted == [.quartier: 2])
        #expect(application.purpose == "Treff am Markt")
        for state in [MAERoundLifecycle.State.proposed, .decided, .closed] {
            let other = try w.round(in: state)
            #expect(kind { try w.rounds.apply(other, organizationID: w.memberA, wanted: ["quartier": "1"], purpose: "Nachzügler", by: w.editorA) } == .conflict,
                    "\(state)")
        }
    }

    @Test func onlyEditorsOfMemberOrganizationsApplyAndOnlyForTheirOwn() throws {
        let w = try World()
        let id = try w.round()
        let wanted = ["quartier": "1"]
        #expect(kind { try w.rounds.apply(id, organizationID: w.applicant, wanted: wanted, purpose: "x", by: w.applicantEditor) } == .forbidden)
        #expect(kind { try w.rounds.apply(id, organizationID: w.memberB, wanted: wanted, purpose: "x", by: w.editorA) } == .forbidden)
        #expect(kind { try w.rounds.apply(id, organizationID: w.memberA, wanted: wanted, purpose: "x", by: w.coordinator) } == .forbidden)
        #expect(kind { try w.rounds.apply(id, organizationID: w.memberA, wanted: wanted, purpose: "x", by: w.counselor) } == .forbidden)
        #expect(try w.rounds.applications(id).isEmpty)
        #expect(try w.rounds.memberOrganizations(of: w.applicantEditor).isEmpty)
        #expect(try w.rounds.memberOrganizations(of: w.editorA).map(\.id) == [w.memberA])
    }

    @Test func anApplicationNeedsPlacesInTheRoundsFieldsAndAPurpose() throws {
        let w = try World()
        let id = try w.round()
        do {
            try w.rounds.apply(id, organizationID: w.memberA, wanted: ["quartier": "", "garten": "0", "buero": "4"], purpose: " ", by: w.editorA)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(rejected.problems.map(\.field) == ["wanted_quartier", "purpose"])
        }
        do {
            try w.rounds.apply(id, organizationID: w.memberA, wanted: ["quartier": "viele"], purpose: "Treff", by: w.editorA)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(rejected.problems.map(\.field) == ["wanted_quartier"])
        }
        #expect(try w.rounds.applications(id).isEmpty)
    }

    @Test func aProposalNeedsApplicationsAShareForEachAndNoMorePlacesThanGranted() throws {
        let w = try World()
        let empty = try w.round()
        #expect(kind { try w.rounds.propose(empty, places: [:], commentUntil: "2026-11-30", by: w.coordinator) } == .conflict)
        #expect(try w.state(empty) == .open)
        let id = try w.round(in: .open)
        do {
            try w.rounds.propose(id, places: [w.memberA: "5", w.memberB: "2"], commentUntil: "2026-11-01", by: w.coordinator)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(rejected.problems.map(\.field) == ["", "comment_until"])
            #expect(rejected.problems[0].message.contains("nur 6"))
        }
        do {
            try w.rounds.propose(id, places: [w.memberA: "2"], commentUntil: "2026-11-30", by: w.coordinator)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(rejected.problems.map(\.field) == ["places_" + w.memberB])
        }
        #expect(try w.state(id) == .open)
        #expect(try w.rounds.allocations(id).isEmpty)
    }

    @Test func membersCommentOnlyWhileTheProposalIsUnderCommentAndTheirSayIsRecorded() throws {
        let w = try World()
        let open = try w.round(in: .open)
        #expect(kind { try w.rounds.comment(open, organizationID: w.memberA, body: "Zu früh", by: w.editorA) } == .conflict)
        let id = try w.round(in: .proposed)
        try w.at("2026-11-30").comment(id, organizationID: w.memberB, body: "Wir brauchen drei Plätze für die Gärten.", by: w.editorB)
        let comments = try w.rounds.comments(id)
        #expect(comments.map(\.organizationName) == ["Gartenverein Süd"])
        #expect(comments.first?.createdAt == "2026-11-30T10:00:00Z")
        #expect(try w.f.store.pool.read { try $0.scalarString("SELECT account_id FROM mae_comment WHERE round_id = ?", id) } == w.editorB.id)
        #expect(kind { try w.at("2026-12-01").comment(id, organizationID: w.memberA, body: "Zu spät", by: w.editorA) } == .conflict)
        #expect(kind { try w.rounds.comment(id, organizationID: w.memberA, body: "x", by: w.coordinator) } == .forbidden)
        #expect(kind { try w.rounds.comment(id, organizationID: w.memberA, body: "x", by: w.counselor) } == .forbidden)
        #expect(kind { try w.rounds.comment(id, organizationID: w.applicant, body: "x", by: w.applicantEditor) } == .forbidden)
        #expect(throws: DirectoryWriter.Rejected.self) { try w.rounds.comment(id, organizationID: w.memberA, body: "  ", by: w.editorA) }
        for state in [MAERoundLifecycle.State.decided, .closed] {
            let other = try w.round(in: state)
            #expect(kind { try w.rounds.comment(other, organizationID: w.memberA, body: "Nachher", by: w.editorA) } == .conflict)
        }
        #expect(try w.rounds.comments(id).count == 1)
    }

    @Test func theCoordinatorDecidesAfterTheDeadlineOrOnceEveryApplicantHasHadItsSay() throws {
        let w = try World()
        let decisions: (World) -> [String: MAERounds.Decision] = { w in
            [w.memberA: .init(places: "3", reason: "wie vorgeschlagen"), w.memberB: .init(places: "3", reason: "wie vorgeschlagen")]
        }
        let id = try w.round(in: .proposed)
        #expect(kind { try w.rounds.decide(id, decisions(w), by: w.coordinator) } == .conflict)
        try w.rounds.comment(id, organizationID: w.memberA, body: "Passt.", by: w.editorA)
        #expect(kind { try w.rounds.decide(id, decisions(w), by: w.coordinator) } == .conflict)
        try w.rounds.comment(id, organizationID: w.memberB, body: "Passt auch.", by: w.editorB)
        try w.rounds.decide(id, decisions(w), by: w.coordinator)
        #expect(try w.state(id) == .decided)
        let late = try w.round(in: .proposed)
        try w.at("2026-12-01").decide(late, decisions(w), by: w.coordinator)
        #expect(try w.state(late) == .decided)
    }

    @Test func theDecisionRecordsPlacesAndAReasonPerMemberAndIsAudited() throws {
        let w = try World()
        let id = try w.round(in: .proposed)
        let later = w.at("2026-12-01")
        do {
            try later.decide(id, [w.memberA: .init(places: "4", reason: "Treff"), w.memberB: .init(places: "3", reason: "")], by: w.coordinator)
            Issue.record("accepted")
        } catch let rejected as DirectoryWriter.Rejected {
            #expect(rejected.problems.map(\.field) == ["reason_" + w.memberB, ""])
        }
        #expect(try w.state(id) == .proposed)
        try later.decide(id, [w.memberA: .init(places: "4", reason: "Treff mit Anleitung"), w.memberB: .init(places: "2", reason: "Nur zwei Beete")], by: w.coordinator)
        let allocations = try w.rounds.allocations(id)
        #expect(allocations.map(\.organizationName) == ["Gartenverein Süd", "Nachbarschaftshaus Ost"])
        #expect(allocations.map(\.decided) == [2, 4])
        #expect(allocations.map(\.reason) == ["Nur zwei Beete", "Treff mit Anleitung"])
        #expect(allocations.map(\.proposed) == [3, 3])
        #expect(allocations.map(\.wanted) == [3, 4])
        let audit = try w.f.store.pool.read { db in
            try db.query("SELECT what, purpose, account_id, referral_id FROM audit_log ORDER BY seq") { ($0.string(0), $0.string(1), $0.optionalString(2), $0.optionalString(3)) }
        }
        let decision = try #require(audit.first { $0.0.contains("Verteilung entschieden") })
        #expect(decision.0.contains("Nachbarschaftshaus Ost 4 (Treff mit Anleitung)") && decision.0.contains("Gartenverein Süd 2 (Nur zwei Beete)"))
        #expect(decision.1 == "MAE-Verteilung")
        #expect(decision.2 == w.coordinator.id)
        #expect(decision.3 == nil)
        #expect(audit.contains { $0.0.contains(id) && $0.0.contains("angelegt") })
        #expect(audit.contains { $0.0.contains(id) && $0.0.contains("vorgeschlagen") })
        try w.rounds.close(id, by: w.coordinator)
        #expect(try w.f.store.pool.read { try $0.scalarInt("SELECT count(*) FROM audit_log WHERE what LIKE ?", "%\(id) abgeschlossen%") } == 1)
    }

    @Test func membersReportFilledPlacesUpToTheirAllocationAndTheFiguresShowFilledAndVacant() throws {
        let w = try World()
        let id = try w.round(in: .decided)
        try w.rounds.recordFilled(id, organizationID: w.memberA, filled: "2", by: w.editorA)
        #expect(throws: DirectoryWriter.Rejected.self) { try w.rounds.recordFilled(id, organizationID: w.memberB, filled: "3", by: w.editorB) }
        #expect(throws: DirectoryWriter.Rejected.self) { try w.rounds.recordFilled(id, organizationID: w.memberB, filled: "-1", by: w.editorB) }
        #expect(kind { try w.rounds.recordFilled(id, organizationID: w.memberB, filled: "1", by: w.editorA) } == .forbidden)
        try w.rounds.recordFilled(id, organizationID: w.memberB, filled: "2", by: w.editorB)
        let allocations = try w.rounds.allocations(id)
        #expect(allocations.map(\.filled) == [2, 2])
        #expect(allocations.map(\.vacant) == [0, 1])
        let summary = try #require(try w.rounds.all().first { $0.round.id == id })
        #expect(summary.allocated == 5 && summary.filled == 4 && summary.vacant == 1 && summary.applications == 2 && summary.wanted == 7)
        for state in [MAERoundLifecycle.State.open, .proposed, .closed] {
            let other = try w.round(in: state)
            #expect(kind { try w.rounds.recordFilled(other, organizationID: w.memberA, filled: "1", by: w.editorA) } == .conflict, "\(state)")
        }
    }

    @Test func aMemberWithoutPlacesHasNothingToFill() throws {
        let w = try World()
        let id = try w.round(in: .proposed)
        try w.at("2026-12-01").decide(id, [w.memberA: .init(places: "3", reason: "a"), w.memberB: .init(places: "0", reason: "Keine Anleitung frei")], by: w.coordinator)
        #expect(kind { try w.rounds.recordFilled(id, organizationID: w.memberB, filled: "0", by: w.editorB) } == .conflict)
    }

    @Test func theMAETablesHaveNoFieldForAPerson() throws {
        let w = try World()
        let columns = try w.f.store.pool.read { db in
            let tables: [String] = ["mae_round", "mae_round_field", "mae_application", "mae_application_field", "mae_allocation", "mae_comment"]
            return try tables.map { table -> String in
                "\(table): " + (try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) { $0.string(0) }).joined(separator: ",")
            }
        }
        #expect(columns == [
            "mae_round: id,job_centre,places,hours_per_week,period_from,period_until,comment_until,note,state,created_by,created_at,proposed_at,decided_at,closed_at",
            "mae_round_field: round_id,field",
            "mae_application: round_id,organization_id,purpose,applied_by,applied_at",
            "mae_application_field: round_id,organization_id,field,places",
            "mae_allocation: round_id,organization_id,proposed,decided,reason,filled,filled_at,filled_by",
            "mae_comment: id,round_id,organization_id,account_id,body,created_at",
        ])
    }

    @Test func theMembersDigestMentionsRoundsOpenForComment() throws {
        let w = try World()
        _ = try w.round(in: .open)
        _ = try w.round(in: .proposed)
        _ = try w.round(in: .decided)
        let figures = try w.f.store.pool.read { try MAEDigestFigures.compute($0, now: Fixture.now) }
        #expect(figures.openForComment.count == 1)
        #expect(figures.openForComment.first?.commentUntil == "2026-11-30")
        var context: [String: Templating.TemplateValue] = [:]
        #expect(DigestContent.addMAE(for: w.editorA, figures: figures, page: "https://lotse.example/mae", into: &context))
        #expect(context["mae"]?["rounds"][0]["commentUntil"] == "30.11.2026")
        #expect(context["mae"]?["url"] == "https://lotse.example/mae")
        var other: [String: Templating.TemplateValue] = [:]
        #expect(!DigestContent.addMAE(for: w.applicantEditor, figures: figures, page: "/mae", into: &other))
        #expect(!DigestContent.addMAE(for: w.counselor, figures: figures, page: "/mae", into: &other))
        #expect(!DigestContent.addMAE(for: w.coordinator, figures: figures, page: "/mae", into: &other))
        #expect(other.isEmpty)
        let after = try w.f.store.pool.read { try MAEDigestFigures.compute($0, now: Timestamp.parse("2026-12-01T10:00:00Z")!) }
        #expect(after.openForComment.isEmpty)
        #expect(!DigestContent.addMAE(for: w.editorA, figures: after, page: "/mae", into: &other))
    }

    @Test func theSampleNetworkHasOneRoundOpenForComment() throws {
        let f = try Fixture(vocabulary: false)
        try SeedLoader.load(from: SeedsTests.seeds, into: f.store, now: Fixture.now)
        let rounds = MAERounds(store: f.store, now: Fixture.now)
        let all = try rounds.all()
        #expect(all.count == 1)
        let round = try #require(all.first).round
        #expect(round.state == .proposed && round.places == 12 && round.commentUntil == "2026-12-02")
        #expect(round.fields == [.quartier, .garten, .hauswirtschaft])
        #expect(try rounds.applications(round.id).count == 3)
        #expect(try rounds.allocations(round.id).map(\.proposed).reduce(0, +) == 12)
        #expect(try rounds.comments(round.id).count == 1)
        let figures = try f.store.pool.read { try MAEDigestFigures.compute($0, now: Fixture.now) }
        #expect(figures.openForComment.map(\.jobCentre) == [round.jobCentre])
    }
}

// Members: the membership changes a coordinator may make, `member_since` on first admission,
// the counts and name lists.
import Foundation
import Testing
@testable import LotseCore

@Suite struct MembersTests {
    @Test func changesFollowTheCurrentStatus() throws {
        let fixture = try Fixture()
        let coordinator = try fixture.account()
        let applicant = try fixture.organization("Neuer Verein", membership: "applicant")
        let members = Members(store: fixture.store, now: Fixture.now)
        let conflict = #expect(throws: LotseError.self) { try members.apply(.suspend, to: applicant, by: coordinator) }
        #expect(conflict?.kind == .conflict && conflict?.message == "Das passt nicht zum jetzigen Stand (Aufnahme beantragt).")
        try members.apply(.admit, to: applicant, by: coordinator)
        var row = try #require(try members.all().first { $0.id == applicant })
        #expect(row.status == "member" && row.since == "2026-11-18")
        try members.apply(.suspend, to: applicant, by: coordinator)
        try members.apply(.readmit, to: applicant, by: coordinator)
        row = try #require(try members.all().first { $0.id == applicant })
        #expect(row.status == "member" && row.since == "2026-11-18")
        #expect(try fixture.historyCount(applicant) > 0)
        #expect(throws: LotseError.self) { try members.apply(.admit, to: "nope", by: coordinator) }
        #expect(Members.Change.readmit.from == [.suspended, .left] && Members.Change.suspend.to == .suspended)
    }

    @Test func countsAndNames() throws {
        let fixture = try Fixture()
        let b = try fixture.organization("Bürgerhaus")
        let a = try fixture.organization("Albert-Verein")
        let c = try fixture.organization("Club", membership: "applicant")
        try fixture.organization("Ehemalige", membership: "left")
        let members = Members(store: fixture.store)
        #expect(try members.count(.member) == 2)
        #expect(try members.count(.applicant) == 1)
        #expect(try members.names([.member]).map(\.id) == [a, b])
        #expect(try members.names([.member, .applicant]).map(\.name) == ["Albert-Verein", "Bürgerhaus", "Club"])
        #expect(try members.names(of: [c, "nope", c]) == [c: "Club"])
    }
}

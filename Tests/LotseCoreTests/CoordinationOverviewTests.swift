// CoordinationOverview: the start page's counts in one read.
import Foundation
import Testing
@testable import LotseCore

@Suite struct CoordinationOverviewTests {
    @Test func countsReviewsStaleEntriesMembersAndCorrections() throws {
        let fixture = try Fixture()
        let org = try fixture.organization("Träger", reviewDue: "2026-01-01")
        try fixture.organization("Club", membership: "applicant")
        try fixture.service("Mittagstisch", organization: org, area: "dd-gr", reviewDue: "2026-12-31")
        let counts = try CoordinationOverview(store: fixture.store, now: Fixture.now).counts()
        #expect(counts == .init(pendingReviews: 0, staleEntries: 1, members: 1, applicants: 1, openCorrections: 0))
    }
}

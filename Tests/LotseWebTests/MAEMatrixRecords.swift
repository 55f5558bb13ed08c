// MAEMatrixRecords: fresh MAE rounds for the authorization matrix — a round in a given state
// in which provider A's and provider B's organizations (both members) applied, commented and
// got places, so that each cell's outcome does not depend on earlier cells.
import Foundation
import LotseCore
import Testing

extension MatrixRecords {
    /// A new round in `state`, with applications of A and B (and, from proposed on, their
    /// comments; decided: 2 places each).
    func maeRound(_ state: MAERoundLifecycle.State) throws -> String {
        let f = fixture
        let rounds = MAERounds(store: f.site.store, now: WebFixture.now)
        var draft = MAERounds.Draft()
        draft.jobCentre = "Jobcenter Matrix"
        draft.places = "6"
        draft.hoursPerWeek = "20"
        draft.periodFrom = "2027-01-01"
        draft.periodUntil = "2027-06-30"
        draft.commentUntil = "2026-12-31"
        draft.fields = ["quartier", "garten"]
        let id = try rounds.create(draft, by: f.coordinator)
        for (account, organization) in [(f.providerA, EditingFixture.organizationA), (f.providerB, EditingFixture.organizationB)] {
            try rounds.apply(id, organizationID: organization, wanted: ["quartier": "2"], purpose: "Nachbarschaftstreff", by: account)
        }
        guard state != .open else { return id }
        try rounds.propose(id, places: [EditingFixture.organizationA: "2", EditingFixture.organizationB: "2"], commentUntil: "2026-12-31", by: f.coordinator)
        for (account, organization) in [(f.providerA, EditingFixture.organizationA), (f.providerB, EditingFixture.organizationB)] {
            try rounds.comment(id, organizationID: organization, body: "Einverstanden.", by: account)
        }
        guard state != .proposed else { return id }
        try rounds.decide(id, [EditingFixture.organizationA: .init(places: "2", reason: "wie beantragt"),
                               EditingFixture.organizationB: .init(places: "2", reason: "wie beantragt")], by: f.coordinator)
        guard state != .decided else { return id }
        try rounds.close(id, by: f.coordinator)
        return id
    }
}

// HoldMatrixRecords: fresh hold-workflow records for the authorization matrix — the matrix
// counselor's proposal of a household for provider A's seeded flat (a referral to A's housing
// company with its consent, plus the proposal row) and a cost bearer's office to remove.
import Foundation
import LotseCore
import SQLite
import Testing

extension MatrixRecords {
    /// A new proposal (state proposed) of the matrix counselor for the seeded offer of
    /// provider A's housing company.
    func housingProposalA() throws -> String {
        let id = try referralA(.requested)
        try fixture.site.store.pool.write { db in
            try db.execute("""
                INSERT INTO housing_proposal(referral_id, offer_id, company_organization_id, household_size, pot, state, proposed_at)
                VALUES (?, ?, ?, 1, 'sgb2', 'proposed', '2026-11-18T09:00:00Z')
                """, id, SeedIDs.housingOfferA, EditingFixture.organizationA)
        }
        return id
    }

    /// A new proposal of the matrix counselor addressed to provider B's organization.
    func housingProposalB() throws -> String {
        let id = try referralB()
        try fixture.site.store.pool.write { db in
            try db.execute("""
                INSERT INTO housing_proposal(referral_id, offer_id, company_organization_id, household_size, pot, state, proposed_at)
                VALUES (?, ?, ?, 2, 'sgb12', 'proposed', '2026-11-18T09:00:00Z')
                """, id, SeedIDs.housingOfferHidden, EditingFixture.organizationB)
        }
        return id
    }

    /// A new cost bearer's office.
    func costBearerOffice() throws -> String {
        try CostBearerOffices(store: fixture.site.store, now: WebFixture.now)
            .add(name: "Jobcenter Matrix \(UUID().uuidString.prefix(6))", pot: "sgb2", email: "", by: fixture.coordinator)
    }
}

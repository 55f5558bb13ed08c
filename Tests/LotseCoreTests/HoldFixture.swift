// HoldFixture: the referral test network plus a housing cooperative in Dresden-Gruna (Saxony)
// with a listed service, its editor, another housing company's editor, a cost bearer's office
// with a contact address and one available flat — and one-line helpers for the hold workflow.
import Foundation
import SQLite
import Testing
@testable import LotseCore

final class HoldFixture {
    let r: ReferralFixture
    let company: String, otherCompany: String, office: String
    let companyEditor: Account, otherEditor: Account
    let offer: String

    /// Wednesday 2026-11-18, 10:30 Berlin (Buß- und Bettag in Saxony).
    static let now = ReferralFixture.now
    static let caseReference = "WO-2026-4711"

    var store: Store { r.store }

    init(householdMax: String = "3") throws {
        r = try ReferralFixture()
        company = try r.fixture.organization("Wohnbau Gruna eG", kind: "housing_cooperative")
        otherCompany = try r.fixture.organization("Wohnungsgesellschaft Striesen", kind: "housing_company")
        try r.fixture.service("Wohnungsvermittlung Gruna", organization: company, area: "dd-gr")
        try r.fixture.service("Vermietung Striesen", organization: otherCompany, area: "dd-st")
        let (a, b) = (company, otherCompany)
        (companyEditor, otherEditor) = try r.store.pool.write { db in
            try db.execute("""
                INSERT INTO taxonomy_term(id, taxonomy_id, code, name, parent_id, position)
                SELECT 'n-wohn', taxonomy_id, 'wohnen.barrierefreie-wohnung', 'Barrierefreie Wohnung', NULL, 9 FROM taxonomy_term WHERE id = 'n-tag'
                """)
            let accounts = AccountStore(db: db)
            return (try accounts.create(email: "wohnbau@example.org", displayName: "Wohnbau", role: .provider, organizations: [a]),
                    try accounts.create(email: "striesen@example.org", displayName: "Striesen", role: .provider, organizations: [b]))
        }
        var draft = HousingOffers.Draft()
        draft.organizationID = company
        draft.sozialraumID = "dd-gr"
        draft.street = "Zwinglistraße"
        draft.houseNumber = "41"
        draft.postalCode = "01277"
        draft.rooms = "2"
        draft.size = "58,4"
        draft.coldRent = "412,50"
        draft.runningCosts = "120"
        draft.heating = "80"
        draft.availableFrom = "2026-12-01"
        draft.householdMin = "1"
        draft.householdMax = householdMax
        offer = try HousingOffers(store: r.store, now: Self.now).create(draft, by: companyEditor)
        let coordinator = r.coordinator
        office = try CostBearerOffices(store: r.store, now: Self.now).add(name: "Jobcenter Dresden, Team KdU", pot: "sgb2",
                                                                            email: "kdu@jobcenter.example.de", by: coordinator)
    }

    func holds(_ now: Date = HoldFixture.now) -> HousingHolds { HousingHolds(store: store, now: now) }

    /// The proposal form as a counselor fills it in.
    func input(size: String = "2", office: Bool = true) -> HousingHolds.Proposal {
        var input = HousingHolds.Proposal()
        input.offerID = offer
        input.householdSize = size
        input.pot = "sgb2"
        input.costBearerOfficeID = office ? self.office : ""
        input.caseReference = Self.caseReference
        input.consentGivenOn = "2026-11-16"
        input.informationVersion = "2026-01"
        return input
    }

    /// A proposal by the counselor; returns its (referral) id.
    func proposed(by account: Account? = nil) throws -> String {
        try holds().propose(input(), by: account ?? r.counselor)
    }

    /// A proposal the company accepted (held until the default date).
    func held() throws -> String {
        let id = try proposed()
        try holds().accept(id, by: companyEditor)
        return id
    }

    func proposal(_ id: String) throws -> HousingProposal {
        try #require(try store.pool.read { db in try HousingProposal.load(db, id: id) })
    }

    func offerStatus() throws -> (String, String?) {
        try store.pool.read { db in
            try db.queryFirst("SELECT status, held_by_organization_id FROM housing_offer WHERE id = ?", offer) { ($0.string(0), $0.optionalString(1)) }!
        }
    }

    func referral(_ id: String) throws -> Referral {
        try r.desk { try $0.storedReferral(id)! }
    }

    /// An instant on `day` at 10:00 Berlin (09:00 UTC in winter).
    static func at(_ day: String) -> Date { Timestamp.parse(day + "T09:00:00Z")! }

    func runJob(on day: String) throws -> HousingHoldJob.Report {
        try store.pool.write { db in try HousingHoldJob(db: db, now: Self.at(day)).run() }
    }
}

// ReferralFixture: a Fixture with a small referral network — two counseling organizations,
// three providers with a Tagespflege service each (Gruna, Johannstadt, Striesen in Dresden),
// a coordinator and an admin — plus one-line helpers for drafts, consent, sending and forcing
// a status for table-driven tests.
import Foundation
import SQLite
import Testing
@testable import LotseCore

/// A referral test network on a fresh temporary database.
final class ReferralFixture {
    let fixture: Fixture
    let counselingOrg: String, otherCounselingOrg: String
    let orgA: String, orgB: String, orgC: String
    let serviceA: String, serviceB: String, serviceC: String
    let counselor: Account, colleague: Account, otherCounselor: Account
    let providerA: Account, providerB: Account, providerC: Account
    let coordinator: Account, admin: Account

    /// Wednesday 2026-11-18, 10:30 Berlin (Buß- und Bettag in Saxony).
    static let now = Fixture.now

    var store: Store { fixture.store }

    init() throws {
        fixture = try Fixture()
        counselingOrg = try fixture.organization("Pflegestützpunkt Blasewitz", kind: "public_office")
        otherCounselingOrg = try fixture.organization("Sozialdienst Altstadt", kind: "public_office")
        orgA = try fixture.organization("Tagespflege Gruna gGmbH")
        orgB = try fixture.organization("Diakonie Johannstadt")
        orgC = try fixture.organization("Volkssolidarität Striesen")
        serviceA = try fixture.service("Tagespflege Gruna", organization: orgA, area: "dd-gr", terms: ["n-tag"])
        serviceB = try fixture.service("Tagespflege Johannstadt", organization: orgB, area: "dd-jo", terms: ["n-tag"])
        serviceC = try fixture.service("Tagespflege Striesen", organization: orgC, area: "dd-st", terms: ["n-tag"])
        let (counseling, other, a, b, c) = (counselingOrg, otherCounselingOrg, orgA, orgB, orgC)
        (counselor, colleague, otherCounselor, providerA, providerB, providerC, coordinator, admin) = try fixture.store.pool.write { db in
            let store = AccountStore(db: db)
            return (try store.create(email: "berater@example.org", displayName: "Berater", role: .counselor, organizationID: counseling),
                    try store.create(email: "kollegin@example.org", displayName: "Kollegin", role: .counselor, organizationID: counseling),
                    try store.create(email: "fremd@example.org", displayName: "Fremd", role: .counselor, organizationID: other),
                    try store.create(email: "a@example.org", displayName: "Anbieter A", role: .provider, organizations: [a]),
                    try store.create(email: "b@example.org", displayName: "Anbieter B", role: .provider, organizations: [b]),
                    try store.create(email: "c@example.org", displayName: "Anbieter C", role: .provider, organizations: [c]),
                    try store.create(email: "koord@example.org", displayName: "Koordination", role: .coordinator),
                    try store.create(email: "admin@example.org", displayName: "Admin", role: .admin))
        }
    }

    /// Runs `body` with a desk in one write transaction.
    @discardableResult
    func desk<T>(now: Date = ReferralFixture.now, settings: ReferralSettings = .standard,
                 _ body: (ReferralDesk) throws -> T) throws -> T {
        try store.pool.write { db in try body(try ReferralDesk(db: db, now: now, settings: settings)) }
    }

    /// A draft by the counselor for Tagespflege in Gruna.
    func draft(_ change: (inout ReferralDraft) -> Void = { _ in }) throws -> String {
        var draft = ReferralDraft(needs: ["pflege.tagespflege"], sozialraum: "dresden-gruna", caseReference: "BZ-2026-0815")
        change(&draft)
        return try desk { try $0.createDraft(draft, by: counselor) }
    }

    /// Records consent on a group for organizations.
    @discardableResult
    func consent(_ groupID: String, for organizations: [String], categories: Set<ConsentCategory> = [.needs, .identity, .contact],
                 givenOn: String = "2026-11-02", expiresOn: String? = nil) throws -> Consent {
        var input = ConsentInput(recipients: organizations, categories: categories, purpose: "Vermittlung in eine Tagespflege",
                                 form: .signed, givenOn: givenOn, expiresOn: expiresOn, informationVersion: "2026-01",
                                 confidentialityRelease: true)
        input.givenBy = .citizen
        return try desk { try $0.recordConsent(groupID: groupID, input, by: counselor) }
    }

    /// Draft + consent for the services' organizations + send; returns the referral ids.
    func sent(to services: [String], categories: Set<ConsentCategory> = [.needs, .identity, .contact],
              change: (inout ReferralDraft) -> Void = { _ in }) throws -> [String] {
        let id = try draft(change)
        let organizations = try store.pool.read { db in
            try services.map { try db.scalarString("SELECT organization_id FROM service WHERE id = ?", $0)! }
        }
        try consent(id, for: organizations, categories: categories)
        return try desk { try $0.send(id, to: services.map { .service($0) }, by: counselor) }
    }

    /// The stored referral.
    func referral(_ id: String) throws -> Referral {
        try store.pool.read { try Referral.load($0, id: id)! }
    }

    /// Sets a status directly (for table-driven tests of the next step).
    func force(_ id: String, to status: ReferralStatus, previous: ReferralStatus? = nil, closedAt: String? = nil) throws {
        try store.pool.write { db in
            try db.execute("UPDATE referral SET status = ?, previous_status = ?, closed_at = ?, reason = ? WHERE id = ?",
                           status.rawValue, status == .enteredInError ? (previous ?? .accepted).rawValue : nil,
                           status.isTerminal ? (closedAt ?? Timestamp.string(Self.now)) : nil,
                           status.requiresReason ? ReferralReason.capacity.rawValue : nil, id)
        }
    }

    /// The account acting as `role` on referrals to service A (nil: the system).
    func actor(_ role: Role?) -> ReferralActor {
        switch role {
        case .counselor?: .person(counselor)
        case .provider?: .person(providerA)
        case .coordinator?: .person(coordinator)
        case .admin?: .person(admin)
        case nil: .system("test")
        }
    }
}

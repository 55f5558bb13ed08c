// EditingFixture: the sample network with the people of the editing tests — provider A (the
// housing company), provider B (the women's shelter with its confidential address), a
// coordinator, an admin and a counselor — and helpers to look at what the public sees.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import SQLite
import Testing

/// A seeded site with one account per role.
final class EditingFixture {
    let site: WebFixture
    let providerA: Account
    let providerB: Account
    let coordinator: Account
    let admin: Account
    let counselor: Account

    /// Provider A's organization: Wohnungsgesellschaft Weserufer GmbH.
    static let organizationA = SeedIDs.housingCompany
    /// A's "Nachbarschaftstreff Pfälzer Weg".
    static let serviceA = "17ee5db4-00bb-583a-8e27-a41d40a9ac0d"
    /// A's location "Kundencenter Osterholz".
    static let locationA = "be53476f-4ace-51fb-a6cc-3cc63efb1a39"
    /// A's contact "Katrin Heitmann".
    static let contactA = "bc1e155a-3369-59eb-bd00-8b7d6fbc2ccb"
    /// Provider B's organization: Frauenzuflucht an der Weser e. V.
    static let organizationB = SeedIDs.shelterOrganization
    /// B's shelter service.
    static let serviceB = SeedIDs.shelter
    /// B's internal location (the shelter's address).
    static let internalLocationB = "9e357403-f01c-56ba-9307-c9291889a3e2"
    /// B's public counselling office.
    static let publicLocationB = "48619067-4cb7-5ed7-884a-6eaaccfa3459"
    /// B's internal contact.
    static let internalContactB = "c02a68da-b850-5775-a3bc-c647aff228de"

    init() throws {
        site = try WebFixture(seeds: true)
        providerA = try WebClient.account(site, email: "anbieter-a@example.org", role: .provider, organizations: [Self.organizationA])
        providerB = try WebClient.account(site, email: "anbieter-b@example.org", role: .provider, organizations: [Self.organizationB])
        coordinator = try WebClient.account(site, email: "koordination@example.org", role: .coordinator)
        admin = try WebClient.account(site, email: "admin@example.org", role: .admin)
        counselor = try WebClient.account(site, email: "beratung@example.org", role: .counselor)
    }

    /// A signed-in client of `account`.
    func client(_ account: Account) throws -> WebClient { try WebClient.signedIn(site, account) }

    /// What the public sees of a service: page, JSON twin, API object and a search for `query`.
    func publicViews(service: String, search query: String) throws -> [String] {
        let visitor = WebClient(site)
        return [try visitor.get("/angebote/\(service)").body, try visitor.get("/angebote/\(service).json").body,
                try visitor.get("/api/services/\(service)").body, try visitor.get("/suche?q=\(WebFixture.encode(query))").body,
                try visitor.get("/suche.json?q=\(WebFixture.encode(query))").body, try visitor.get("/api/services?search=\(WebFixture.encode(query))").body]
    }

    /// A digest of everything editing and the referral desk may change: the directory, the
    /// review queue, the corrections, the accounts, referrals, consents, notes, notifications
    /// and routing rules.
    func digest() throws -> String {
        try site.store.pool.read { db in
            let directory = try DirectoryFingerprint.compute(db)
            let others = try ["change_request", "correction", "account", "account_organization", "login_token", "referral", "referral_recipient",
                          "referral_event", "referral_note", "consent", "notification", "routing_rule", "routing_rule_service"].map { table in
                try db.query("SELECT * FROM \(table) ORDER BY 1") { row in (0..<row.count).map { "\(row.value($0))" }.joined(separator: "|") }.joined(separator: "\n")
            }
            return directory + others.joined(separator: "\u{1E}")
        }
    }
}

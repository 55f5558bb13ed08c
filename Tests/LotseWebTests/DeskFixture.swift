// DeskFixture: the sample network with the people of the referral desk — a counselor of the
// Pflegestützpunkt Bremen-Mitte and a colleague of another team, three provider editors in
// Bremen (A: Aufsuchende Altenarbeit Osterholz, B: the DLZ Osterholz's Telefonkette, both with
// "Besuchsdienst" in Osterholz; C: the DLZ Findorff), a coordinator and an admin — and the
// steps of a referral as the pages take them (forms posted through WebClient).
import Foundation
import HTTP
import LotseCore
import LotseWeb
import SQLite
import Testing

/// A seeded site with the referral desk's accounts.
final class DeskFixture {
    let site: WebFixture
    let counselor: Account, otherCounselor: Account
    let providerA: Account, providerB: Account, providerC: Account
    let coordinator: Account, admin: Account
    let counselingOrganization: String

    /// Aufsuchende Altenarbeit Osterholz (Sozialdienste Osterholz-Hemelingen e. V.).
    static let serviceA = "92febbb0-f519-5fd1-986d-b6291dd008ea"
    static let organizationA = "68ed0e01-9697-5d5b-afab-06051c3477cc"
    static let nameA = "Aufsuchende Altenarbeit Osterholz"
    static let organizationNameA = "Sozialdienste Osterholz-Hemelingen e. V."
    /// Telefonkette "Guten Morgen, Osterholz" (Dienstleistungszentrum Osterholz).
    static let serviceB = "db0bce1a-3116-5f89-893e-2cc0200866b6"
    static let organizationB = "39ef20fe-b862-587e-8a84-4c8e6d6b8ad7"
    static let organizationNameB = "Dienstleistungszentrum Osterholz"
    /// Besuchsdienst Findorff (Dienstleistungszentrum Findorff).
    static let serviceC = "d7ea1c52-a3c7-5ea6-a185-496c39000700"
    static let organizationC = "c94f49db-46ce-5e07-9e9a-72b988ae60e9"

    /// The citizen's personal data used in the tests (must never reach a provider early).
    static let citizenName = "Erika Mustermann"
    static let citizenPhone = "+49 421 9988 7766"
    static let citizenEmail = "erika.m@example.org"
    static let caseReference = "PSP-2026-4711"

    init() throws {
        site = try WebFixture(seeds: true)
        let store = site.store
        let ownOrganization = try store.pool.read { db in
            try #require(try db.scalarString("SELECT id FROM organization WHERE name = 'Pflegestützpunkt Bremen-Mitte'"))
        }
        counselingOrganization = ownOrganization
        let otherOrganization = try store.pool.read { db in
            try #require(try db.scalarString("SELECT id FROM organization WHERE name = 'Pflegestützpunkt Bremen-Nord'"))
        }
        let hasher = PasswordHasher(logN: 10, r: 8, p: 1)
        (counselor, otherCounselor) = try store.pool.write { db in
            let accounts = AccountStore(db: db)
            return (try accounts.create(email: "beratung@example.org", displayName: "Bea Beratung", role: .counselor,
                                        organizationID: ownOrganization, password: "geheimes-passwort", hasher: hasher),
                    try accounts.create(email: "fremd@example.org", displayName: "Fritz Fremd", role: .counselor,
                                        organizationID: otherOrganization, password: "geheimes-passwort", hasher: hasher))
        }
        providerA = try WebClient.account(site, email: "anbieter-a@example.org", role: .provider, organizations: [Self.organizationA])
        providerB = try WebClient.account(site, email: "anbieter-b@example.org", role: .provider, organizations: [Self.organizationB])
        providerC = try WebClient.account(site, email: "anbieter-c@example.org", role: .provider, organizations: [Self.organizationC])
        coordinator = try WebClient.account(site, email: "koordination@example.org", role: .coordinator)
        admin = try WebClient.account(site, email: "admin@example.org", role: .admin)
    }

    /// A signed-in client of `account`.
    func client(_ account: Account) throws -> WebClient { try WebClient.signedIn(site, account) }

    /// The need form's fields for "Besuchsdienst in Osterholz" with the citizen's data.
    static func needFields(doNotContact: Bool = false, needs: [String] = ["alltag.besuchsdienst"], area: String = "bremen-osterholz")
        -> [(String, String)] {
        var fields = needs.map { ("bedarf", $0) } + [
            ("sozialraum", area), ("dringlichkeit", "urgent"), ("sprache", "tr"), ("barrierefreiheit", "stufenlos"),
            ("fallzeichen", caseReference), ("name", citizenName), ("telefon", citizenPhone), ("email", citizenEmail),
            ("anschrift", "Musterweg 1, 28325 Bremen"),
        ]
        if doNotContact { fields.append(("nicht_kontaktieren", "1")) }
        return fields
    }

    /// Creates a draft through the need form; returns its id.
    func draft(_ counselorClient: WebClient, fields: [(String, String)] = DeskFixture.needFields(),
               sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try counselorClient.get("/vermittlungen/neu")
        let answer = try counselorClient.post("/vermittlungen/neu", fields)
        #expect(answer.status == 303, "create: \(answer.status) \(answer.body.prefix(300))", sourceLocation: sourceLocation)
        let location = try #require(answer.location, sourceLocation: sourceLocation)
        return String(location.split(separator: "/")[1])
    }

    /// The consent form's fields for `organizations`.
    static func consentFields(_ organizations: [String], categories: [ConsentCategory] = [.needs, .identity, .contact],
                              targets: [String] = []) -> [(String, String)] {
        organizations.map { ("empfaenger", $0) } + categories.map { ("kategorien", $0.rawValue) } + [
            ("zweck", "Vermittlung in einen Besuchsdienst"), ("form", "signed"), ("erteilt_von", "citizen"), ("datum", "2026-11-16"),
            ("infoblatt", "2026-01"), ("schweigepflicht", "1"),
        ] + targets.map { ("ziel", $0) }
    }

    /// Records consent for `organizations` on the case of draft `id` through the form.
    func consent(_ counselorClient: WebClient, _ id: String, for organizations: [String],
                 categories: [ConsentCategory] = [.needs, .identity, .contact], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let answer = try counselorClient.post("/vermittlungen/\(id)/einwilligung", Self.consentFields(organizations, categories: categories))
        #expect(answer.status == 303, "consent: \(answer.status)", sourceLocation: sourceLocation)
    }

    /// Sends draft `id` to `services` through the send form; returns the answer.
    @discardableResult
    func send(_ counselorClient: WebClient, _ id: String, to services: [String]) throws -> WebClient.Answer {
        try counselorClient.post("/vermittlungen/\(id)/senden", services.map { ("ziel", "service:\($0)") })
    }

    /// Draft, consent and send in one go; returns the ids of the requested referrals (the
    /// draft first).
    func sent(to services: [String], consentFor organizations: [String]? = nil, categories: [ConsentCategory] = [.needs, .identity, .contact],
              doNotContact: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let counselorClient = try client(counselor)
        let id = try draft(counselorClient, fields: Self.needFields(doNotContact: doNotContact), sourceLocation: sourceLocation)
        let owners = try site.store.pool.read { db in
            try services.map { try #require(try db.scalarString("SELECT organization_id FROM service WHERE id = ?", $0)) }
        }
        try consent(counselorClient, id, for: organizations ?? owners, categories: categories, sourceLocation: sourceLocation)
        let answer = try send(counselorClient, id, to: services)
        #expect(answer.status == 303, "send: \(answer.status)", sourceLocation: sourceLocation)
        return try referralsOfCase(id)
    }

    /// The ids of the referrals of the case of `id`, oldest first.
    func referralsOfCase(_ id: String) throws -> [String] {
        try site.store.pool.read { db in
            try db.query("SELECT id FROM referral WHERE group_id = (SELECT group_id FROM referral WHERE id = ?) ORDER BY created_at, rowid", id) {
                $0.string(0)
            }
        }
    }

    /// The stored referral.
    func referral(_ id: String) throws -> Referral {
        try #require(try site.store.pool.read { try Referral.load($0, id: id) })
    }

    /// POSTs a status change as `account`.
    @discardableResult
    func status(_ account: Account, _ id: String, _ status: ReferralStatus, _ extra: [(String, String)] = []) throws -> WebClient.Answer {
        try client(account).post("/vermittlungen/\(id)/status", [("status", status.rawValue)] + extra)
    }

    /// Everything personal about the citizen that a provider must not see early.
    static let personal = [citizenName, citizenPhone, citizenEmail, caseReference, "Musterweg"]
}

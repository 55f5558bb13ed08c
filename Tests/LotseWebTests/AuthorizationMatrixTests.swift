// The authorization matrix: every route of Routes.table × {anonymous, counselor, provider A,
// provider B, coordinator, admin}, each cell's expected status derived from the route's
// Access rule plus ownership (provider B on A's records → 403). Path parameters come from a
// table keyed by route name, so a new route without an entry fails here with a message
// saying what to add. Also: provider A never changes or sees B's non-public data.
import Foundation
import HTTP
import LotseCore
import LotseWeb
import Testing

@Suite(.serialized) struct AuthorizationMatrixTests {
    /// Who sends the request.
    enum Actor: String, CaseIterable {
        case anonymous, counselor, providerA, providerB, coordinator, admin

        var role: Role? {
            switch self {
            case .anonymous: nil
            case .counselor: .counselor
            case .providerA, .providerB: .provider
            case .coordinator: .coordinator
            case .admin: .admin
            }
        }
    }

    /// Routes whose handler checks that the record belongs to one of the provider's
    /// organizations (their parameters name provider A's records).
    static let ownershipChecked: Set<String> = [
        "editor-organization", "organization-edit", "organization-edit-save", "organization-confirm", "organization-history",
        "service-new", "service-new-save", "location-new", "location-new-save", "contact-new", "contact-new-save",
        "service-edit", "service-edit-save", "hours-edit", "hours-edit-save", "capacity-edit", "capacity-edit-save", "service-confirm",
        "service-history", "location-edit", "location-edit-save", "contact-edit", "contact-edit-save", "change-withdraw", "correction-handle",
        // Referral desk: the referral is addressed to provider A (ReferralAccess decides).
        "referral", "referral-status", "referral-note", "referral-business-status", "referral-read",
        // Housing proposals: the counselor's proposal to provider A's housing company (HousingHolds decides).
        "housing-proposal", "housing-proposal-step",
        // Cooperations: provider A's organization and a third member (not provider B's).
        "cooperation-edit", "cooperation-edit-save", "cooperation-new", "cooperation-new-save",
    ]

    /// Routes only editors of a housing company or cooperative may call: provider A edits the
    /// housing company Weserufer, provider B a shelter (HousingPagesTests checks another
    /// housing company's editor on A's offers).
    static let housingEditorsOnly: Set<String> = [
        "housing-editor", "housing-offer-new", "housing-offer-create", "housing-offer-edit", "housing-offer-save", "housing-offer-status",
    ]

    /// Neighbourhood-help routes only the brokering DLZ's staff may call: neither provider A
    /// (a housing company) nor provider B (a shelter) is a DLZ, so both get 403 — helper data
    /// never reaches another member (NeighbourhoodHelpTests checks another DLZ's staff).
    static let engagementBrokersOnly: Set<String> = [
        "helpers", "helper-new", "helper-create", "helper", "helper-save", "helper-end", "help-request", "help-placement-propose",
        "help-placement-change", "help-placement-ask", "opportunity-status",
    ]

    /// A well-formed token that was never issued.
    static let unknownToken = String(repeating: "Q", count: 43)

    /// Path parameters per route name; a closure so that routes that use up their record get a
    /// fresh one per cell. Provider A's records stand for "someone's own records".
    static let parameters: [String: @Sendable (MatrixRecords) throws -> [String: String]] = {
        var table: [String: @Sendable (MatrixRecords) throws -> [String: String]] = [:]
        func fixed(_ names: [String], _ values: [String: String]) { for name in names { table[name] = { _ in values } } }
        fixed(["start", "search", "print", "login", "login-password", "login-link-request", "logout", "logout-everywhere", "password-forgotten",
               "password-forgotten-send", "account", "help", "account-password", "account-notifications", "account-notifications-save", "api", "api-services", "api-organizations", "api-service-at-locations",
               "api-taxonomies", "api-taxonomy-terms", "editor-home", "coordination", "review-queue", "members", "stale", "vocabularies",
               "term-add", "areas", "area-add", "cooperations", "cooperation-add", "invite", "invite-send", "corrections", "accounts",
               "account-create", "referrals", "referral-notifications-read", "referral-new", "referral-create", "routing-rules",
               "routing-rule-add", "report", "report-csv", "settings", "settings-save", "health", "metrics", "grants", "synonyms", "synonyms-save"], [:])
        fixed(["membership-apply", "membership-apply-send", "membership-applications", "members-csv"], [:])
        fixed(["membership-confirm", "membership-confirm-post"], ["token": unknownToken])
        fixed(["membership-application-admit", "membership-application-reject"], ["id": "kein-antrag"])
        fixed(["member-leave", "member-leave-save"], ["id": EditingFixture.organizationA])
        fixed(["service", "api-service", "correction-suggest", "service-edit", "service-edit-save", "hours-edit", "hours-edit-save", "capacity-edit",
               "capacity-edit-save", "service-confirm", "service-history", "service-visibility"], ["id": EditingFixture.serviceA])
        fixed(["organization", "api-organization", "editor-organization", "organization-edit", "organization-edit-save", "organization-confirm",
               "organization-history", "service-new", "service-new-save", "location-new", "location-new-save", "contact-new", "contact-new-save",
               "organization-visibility"], ["id": EditingFixture.organizationA])
        fixed(["export-directory", "export-search"], ["format": "vcard"])
        fixed(["export-organization"], ["id": EditingFixture.organizationA, "format": "xml"])
        fixed(["location-edit", "location-edit-save"], ["id": EditingFixture.locationA])
        fixed(["contact-edit", "contact-edit-save"], ["id": EditingFixture.contactA])
        fixed(["sozialraum"], ["code": "bremen"])
        fixed(["network"], [:])
        fixed(["cooperation-new", "cooperation-new-save"], ["id": EditingFixture.organizationA])
        table["cooperation-edit"] = { records in ["id": try records.cooperationOfA()] }
        table["cooperation-edit-save"] = table["cooperation-edit"]
        fixed(["static"], ["file": "lotse.css"])
        fixed(["login-link", "login-link-use", "password-reset", "password-reset-save", "invitation", "invitation-accept"], ["token": unknownToken])
        fixed(["digest-confirm", "digest-confirm-post", "digest-unsubscribe", "digest-unsubscribe-post", "digest-preferences",
               "digest-preferences-save"], ["token": unknownToken])
        table["api-service-at-location"] = { records in ["id": try records.placementA()] }
        table["api-taxonomy"] = { records in ["id": try records.taxonomy()] }
        table["api-taxonomy-term"] = { records in ["id": try records.needTerm()] }
        table["term-edit"] = table["api-taxonomy-term"]
        table["term-save"] = table["api-taxonomy-term"]
        table["term-retire"] = table["api-taxonomy-term"]
        table["change-withdraw"] = { records in ["id": try records.pendingChangeA()] }
        table["review-approve"] = table["change-withdraw"]
        table["review-return"] = table["change-withdraw"]
        table["correction-handle"] = { records in ["id": try records.correctionA()] }
        table["member-status"] = { records in ["id": try records.applicant()] }
        table["area-edit"] = { records in ["id": try records.quartier()] }
        table["area-save"] = table["area-edit"]
        table["area-retire"] = table["area-edit"]
        table["cooperation-remove"] = { records in ["id": try records.cooperation()] }
        table["account-disable"] = { records in ["id": try records.spareAccount()] }
        table["account-enable"] = table["account-disable"]
        table["grant-confirm"] = { _ in ["id": "kein-antrag"] }
        table["grant-refuse"] = table["grant-confirm"]
        // Referral desk: the counselor's referrals to provider A's service, fresh per cell.
        for name in ["referral", "referral-status", "referral-consent-withdraw", "referral-reopen", "referral-slip", "referral-disclosures",
                     "referral-read", "referral-case", "referral-appointment"] {
            table[name] = { records in ["id": try records.referralA(.requested)] }
        }
        for name in ["referral-note", "referral-business-status"] { table[name] = { records in ["id": try records.referralA(.accepted)] } }
        for name in ["referral-reroute", "referral-outcome"] { table[name] = { records in ["id": try records.referralA(.rejected)] } }
        for name in ["referral-edit", "referral-edit-save", "referral-suggestions", "referral-send-form", "referral-consent", "referral-send"] {
            table[name] = { records in ["id": try records.referralA(.draft)] }
        }
        table["routing-rule-reorder"] = { records in ["id": try records.routingRule()] }
        table["routing-rule-remove"] = table["routing-rule-reorder"]
        fixed(["housing-editor", "housing-offer-new", "housing-offer-create", "housing-offers", "rent-limits", "rent-limit-add"], [:])
        fixed(["housing-offer-edit", "housing-offer-save", "housing-offer-status"], ["id": SeedIDs.housingOfferA])
        fixed(["rent-limit-remove"], ["id": SeedIDs.rentLimitBremen1])
        fixed(["housing-proposals", "housing-proposal-new", "housing-proposal-create", "cost-bearer-offices", "cost-bearer-office-add"], [:])
        for name in ["housing-proposal", "housing-proposal-step"] { table[name] = { records in ["id": try records.housingProposalA()] } }
        table["cost-bearer-office-remove"] = { records in ["id": try records.costBearerOffice()] }
        fixed(["mae-rounds", "mae-round-add", "mae"], [:])
        for (names, state) in [(["mae-round", "mae-round-propose", "mae-apply"], MAERoundLifecycle.State.open),
                               (["mae-round-withdraw", "mae-round-decide", "mae-member-round", "mae-comment"], .proposed),
                               (["mae-round-close", "mae-filled"], .decided)] {
            for name in names { table[name] = { records in ["id": try records.maeRound(state)] } }
        }
        fixed(["engagement", "opportunity-new", "opportunity-create", "helpers", "helper-new", "helper-create", "help-requests",
               "help-request-new", "help-request-create", "engagement-figures"], [:])
        fixed(["opportunity-status"], ["id": SeedIDs.opportunityFindorff])
        fixed(["helper", "helper-save", "helper-end"], ["id": SeedIDs.helperFindorff])
        table["help-request"] = { records in ["id": try records.helpRequest()] }
        table["help-placement-propose"] = table["help-request"]
        table["help-placement-change"] = { records in ["id": try records.helpPlacement()] }
        table["help-placement-ask"] = table["help-placement-change"]
        fixed(["housing-figures", "housing-figures-csv", "housing-quotas", "housing-quota-save"], [:])
        return table
    }()

    /// Fields sent with each POST (otherwise none): minimal, and chosen so that the outcome
    /// does not depend on earlier cells.
    static func fields(_ route: String, cell: Int) -> [(String, String)] {
        switch route {
        case "login-password": [("email", "niemand-\(cell)@example.org"), ("passwort", "falsch-falsch")]
        default: []
        }
    }

    /// The status of a POST the actor may send, with `fields(route:)`.
    static let postOutcomes: [String: Int] = [
        "login-password": 401, "login-link-request": 400, "login-link-use": 404, "logout": 303, "logout-everywhere": 303,
        "password-forgotten-send": 400, "password-reset-save": 400, "invitation-accept": 400, "account-password": 400,
        "account-notifications-save": 303,
        "correction-suggest": 400,
        "organization-edit-save": 400, "organization-confirm": 303, "service-new-save": 400, "location-new-save": 400, "contact-new-save": 400,
        "service-edit-save": 400, "hours-edit-save": 303, "capacity-edit-save": 400, "service-confirm": 303, "location-edit-save": 400,
        "contact-edit-save": 400, "change-withdraw": 303, "correction-handle": 400,
        "review-approve": 303, "review-return": 400, "member-status": 400, "service-visibility": 400, "organization-visibility": 400,
        "term-add": 400, "term-save": 400, "term-retire": 303, "area-add": 400, "area-save": 400, "area-retire": 303, "cooperation-add": 400,
        "cooperation-edit-save": 400, "cooperation-new-save": 400,
        "cooperation-remove": 303, "invite-send": 400, "account-create": 400, "account-disable": 303, "account-enable": 303, "settings-save": 303,
        "grant-confirm": 404, "grant-refuse": 404,
        "membership-apply-send": 400, "membership-confirm-post": 404, "membership-application-admit": 404, "membership-application-reject": 400,
        "member-leave-save": 400,
        "digest-confirm-post": 404, "digest-unsubscribe-post": 404, "digest-preferences-save": 404,
        "referral-notifications-read": 303, "referral-create": 400, "referral-edit-save": 400, "referral-consent": 400, "referral-send": 400,
        "referral-consent-withdraw": 400, "referral-status": 400, "referral-business-status": 400, "referral-note": 400,
        "referral-read": 303, "referral-reroute": 303, "referral-appointment": 400, "referral-outcome": 400, "referral-reopen": 400,
        "routing-rule-add": 400, "routing-rule-reorder": 400, "routing-rule-remove": 303,
        "housing-offer-create": 400, "housing-offer-save": 400, "housing-offer-status": 400, "rent-limit-add": 400, "rent-limit-remove": 303,
        "housing-proposal-create": 404, "housing-proposal-step": 400, "cost-bearer-office-add": 400, "cost-bearer-office-remove": 303,
        "mae-round-add": 400, "mae-round-propose": 400, "mae-round-withdraw": 303, "mae-round-decide": 400, "mae-round-close": 303,
        "mae-apply": 400, "mae-comment": 400, "mae-filled": 400,
        "opportunity-create": 400, "help-request-create": 400,
        "housing-quota-save": 400,
    ]

    /// The status of a GET the actor may send, when not 200.
    static let getOutcomes: [String: Int] = ["login-link": 404, "password-reset": 404, "invitation": 404, "digest-confirm": 404,
                                             "digest-unsubscribe": 404, "digest-preferences": 404,
                                             "housing-proposal-new": 404,   // without ?angebot= there is no flat to propose for
                                             "membership-confirm": 404,
                                             "metrics": 404]  // only for LOTSE_METRICS_FROM (loopback); the matrix asks from 192.0.2.10

    /// What a cell must answer: an exact status, or (for POST routes other engineers add
    /// later without an entry in `postOutcomes`) anything but a refusal or a server error.
    enum Expectation: Equatable, CustomStringConvertible {
        case status(Int)
        case notRefused

        func matches(_ status: Int) -> Bool {
            switch self {
            case .status(let expected): status == expected
            case .notRefused: status != 401 && status != 403 && status < 500
            }
        }

        var description: String {
            switch self {
            case .status(let expected): "\(expected)"
            case .notRefused: "not 401/403/5xx"
            }
        }
    }

    /// The expected answer for one cell.
    static func expectation(method: String, name: String, access: Access, actor: Actor) -> Expectation {
        guard access.allows(actor.role) else {
            return actor == .anonymous && method == "GET" ? .status(303) : .status(403)
        }
        if actor == .providerB && (ownershipChecked.contains(name) || housingEditorsOnly.contains(name)) { return .status(403) }
        if (actor == .providerA || actor == .providerB) && engagementBrokersOnly.contains(name) { return .status(403) }
        if method == "GET" { return .status(getOutcomes[name] ?? 200) }
        return postOutcomes[name].map(Expectation.status) ?? .notRefused
    }

    /// Fills a route pattern's parameters; fails with a message naming what is missing.
    static func path(_ pattern: String, name: String, records: MatrixRecords) throws -> String? {
        let needed = pattern.split(separator: "/").filter { $0.hasPrefix(":") || $0.hasPrefix("*") }.map { String($0.dropFirst()) }
        guard let fill = parameters[name] else {
            Issue.record("Route »\(name)« (\(pattern)) is not in AuthorizationMatrixTests.parameters: add how to fill its path parameters (\(needed)) and, if its handler checks ownership, add it to ownershipChecked.")
            return nil
        }
        let values = try fill(records)
        var segments: [String] = []
        for segment in pattern.split(separator: "/") {
            if segment.hasPrefix(":") || segment.hasPrefix("*") {
                let parameter = String(segment.dropFirst())
                guard let value = values[parameter] else {
                    Issue.record("Route »\(name)« (\(pattern)): no value for parameter »\(parameter)« in AuthorizationMatrixTests.parameters.")
                    return nil
                }
                segments.append(URLEncoding.encodeComponent(value))
            } else {
                segments.append(String(segment))
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    @Test func everyRouteAnswersEveryRoleAsItsRuleSays() throws {
        let f = try EditingFixture()
        let records = MatrixRecords(f)
        var cell = 0
        var providerABodies: [String] = []
        for route in Routes.table {
            guard try Self.path(route.pattern, name: route.name, records: records) != nil else { continue }
            #expect(!(route.access == .editor && route.pattern.contains(":") && !Self.ownershipChecked.contains(route.name)),
                    "editor route »\(route.name)« names a record but is not in ownershipChecked")
            for actor in Actor.allCases {
                cell += 1
                // Each cell gets its own records, so that one using them up does not change the next.
                let target = try #require(try Self.path(route.pattern, name: route.name, records: records))
                let client = try records.client(actor)
                let answer = try client.send(route.method, target, form: route.method == "GET" ? nil : Self.fields(route.name, cell: cell))
                let expected = Self.expectation(method: route.method, name: route.name, access: route.access, actor: actor)
                #expect(expected.matches(answer.status), "\(route.method) \(target) [\(route.name), \(route.access)] as \(actor): \(answer.status), expected \(expected)")
                if expected == .status(303) && !route.access.allows(actor.role) {
                    #expect(answer.location?.hasPrefix("/anmelden?weiter=") == true, "\(route.name) as \(actor) should send to the login page")
                }
                if actor == .providerA { providerABodies.append(answer.body) }
            }
        }
        #expect(cell >= Routes.table.count * Actor.allCases.count)
        for body in providerABodies {
            for secret in SeedIDs.confidential { #expect(!body.contains(secret), "provider A saw »\(secret)«") }
        }
    }

    @Test func providerANeitherSeesNorChangesTheRecordsOfB() throws {
        let f = try EditingFixture()
        let records = MatrixRecords(f)
        let pendingB = try records.pendingChange(by: f.providerB, organization: EditingFixture.organizationB)
        let correctionB = try records.correction(service: EditingFixture.serviceB)
        let ids: [String: String] = [
            "/pflege/organisationen/:id": EditingFixture.organizationB, "/pflege/angebote/:id": EditingFixture.serviceB,
            "/pflege/standorte/:id": EditingFixture.internalLocationB, "/pflege/kontakte/:id": EditingFixture.internalContactB,
            "/pflege/aenderungen/:id": pendingB, "/pflege/korrekturen/:id": correctionB,
            "/vermittlungen/:id": try records.referralB(),
            "/wohnungen/vorschlaege/:id": try records.housingProposalB(),
            "/kooperationen/:id": try records.cooperationOfA(organization: EditingFixture.organizationB),
        ]
        let before = try f.digest()
        let client = try f.client(f.providerA)
        for route in Routes.table where Self.ownershipChecked.contains(route.name) {
            guard let prefix = ids.keys.first(where: { route.pattern.hasPrefix($0) }) else {
                Issue.record("no record of B for \(route.pattern)")
                continue
            }
            let path = route.pattern.replacingOccurrences(of: ":id", with: ids[prefix]!)
            let form: [(String, String)]? = route.method == "GET" ? nil : [("name", "Übernommen"), ("visibility", "public"), ("status", "done"),
                                                                              ("capacity_status", "available"), ("bloecke", "0")]
            for target in route.method == "GET" ? [path, path + ".json"] : [path] {
                let answer = try client.send(route.method, target, form: form)
                #expect(answer.status == 403, "\(route.method) \(target) as provider A: \(answer.status)")
                for secret in SeedIDs.confidential + ["Schutzunterkunft"] {
                    #expect(!answer.body.contains(secret), "\(target) showed »\(secret)« to provider A")
                }
            }
        }
        #expect(try f.digest() == before)
    }
}

/// Records for the matrix: fixed ones, and fresh ones for routes that use theirs up.
final class MatrixRecords {
    let fixture: EditingFixture
    private var counter = 0

    init(_ fixture: EditingFixture) { self.fixture = fixture }

    /// A client of `actor` with a fresh session (anonymous: with the visitor CSRF cookie).
    func client(_ actor: AuthorizationMatrixTests.Actor) throws -> WebClient {
        switch actor {
        case .anonymous:
            let visitor = WebClient(fixture.site)
            try visitor.get("/anmelden")
            return visitor
        case .counselor: return try fixture.client(fixture.counselor)
        case .providerA: return try fixture.client(fixture.providerA)
        case .providerB: return try fixture.client(fixture.providerB)
        case .coordinator: return try fixture.client(fixture.coordinator)
        case .admin: return try fixture.client(fixture.admin)
        }
    }

    private func scalar(_ sql: String, _ values: String...) throws -> String {
        try #require(try fixture.site.store.pool.read { db in try db.query(sql, values: values) { $0.string(0) }.first })
    }

    func placementA() throws -> String { try scalar("SELECT id FROM service_at_location WHERE service_id = ?", EditingFixture.serviceA) }
    func taxonomy() throws -> String { try scalar("SELECT id FROM taxonomy WHERE code = 'bedarf'") }
    func needTerm() throws -> String { try scalar("SELECT id FROM taxonomy_term WHERE code = 'alltag.besuchsdienst'") }
    func applicant() throws -> String { try scalar("SELECT id FROM organization WHERE membership_status = 'applicant' ORDER BY id") }
    func quartier() throws -> String { try scalar("SELECT id FROM sozialraum WHERE code = 'bremen-ostertor'") }

    /// A new pending change of provider A.
    func pendingChangeA() throws -> String { try pendingChange(by: fixture.providerA, organization: EditingFixture.organizationA) }

    /// A new pending change (a new location) of an organization.
    func pendingChange(by account: Account, organization: String) throws -> String {
        counter += 1
        let id = UUID().uuidString.lowercased()
        return try fixture.site.store.pool.write { db in
            try ReviewQueue(db: db).submit(organizationID: organization, entity: "location", entityID: id, action: "create", summary: "Standort \(counter)",
                                           rows: [RowChange(table: "location", id: id, values: ["organization_id": organization, "name": "Standort \(counter)"])],
                                           by: account)
        }
    }

    /// A new open correction suggestion for A's service.
    func correctionA() throws -> String { try correction(service: EditingFixture.serviceA) }

    /// A new open correction suggestion for a service.
    func correction(service: String) throws -> String {
        try fixture.site.store.pool.write { try Corrections(db: $0).suggest(serviceID: service, text: "Die Öffnungszeiten stimmen nicht mehr.") }
    }

    /// A new cooperation between two members.
    func cooperation() throws -> String {
        counter += 1
        let id = UUID().uuidString.lowercased()
        try fixture.site.store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: "Test")
            try writer.write(table: "cooperation", id: id, values: ["organization_id": EditingFixture.organizationA,
                                                                    "partner_id": EditingFixture.organizationB, "topic": "Thema \(counter)"])
        }
        return id
    }

    /// A new cooperation of provider A's organization (or `organization`) with a third member.
    func cooperationOfA(organization: String = EditingFixture.organizationA) throws -> String {
        counter += 1
        let id = UUID().uuidString.lowercased()
        try fixture.site.store.pool.write { db in
            let writer = try DirectoryWriter(db: db, actor: "Test")
            try writer.write(table: "cooperation", id: id, values: ["organization_id": organization,
                                                                    "partner_id": "710eb1be-7caa-5130-9e7a-e745daee8ab4", "topic": "Thema \(counter)"])
        }
        return id
    }

    /// A new help request of the counselor (a draft to the DLZ Findorff).
    func helpRequest() throws -> String {
        counter += 1
        var input = HelpRequestInput()
        input.caseReference = "Matrix-\(counter)"
        input.kind = HelpKind.visits.rawValue
        input.sozialraumID = SeedIDs.findorff
        return try fixture.site.store.engagement(now: WebFixture.now) { try $0.recordRequest(input, by: fixture.counselor) }.referralID
    }

    /// A new placement: a help request sent to and accepted by the DLZ Findorff, its helper proposed.
    func helpPlacement() throws -> String {
        counter += 1
        let staff = try WebClient.account(fixture.site, email: "dlz-matrix-\(counter)@example.org", role: .provider,
                                          organizations: [SeedIDs.dlzFindorff])
        let id = try helpRequest()
        try fixture.site.store.desk(now: WebFixture.now) { desk in
            var consent = ConsentInput(recipients: [SeedIDs.dlzFindorff], categories: [.needs], purpose: "Nachbarschaftshilfe", form: .signed,
                                       givenOn: "2026-11-16", informationVersion: "2026-01", confidentialityRelease: true)
            consent.givenBy = .citizen
            _ = try desk.recordConsent(groupID: id, consent, by: fixture.counselor)
            try desk.send(id, to: [.service(SeedIDs.dlzFindorffService)], by: fixture.counselor)
            _ = try desk.transition(id, to: .accepted, by: .person(staff))
        }
        return try fixture.site.store.engagement(now: WebFixture.now) { try $0.propose(SeedIDs.helperFindorff, for: id, by: staff) }
    }

    /// A new account nobody in the matrix uses.
    func spareAccount() throws -> String {
        counter += 1
        return try WebClient.account(fixture.site, email: "ersatz-\(counter)@example.org", role: .counselor).id
    }
}

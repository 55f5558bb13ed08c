// NeighbourhoodHelpTests: help requests are referrals to the DLZ covering the citizen's area
// (consent and gating reused), placements move only along their table (every other move 409),
// helper data reaches only the brokering DLZ's staff and every read and change is audited, the
// helper e-mail carries no citizen data, the coordinators' figures hide counts under 5,
// retention empties ended helpers, and the sample network has opportunities and helpers.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite(.serialized) struct NeighbourhoodHelpTests {
    static let dlzFindorff = "c94f49db-46ce-5e07-9e9a-72b988ae60e9"
    static let dlzOsterholz = "39ef20fe-b862-587e-8a84-4c8e6d6b8ad7"
    static let findorff = "4de7f34c-82c8-5704-b75d-df5a1be52b5c"
    static let tenever = "2a3358b6-6225-5d4c-9485-eb5480341059"
    /// Seeded helper of DLZ Findorff.
    static let renate = "7a2d3b20-1f22-4c9b-8e2f-6b0000000001"
    /// Seeded helper of DLZ Osterholz.
    static let olga = "7a2d3b20-1f22-4c9b-8e2f-6b0000000003"

    /// The seeded network with a counselor, staff of two DLZ, a housing editor, a coordinator and an admin.
    final class Network {
        let fixture: Fixture
        let counselor: Account, staffFindorff: Account, staffOsterholz: Account, otherProvider: Account, coordinator: Account, admin: Account
        var store: Store { fixture.store }

        init() throws {
            fixture = try ExportFixture.seeded()
            (counselor, staffFindorff, staffOsterholz, otherProvider, coordinator, admin) = try fixture.store.pool.write { db in
                let accounts = AccountStore(db: db)
                return (try accounts.create(email: "beratung@example.org", displayName: "Beratung", role: .counselor),
                        try accounts.create(email: "dlz-f@example.org", displayName: "DLZ F", role: .provider, organizations: [NeighbourhoodHelpTests.dlzFindorff]),
                        try accounts.create(email: "dlz-o@example.org", displayName: "DLZ O", role: .provider, organizations: [NeighbourhoodHelpTests.dlzOsterholz]),
                        try accounts.create(email: "wohnen@example.org", displayName: "Wohnen", role: .provider, organizations: ["c0e614a8-6d51-5a82-96e2-0e7b76d2ca87"]),
                        try accounts.create(email: "koord@example.org", displayName: "Koordination", role: .coordinator),
                        try accounts.create(email: "admin@example.org", displayName: "Admin", role: .admin))
            }
        }

        @discardableResult
        func desk<T>(_ body: (EngagementDesk) throws -> T) throws -> T { try store.engagement(now: Fixture.now, body) }

        /// A help request recorded, consented and sent to the DLZ covering `area`; accepted when asked.
        func sentRequest(kind: HelpKind = .visits, area: String = NeighbourhoodHelpTests.findorff, accepted: Bool = true,
                         reference: String = "NH-1") throws -> String {
            var input = HelpRequestInput()
            input.caseReference = reference
            input.kind = kind.rawValue
            input.sozialraumID = area
            input.languages = "de, tr"
            input.schedule = "dienstags vormittags"
            let recorded = try desk { try $0.recordRequest(input, by: counselor) }
            try store.desk(now: Fixture.now) { desk in
                let broker = try #require(try desk.storedReferral(recorded.referralID)).groupID
                let organization = try #require(try desk.db.scalarString("SELECT organization_id FROM service WHERE id = ?", recorded.serviceID))
                var consent = ConsentInput(recipients: [organization], categories: [.needs], purpose: "Nachbarschaftshilfe", form: .signed,
                                           givenOn: "2026-11-16", informationVersion: "2026-01", confidentialityRelease: true)
                consent.givenBy = .citizen
                _ = try desk.recordConsent(groupID: broker, consent, by: counselor)
                try desk.send(recorded.referralID, to: [.service(recorded.serviceID)], by: counselor)
                if accepted {
                    let staff = organization == NeighbourhoodHelpTests.dlzFindorff ? staffFindorff : staffOsterholz
                    _ = try desk.transition(recorded.referralID, to: .accepted, by: .person(staff))
                }
            }
            return recorded.referralID
        }

        func auditRows(containing text: String) throws -> [(action: String, account: String?)] {
            try store.pool.read { db in
                try db.query("SELECT action, account_id FROM audit_log WHERE what LIKE ? ORDER BY seq", "%" + text + "%") { ($0.string(0), $0.optionalString(1)) }
            }
        }
    }

    @Test func everyPlacementMoveOutsideTheTableIsRefusedWithAConflict() throws {
        let legal: Set<String> = ["proposed-agree", "agreed-start", "proposed-end", "agreed-end", "running-end"]
        for state in PlacementLifecycle.State.allCases {
            for event in PlacementLifecycle.Event.allCases {
                let key = "\(state.rawValue)-\(event.rawValue)"
                if legal.contains(key) {
                    #expect(throws: Never.self, "\(key)") { try PlacementLifecycle.next(from: state, on: event) }
                } else {
                    let error = #expect(throws: LotseError.self, "\(key)") { try PlacementLifecycle.next(from: state, on: event) }
                    #expect(error?.kind == .conflict && error?.message.contains("kann nicht") == true, "\(key)")
                }
            }
        }
        #expect(try PlacementLifecycle.next(from: .proposed, on: .agree) == .agreed)
        #expect(try PlacementLifecycle.next(from: .agreed, on: .start) == .running)
        #expect(try PlacementLifecycle.next(from: .running, on: .end) == .ended)
    }

    @Test func aHelpRequestIsAReferralToTheDLZCoveringTheArea() throws {
        let n = try Network()
        var input = HelpRequestInput()
        input.caseReference = "NH-7"
        input.kind = "einkauf"
        input.sozialraumID = Self.tenever
        input.languages = "ru"
        let recorded = try n.desk { try $0.recordRequest(input, by: n.counselor) }
        let stored = try n.store.pool.read { db throws -> [String?] in
            [try db.scalarString("SELECT organization_id FROM service WHERE id = ?", recorded.serviceID),
             try db.scalarString("SELECT brokering_organization_id FROM help_request WHERE referral_id = ?", recorded.referralID),
             try db.scalarString("SELECT status || '|' || needs || '|' || preferred_language FROM referral WHERE id = ?", recorded.referralID)]
        }
        #expect(stored == [Self.dlzOsterholz, Self.dlzOsterholz, "draft|alltag.nachbarschaftshilfe|ru"])
        // Sending is blocked without consent, like every referral.
        let blocked = #expect(throws: LotseError.self) {
            try n.store.desk(now: Fixture.now) { try $0.send(recorded.referralID, to: [.service(recorded.serviceID)], by: n.counselor) }
        }
        #expect(blocked?.kind == .conflict)
        // Bad input: German messages per field.
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) { try n.desk { try $0.recordRequest(HelpRequestInput(), by: n.counselor) } }
        #expect(Set(rejected?.problems.map(\.field) ?? []) == ["case_reference", "kind", "sozialraum_id"])
        // Only counselors record help requests.
        for account in [n.staffFindorff, n.coordinator, n.admin] {
            #expect(throws: LotseError.self) { try n.desk { try $0.recordRequest(input, by: account) } }
        }
    }

    @Test func helpRequestLifecycleAndPlacementsGoThroughTheBrokeringDLZ() throws {
        let n = try Network()
        let unaccepted = try n.sentRequest(accepted: false, reference: "NH-2")
        // The DLZ sees the summary, but proposes nobody before accepting.
        let summary = try n.desk { try $0.request(unaccepted, as: n.staffFindorff) }
        #expect(summary.kind == .visits && summary.referral.caseReference == nil && summary.viewerIsBroker)
        let early = #expect(throws: LotseError.self) { try n.desk { try $0.propose(Self.renate, for: unaccepted, by: n.staffFindorff) } }
        #expect(early?.kind == .conflict)

        let id = try n.sentRequest()
        // Another DLZ proposes nothing, nor does the DLZ propose another DLZ's helper.
        #expect(throws: LotseError.self) { try n.desk { try $0.propose(Self.olga, for: id, by: n.staffOsterholz) } }
        #expect(throws: LotseError.self) { try n.desk { try $0.propose(Self.olga, for: id, by: n.staffFindorff) } }
        let placement = try n.desk { try $0.propose(Self.renate, for: id, by: n.staffFindorff) }
        // One open placement per request.
        let second = #expect(throws: LotseError.self) { try n.desk { try $0.propose(Self.renate, for: id, by: n.staffFindorff) } }
        #expect(second?.kind == .conflict)
        // Illegal moves: 409 with a German message; legal ones in order.
        let illegal = #expect(throws: LotseError.self) { try n.desk { try $0.change(placement: placement, .start, by: n.staffFindorff) } }
        #expect(illegal?.kind == .conflict && illegal?.message.contains("vorgeschlagen") == true)
        try n.desk { try $0.change(placement: placement, .agree, by: n.staffFindorff) }
        #expect(throws: LotseError.self) { try n.desk { try $0.change(placement: placement, .agree, by: n.staffFindorff) } }
        try n.desk { try $0.change(placement: placement, .start, by: n.staffFindorff) }
        let noReason = #expect(throws: LotseError.self) { try n.desk { try $0.change(placement: placement, .end, by: n.staffFindorff) } }
        #expect(noReason?.kind == .invalidInput)
        // The counselor moves no placement.
        #expect(throws: LotseError.self) { try n.desk { try $0.change(placement: placement, .end, reason: .completed, by: n.counselor) } }
        try n.desk { try $0.change(placement: placement, .end, reason: .completed, by: n.staffFindorff) }
        for event in PlacementLifecycle.Event.allCases {
            let after = #expect(throws: LotseError.self) { try n.desk { try $0.change(placement: placement, event, reason: .other, by: n.staffFindorff) } }
            #expect(after?.kind == .conflict)
        }
        let state = try n.store.pool.read { db in
            try db.queryFirst("SELECT state, end_reason, agreed_at IS NOT NULL, started_at IS NOT NULL FROM help_placement WHERE id = ?", placement) {
                "\($0.string(0))|\($0.string(1))|\($0.int(2))|\($0.int(3))"
            }
        }
        #expect(state == "ended|completed|1|1")
        // Audited: proposal and each move.
        #expect(try n.auditRows(containing: "placement:\(placement)").count == 4)
        // The requester sees the state, never the helper.
        let mine = try n.desk { try $0.request(id, as: n.counselor) }
        #expect(mine.placements.count == 1 && mine.placements[0].helperID == nil && mine.placements[0].helperName == nil && mine.isMet)
        #expect(mine.referral.caseReference == "NH-1")
        let brokered = try n.desk { try $0.request(id, as: n.staffFindorff) }
        #expect(brokered.placements[0].helperName == "Renate Beispiel")
        // Neither other providers, coordinators nor admins see the request.
        for account in [n.staffOsterholz, n.otherProvider, n.coordinator, n.admin] {
            #expect(throws: LotseError.self, "\(account.email)") { try n.desk { try $0.request(id, as: account) } }
        }
        #expect(try n.desk { try $0.requests(as: n.staffOsterholz) }.isEmpty)
        #expect(throws: LotseError.self) { try n.desk { try $0.requests(as: n.coordinator) } }
    }

    @Test func helperDataReachesOnlyTheBrokeringStaffAndEveryAccessIsAudited() throws {
        let n = try Network()
        let helpers = try n.desk { try $0.helpers(as: n.staffFindorff) }
        #expect(Set(helpers.map(\.name)) == ["Renate Beispiel", "Emre Muster"])
        #expect(try n.desk { try $0.helpers(as: n.staffOsterholz) }.allSatisfy { $0.organizationID == Self.dlzOsterholz })
        for account in [n.staffOsterholz, n.otherProvider, n.coordinator, n.admin, n.counselor] {
            let refused = #expect(throws: LotseError.self, "\(account.email)") { try n.desk { try $0.helper(Self.renate, as: account) } }
            #expect(refused?.kind == .forbidden)
            #expect(throws: LotseError.self, "\(account.email)") { try n.desk { try $0.endHelper(Self.renate, by: account) } }
        }
        for account in [n.otherProvider, n.coordinator, n.admin, n.counselor] {
            #expect(throws: LotseError.self, "\(account.email)") { try n.desk { try $0.helpers(as: account) } }
        }
        // Reads and changes are audited (names of fields, never the data).
        var draft = Helper.Draft()
        draft.organizationID = Self.dlzFindorff
        draft.name = "Paula Neu"
        draft.phone = "0421 555 9999"
        draft.kinds = ["besuch"]
        let id = try n.desk { try $0.saveHelper(draft, by: n.staffFindorff) }
        _ = try n.desk { try $0.helper(id, as: n.staffFindorff) }
        let rows = try n.auditRows(containing: "helper:\(id)")
        #expect(rows.map(\.action) == ["change", "read"])
        #expect(rows.allSatisfy { $0.account == n.staffFindorff.id })
        let logged = try n.store.pool.read { db in try db.query("SELECT what FROM audit_log") { $0.string(0) } }.joined(separator: "\n")
        #expect(!logged.contains("Paula") && !logged.contains("9999") && !logged.contains("Renate"))
        #expect(try n.auditRows(containing: "helper:\(Self.renate)").count >= 1)
        // Bad input: German messages, nothing written.
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) {
            var bad = Helper.Draft()
            bad.organizationID = Self.dlzFindorff
            bad.email = "kein-at"
            bad.policeCertificateOn = "2030-01-01"
            try n.desk { try $0.saveHelper(bad, by: n.staffFindorff) }
        }
        #expect(Set(rejected?.problems.map(\.field) ?? []) == ["name", "email", "kinds", "police_certificate_on"])
    }

    @Test func theHelperEmailCarriesNoCitizenDataAndAPlainLink() throws {
        let n = try Network()
        let id = try n.sentRequest(reference: "Fall-Geheim-42")
        try n.store.desk(now: Fixture.now) { desk in
            _ = try desk.addNote(id, "Frau Heimlich, Tel. 0421 777", category: .needs, by: n.counselor)
        }
        let placement = try n.desk { try $0.propose(Self.renate, for: id, by: n.staffFindorff) }
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: "/bin/true", timeout: 5),
                                    templates: try TemplateLibrary(directory: ExportFixture.templates), links: .fixture)
        let message = try n.desk {
            try $0.inquiry(placement: placement, by: n.staffFindorff, settings: settings, networkName: "Netzwerk", link: "https://lotse.example.org/engagement")
        }
        let text = message.subject + message.text + (message.html ?? "")
        #expect(message.to.map(\.email) == ["renate.beispiel@example.org"])
        for secret in ["Fall-Geheim-42", "dienstags vormittags", "Heimlich", "0421 777", "Besuche", id, String(id.prefix(8))] {
            #expect(!text.contains(secret), "mail shows »\(secret)«")
        }
        #expect(text.contains("https://lotse.example.org/engagement"))
        #expect(!text.contains("token") && !text.contains("/e/") && !text.contains("/anmelden"))
        // Only the brokering staff ask; the requester gets neither the mail nor the address.
        #expect(throws: LotseError.self) {
            try n.desk { try $0.inquiry(placement: placement, by: n.counselor, settings: settings, networkName: "N", link: "x") }
        }
        let requester = try n.desk { try $0.request(id, as: n.counselor) }
        #expect(requester.placements[0].askedAt != nil && requester.placements[0].helperID == nil)
        #expect(!"\(requester)".contains("renate.beispiel@example.org") && !"\(requester)".contains("Renate"))
    }

    @Test func coordinatorFiguresHideCountsUnderFive() throws {
        let n = try Network()
        for index in 0..<6 {
            let id = try n.sentRequest(reference: "F-\(index)")
            if index < 5 {
                let placement = try n.desk { try $0.propose(Self.renate, for: id, by: n.staffFindorff) }
                try n.desk { try $0.change(placement: placement, .agree, by: n.staffFindorff) }
                try n.desk { try $0.change(placement: placement, .end, reason: .completed, by: n.staffFindorff) }
            }
        }
        var figures = try n.store.neighbourhoodHelpFigures()
        var line = try #require(figures.lines.first { $0.areaID == Self.findorff && $0.kind == .visits })
        // 5 met and 1 unmet: the 1 is hidden, and so is the 5 (else 6 − 5 would reveal it).
        #expect(line.total == 6 && line.unmet == nil && line.met == nil)
        #expect(figures.lines.first?.areaID == nil && figures.lines.first?.total == 6)
        for index in 0..<4 { _ = try n.sentRequest(reference: "G-\(index)") }
        figures = try n.store.neighbourhoodHelpFigures()
        line = try #require(figures.lines.first { $0.areaID == Self.findorff && $0.kind == .visits })
        #expect(line.total == 10 && line.met == 5 && line.unmet == 5)
        // The brokering DLZ's digest count: open requests (not met).
        #expect(try n.store.pool.read { try NeighbourhoodHelpFigures.openRequests($0, organizationID: Self.dlzFindorff) } == 5)
        #expect(try n.store.pool.read { try NeighbourhoodHelpFigures.openRequests($0, organizationID: Self.dlzOsterholz) } == 0)
    }

    @Test func theBrokeringDLZsDigestCountsItsOpenHelpRequests() throws {
        let n = try Network()
        _ = try n.sentRequest(reference: "D-1")
        _ = try n.sentRequest(accepted: false, reference: "D-2")
        func digest(_ account: Account) throws -> DigestContent {
            let base = DigestContent(account: account, context: ["provider": .object(["hasReferrals": .bool(false)])], hasNews: false)
            return try n.store.pool.read { db in try base.addingNeighbourhoodHelp(db, siteURL: "https://lotse.example.org", paths: .fixture) }
        }
        let findorff = try digest(n.staffFindorff)
        #expect(findorff.hasNews)
        let provider = try #require(findorff.context["provider"])
        #expect(provider["helpRequests"] == .array([.object(["organization": .string("Dienstleistungszentrum Findorff"), "open": .int(2)])]))
        #expect(provider["helpRequestsURL"] == .string("https://lotse.example.org/test/referrals"))
        // No line for a DLZ without open requests, nor for another member.
        for account in [n.staffOsterholz, n.otherProvider] {
            let other = try digest(account)
            #expect(!other.hasNews && other.context["provider"]?["helpRequests"] == .null, "\(account.email)")
        }
    }

    @Test func retentionEmptiesEndedHelpersAfterThePeriod() throws {
        let n = try Network()
        let id = try n.sentRequest()
        let placement = try n.desk { try $0.propose(Self.renate, for: id, by: n.staffFindorff) }
        try n.desk { try $0.change(placement: placement, .end, reason: .helperDeclined, by: n.staffFindorff) }
        try n.desk { try $0.endHelper(Self.renate, by: n.staffFindorff) }
        // Within the period nothing changes.
        _ = try RetentionJob.run(store: n.store, now: Fixture.now.addingTimeInterval(10 * 86_400))
        #expect(try n.store.pool.read { try $0.scalarString("SELECT name FROM helper WHERE id = ?", Self.renate) } == "Renate Beispiel")
        let later = Fixture.now.addingTimeInterval(200 * 86_400)
        let dry = try RetentionJob.run(store: n.store, now: later, dryRun: true)
        #expect(dry.neighbourhoodHelp.helpersAnonymised == 1 && dry.neighbourhoodHelp.placementsUnlinked == 1)
        #expect(try n.store.pool.read { try $0.scalarString("SELECT name FROM helper WHERE id = ?", Self.renate) } == "Renate Beispiel")
        let report = try RetentionJob.run(store: n.store, now: later)
        #expect(report.neighbourhoodHelp.helpersAnonymised == 1)
        let row = try n.store.pool.read { db in
            try db.queryFirst("SELECT name, email, phone, availability, anonymised_at IS NOT NULL FROM helper WHERE id = ?", Self.renate) {
                [$0.optionalString(0), $0.optionalString(1), $0.optionalString(2), $0.optionalString(3), String($0.int(4))]
            }
        }
        #expect(row == [nil, nil, nil, nil, "1"])
        #expect(try n.store.pool.read { try $0.scalarString("SELECT helper_id FROM help_placement WHERE id = ?", placement) } == nil)
        // An active helper stays; the emptied one is gone from the staff's list.
        #expect(try n.desk { try $0.helpers(as: n.staffFindorff) }.map(\.name) == ["Emre Muster"])
        #expect(try n.auditRows(containing: "Nachbarschaftshilfe: 1 Helfende anonymisiert").count == 1)
    }

    @Test func theSampleNetworkHasOpportunitiesAndHelpers() throws {
        let n = try Network()
        let published = try n.desk { try $0.publishedOpportunities() }
        #expect(published.count == 5)
        #expect(try n.desk { try $0.publishedOpportunities(sozialraumID: Self.tenever) }.map(\.title) == ["Begleitung zu Arztterminen in Tenever"])
        #expect(try n.desk { try $0.publishedOpportunities(kind: .technology) }.count == 1)
        #expect(try n.store.pool.read { try $0.scalarInt("SELECT count(*) FROM helper") } == 4)
        // Publishing: members only, German messages for bad input, withdrawing takes it off the list.
        #expect(throws: LotseError.self) { try n.desk { try $0.publish(HelperOpportunity.Draft(), by: n.coordinator) } }
        let rejected = #expect(throws: DirectoryWriter.Rejected.self) {
            var draft = HelperOpportunity.Draft()
            draft.organizationID = Self.dlzFindorff
            draft.languages = "deutsch"
            try n.desk { try $0.publish(draft, by: n.staffFindorff) }
        }
        #expect(Set(rejected?.problems.map(\.field) ?? []) == ["title", "schedule", "contact", "kind", "frequency", "sozialraum_id", "languages"])
        let own = try n.desk { try $0.ownOpportunities(of: n.staffFindorff) }
        #expect(own.count == 2)
        #expect(throws: LotseError.self) { try n.desk { try $0.setPublished(own[0].id, false, by: n.staffOsterholz) } }
        try n.desk { try $0.setPublished(own[0].id, false, by: n.staffFindorff) }
        #expect(try n.desk { try $0.publishedOpportunities() }.count == 4)
    }
}

// HousingHoldTests: the hold workflow — every (state, event, actor) of the proposal lifecycle,
// the hold date with the Land's working days, the whole path from proposal to letting, the
// lapse job and the reminders (once each), the one extension, the refusal, the consent gate
// and audit like any referral, who sees the street address, and reminder mails without
// personal data.
import Foundation
import SQLite
import Templating
import Testing
@testable import LotseCore

@Suite struct HousingProposalLifecycleTests {
    typealias L = HousingProposalLifecycle

    static let legal: [L.State: [L.Event: (L.State, L.Actor)]] = [
        .proposed: [.accept: (.held, .company), .decline: (.declined, .company), .withdraw: (.withdrawn, .counselor),
                    .withdrawOffer: (.withdrawn, .company)],
        .held: [.approve: (.approved, .counselor), .refuse: (.lapsed, .counselor), .lapse: (.lapsed, .system),
                .withdraw: (.lapsed, .counselor), .withdrawOffer: (.lapsed, .company)],
        .approved: [.let: (.let, .company), .withdraw: (.lapsed, .counselor), .withdrawOffer: (.lapsed, .company)],
    ]

    @Test func everyTransitionIsLegalOrRefusedAsTheTableSays() throws {
        var legal = 0, refused = 0
        for state in L.State.allCases {
            for event in L.Event.allCases {
                for actor in [L.Actor.company, .counselor, .system] {
                    let reason: L.EndReason? = event == .withdraw ? .householdDeclined : nil
                    if let (target, allowed) = Self.legal[state]?[event], allowed == actor {
                        #expect(try L.next(from: state, on: event, by: actor, reason: reason).state == target, "\(state) --\(event)/\(actor)-->")
                        legal += 1
                    } else {
                        #expect(throws: LotseError.self, "\(state) --\(event)/\(actor)--> must be refused") {
                            try L.next(from: state, on: event, by: actor, reason: reason)
                        }
                        refused += 1
                    }
                }
            }
        }
        #expect(legal == 12)
        #expect(refused == 7 * 8 * 3 - 12)
    }

    @Test func everyEndCarriesItsCodedReason() throws {
        #expect(try L.next(from: .proposed, on: .decline, by: .company).reason == .companyDeclined)
        #expect(try L.next(from: .held, on: .lapse, by: .system).reason == .approvalTooLate)
        #expect(try L.next(from: .held, on: .refuse, by: .counselor).reason == .approvalRefused)
        #expect(try L.next(from: .approved, on: .withdrawOffer, by: .company).reason == .offerWithdrawn)
        #expect(try L.next(from: .held, on: .withdraw, by: .counselor, reason: .consentWithdrawn).reason == .consentWithdrawn)
        #expect(try L.next(from: .held, on: .approve, by: .counselor).reason == nil)
        // A withdrawal needs one of the counselor's reasons; other events take none of their own.
        #expect(throws: LotseError.self) { try L.next(from: .held, on: .withdraw, by: .counselor) }
        #expect(throws: LotseError.self) { try L.next(from: .held, on: .withdraw, by: .counselor, reason: .approvalTooLate) }
        #expect(throws: LotseError.self) { try L.next(from: .held, on: .refuse, by: .counselor, reason: .other) }
        let wrongActor = try #require(throws: LotseError.self) { try L.next(from: .proposed, on: .accept, by: .counselor) }
        #expect(wrongActor.kind == .forbidden)
        // The end states match what the table of 017 allows: an end reason exactly for declined, lapsed, withdrawn.
        for transition in L.transitions where transition.to.isFinal && transition.to != .let {
            #expect(transition.reason != nil || transition.event == .withdraw, "\(transition.event)")
        }
    }
}

@Suite struct HoldDeadlineTests {
    let saxony = WorkingDays(stateCode: "SN"), bremen = WorkingDays(stateCode: "HB")

    @Test func theDefaultEndMovesToTheNextWorkingDayOfTheLand() {
        #expect(HoldDeadline.standard(from: "2026-11-18", days: 14, calendar: saxony) == "2026-12-02")    // a Wednesday
        #expect(HoldDeadline.standard(from: "2026-12-11", days: 14, calendar: saxony) == "2026-12-28")    // Christmas, weekend
        #expect(HoldDeadline.standard(from: "2026-11-04", days: 14, calendar: saxony) == "2026-11-19")    // Buß- und Bettag in Saxony
        #expect(HoldDeadline.standard(from: "2026-11-04", days: 14, calendar: bremen) == "2026-11-18")    // … a working day in Bremen
        #expect(HoldDeadline.standard(from: "2026-11-20", days: 14, calendar: bremen) == "2026-12-04")
    }

    @Test func aChosenDateMustBeAWorkingDayWithinTheLimits() throws {
        try HoldDeadline.check("2026-11-25", from: "2026-11-18", minimum: 7, maximum: 28, calendar: saxony)
        try HoldDeadline.check("2026-12-16", from: "2026-11-18", minimum: 7, maximum: 28, calendar: saxony)
        for (date, words) in [("2026-11-24", "zwischen dem 25.11.2026 und dem 16.12.2026"), ("2026-12-17", "zwischen"),
                              ("2026-11-28", "kein Arbeitstag"), ("30.11.2026", "kein Datum")] {
            let error = try #require(throws: LotseError.self) {
                try HoldDeadline.check(date, from: "2026-11-18", minimum: 7, maximum: 28, calendar: saxony)
            }
            #expect(error.message.contains(words), "\(date): \(error.message)")
        }
    }

    @Test func remindersComeWorkingDaysBeforeAndTheHoldLapsesTheDayAfter() {
        // Hold until Wednesday 2026-12-02; three working days before is Friday 2026-11-27.
        #expect(!HoldDeadline.reminderDue("2026-12-02", today: "2026-11-26", workingDays: 3, calendar: saxony))
        #expect(HoldDeadline.reminderDue("2026-12-02", today: "2026-11-27", workingDays: 3, calendar: saxony))
        #expect(HoldDeadline.reminderDue("2026-12-02", today: "2026-12-02", workingDays: 3, calendar: saxony))
        #expect(!HoldDeadline.hasLapsed("2026-12-02", today: "2026-12-02"))
        #expect(HoldDeadline.hasLapsed("2026-12-02", today: "2026-12-03"))
    }
}

@Suite struct HousingHoldTests {
    @Test func aProposalIsAReferralToTheCompanyWithConsentAndAudit() throws {
        let f = try HoldFixture()
        let id = try f.proposed()
        let referral = try f.referral(id)
        #expect(referral.status == .requested && referral.organizationID == f.company)
        #expect(referral.recipientOrganizations == [f.company] && referral.caseReference == HoldFixture.caseReference)
        let p = try f.proposal(id)
        #expect(p.state == .proposed && p.householdSize == 2 && p.pot == .sgb2 && p.costBearerOfficeID == f.office && p.holdUntil == nil)
        let audit = try f.store.pool.read { db in try db.query("SELECT action, what FROM audit_log WHERE referral_id = ?", id) { "\($0.string(0)) \($0.string(1))" } }
        #expect(audit.contains { $0.hasPrefix("disclosure") } && audit.contains { $0.contains("Wohnungsvorschlag für Angebot") })
        let consents = try f.r.desk { try $0.groupConsents(id) }
        #expect(consents.count == 1 && consents[0].recipients == [f.company] && consents[0].categories == [.needs])
    }

    @Test func withoutConsentOrFromTheWrongRoleNothingIsStored() throws {
        let f = try HoldFixture()
        var input = f.input()
        input.consentGivenOn = "2026-12-24"   // in the future: no valid consent
        #expect(throws: LotseError.self) { try f.holds().propose(input, by: f.r.counselor) }
        input = f.input(size: "5")
        let size = try #require(throws: LotseError.self) { try f.holds().propose(input, by: f.r.counselor) }
        #expect(size.message.contains("1 bis 3 Personen"))
        #expect(throws: LotseError.self) { try f.holds().propose(f.input(), by: f.companyEditor) }
        #expect(throws: LotseError.self) { try f.holds().propose(f.input(), by: f.r.coordinator) }
        let counts = try f.store.pool.read { db in
            (try db.scalarInt("SELECT count(*) FROM housing_proposal"), try db.scalarInt("SELECT count(*) FROM referral"))
        }
        #expect(counts.0 == 0 && counts.1 == 0)
    }

    @Test func oneFlatFromProposalToHoldToApprovalToLetting() throws {
        let f = try HoldFixture()
        let id = try f.proposed()
        // Another housing company and another provider cannot answer it.
        #expect(throws: LotseError.self) { try f.holds().accept(id, by: f.otherEditor) }
        #expect(throws: LotseError.self) { try f.holds().accept(id, by: f.r.providerA) }
        let until = try f.holds().accept(id, by: f.companyEditor)
        #expect(until == "2026-12-02")
        #expect(try f.offerStatus() == ("held", f.r.counselingOrg))
        #expect(try f.referral(id).status == .accepted)
        // Letting before the cost approval is refused.
        #expect(throws: LotseError.self) { try HousingOffers(store: f.store, now: HoldFixture.now).change(f.offer, .let, by: f.companyEditor) }
        try f.holds().recordSteps(id, appliedOn: "2026-11-18", documentsMissing: "Mietbescheinigung", by: f.r.colleague)
        #expect(throws: LotseError.self) { try f.holds().recordSteps(id, appliedOn: "2026-11-19", documentsMissing: "", by: f.r.counselor) }
        #expect(throws: LotseError.self) { try f.holds().approve(id, on: "2026-11-18", by: f.r.otherCounselor) }
        try f.holds(HoldFixture.at("2026-11-24")).approve(id, on: "2026-11-24", by: f.r.counselor)
        var p = try f.proposal(id)
        #expect(p.state == .approved && p.approvalAppliedOn == "2026-11-18" && p.documentsMissing == "Mietbescheinigung" && p.approvedOn == "2026-11-24")
        try HousingOffers(store: f.store, now: HoldFixture.at("2026-11-25")).change(f.offer, .let, by: f.companyEditor)
        p = try f.proposal(id)
        #expect(p.state == .let && p.letOn == "2026-11-25" && p.endReason == nil)
        #expect(try f.offerStatus() == ("let", nil))
        #expect(try f.referral(id).status == .completed)
    }

    @Test func theCompanyMayChooseTheDateWithinTheSettingLimits() throws {
        let f = try HoldFixture()
        let id = try f.proposed()
        #expect(throws: LotseError.self) { try f.holds().accept(id, holdUntil: "2026-11-20", by: f.companyEditor) }
        #expect(try f.proposal(id).state == .proposed)
        try f.store.pool.write { db in try db.execute("INSERT INTO lotse_meta(key, value) VALUES ('housing.hold_min_days', '1')") }
        #expect(try f.holds().accept(id, holdUntil: "2026-11-20", by: f.companyEditor) == "2026-11-20")
    }

    @Test func theCompanyExtendsOnceWithAReason() throws {
        let f = try HoldFixture()
        let id = try f.held()
        #expect(throws: LotseError.self) { try f.holds().extend(id, until: "2026-12-09", reason: "", by: f.companyEditor) }
        #expect(throws: LotseError.self) { try f.holds().extend(id, until: "2026-12-09", reason: "Bescheid kommt", by: f.r.counselor) }
        #expect(throws: LotseError.self) { try f.holds().extend(id, until: "2027-01-15", reason: "Bescheid kommt", by: f.companyEditor) }
        try f.holds().extend(id, until: "2026-12-09", reason: "Bescheid kommt nächste Woche", by: f.companyEditor)
        let p = try f.proposal(id)
        #expect(p.holdUntil == "2026-12-09" && p.extensionReason == "Bescheid kommt nächste Woche" && p.extendedAt != nil)
        let again = try #require(throws: LotseError.self) { try f.holds().extend(id, until: "2026-12-11", reason: "noch einmal", by: f.companyEditor) }
        #expect(again.message.contains("schon einmal"))
    }

    @Test func theLapseJobReleasesTheFlatOnceAndRemindsBefore() throws {
        let f = try HoldFixture()
        let id = try f.held()   // until Wednesday 2026-12-02
        #expect(try f.runJob(on: "2026-11-26") == HousingHoldJob.Report())
        var report = try f.runJob(on: "2026-11-27")
        #expect(report.reminders == 1 && report.lapsed == 0)
        #expect(try f.runJob(on: "2026-11-30") == HousingHoldJob.Report())   // reminded once
        let queued = try f.store.pool.read { db in try db.query("SELECT email, hold_until FROM housing_hold_mail") { "\($0.string(0)) \($0.string(1))" } }
        #expect(queued == ["kdu@jobcenter.example.de 2026-12-02"])
        let notified = try f.store.pool.read { db in
            try db.scalarInt("SELECT count(*) FROM notification WHERE account_id = ? AND kind = 'status-requested' AND detail = 'hold-until:2026-12-02'", f.r.counselor.id)
        }
        #expect(notified == 1)
        #expect(try f.runJob(on: "2026-12-02").lapsed == 0)   // the last day still holds
        report = try f.runJob(on: "2026-12-03")
        #expect(report.lapsed == 1)
        let p = try f.proposal(id)
        #expect(p.state == .lapsed && p.endReason == .approvalTooLate && p.endedAt != nil)
        #expect(try f.offerStatus() == ("available", nil))
        let referral = try f.referral(id)
        #expect(referral.status == .failed && referral.reason == .noResponse)
        #expect(try f.runJob(on: "2026-12-04") == HousingHoldJob.Report())
    }

    @Test func anExtensionBringsANewReminder() throws {
        let f = try HoldFixture()
        let id = try f.held()
        #expect(try f.runJob(on: "2026-11-30").reminders == 1)
        try f.holds(HoldFixture.at("2026-11-30")).extend(id, until: "2026-12-14", reason: "Unterlagen nachgereicht", by: f.companyEditor)
        #expect(try f.runJob(on: "2026-12-03") == HousingHoldJob.Report())
        #expect(try f.runJob(on: "2026-12-09").reminders == 1)
        #expect(try f.store.pool.read { db in try db.scalarInt("SELECT count(*) FROM housing_hold_mail") } == 2)
    }

    @Test func aRefusalReleasesTheFlatWithItsReason() throws {
        let f = try HoldFixture()
        let id = try f.held()
        try f.holds().refuse(id, on: "2026-11-18", by: f.r.counselor)
        let p = try f.proposal(id)
        #expect(p.state == .lapsed && p.endReason == .approvalRefused && p.refusedOn == "2026-11-18")
        #expect(try f.offerStatus() == ("available", nil))
        #expect(try f.referral(id).status == .cancelled)
        #expect(throws: LotseError.self) { try f.holds().approve(id, on: "2026-11-18", by: f.r.counselor) }
    }

    @Test func declineWithdrawAndAWithdrawnOfferEndProposals() throws {
        let f = try HoldFixture()
        let declined = try f.proposed()
        try f.holds().decline(declined, by: f.companyEditor)
        #expect(try f.proposal(declined).endReason == .companyDeclined && f.referral(declined).status == .rejected)
        let withdrawn = try f.proposed()
        try f.holds().withdraw(withdrawn, reason: .householdDeclined, by: f.r.counselor)
        #expect(try f.proposal(withdrawn).state == .withdrawn && f.referral(withdrawn).reason == .citizenDeclined)
        let held = try f.held()
        try HousingOffers(store: f.store, now: HoldFixture.now).change(f.offer, .withdraw, by: f.companyEditor)
        let p = try f.proposal(held)
        #expect(p.state == .lapsed && p.endReason == .offerWithdrawn)
        #expect(try f.referral(held).status == .cancelled && f.offerStatus().0 == "withdrawn")
    }

    @Test func onlyTheCompanyAndTheHoldingTeamSeeTheAddress() throws {
        let f = try HoldFixture()
        let id = try f.proposed()
        var seen = try f.holds().proposalCase(id, as: f.r.colleague)
        #expect(seen.address == nil && seen.showsHousehold && seen.actor == .counselor)
        #expect(try f.holds().proposalCase(id, as: f.companyEditor).address == "Zwinglistraße 41, 01277")
        try f.holds().accept(id, by: f.companyEditor)
        seen = try f.holds().proposalCase(id, as: f.r.colleague)
        #expect(seen.address == "Zwinglistraße 41, 01277")
        for outsider in [f.r.otherCounselor, f.r.providerA, f.otherEditor, f.r.coordinator, f.r.admin] {
            #expect(throws: LotseError.self, "\(outsider.email)") { try f.holds().proposalCase(id, as: outsider) }
            #expect(try f.holds().proposals(for: outsider).isEmpty, "\(outsider.email)")
        }
        let offer = try #require(try HousingOffers(store: f.store).offer(f.offer))
        for outsider in [f.r.otherCounselor, f.r.providerA, f.otherEditor, f.r.coordinator] {
            #expect(offer.address(for: outsider) == nil, "\(outsider.email)")
        }
        #expect(offer.address(for: f.r.counselor) == "Zwinglistraße 41, 01277")
        // The reads are audited.
        let reads = try f.store.pool.read { db in
            try db.scalarInt("SELECT count(*) FROM audit_log WHERE referral_id = ? AND action = 'read' AND purpose = 'Wohnungsvorschlag ansehen'", id)
        }
        #expect(reads == 3)
    }

    @Test func aWithdrawnConsentLeavesTheCompanyTheStatusOnly() throws {
        let f = try HoldFixture()
        let id = try f.held()
        let consent = try f.r.desk { try $0.groupConsents(id) }[0]
        try f.r.desk { try $0.withdrawConsent(consent.id, by: f.r.counselor) }
        let seen = try f.holds().proposalCase(id, as: f.companyEditor)
        #expect(!seen.showsHousehold && seen.officeName == nil && seen.events.isEmpty && !seen.mayExtend)
        #expect(seen.referral.needs.isEmpty)
    }

    @Test func retentionClearsTheFreeTextsOfAnEndedProposal() throws {
        let f = try HoldFixture()
        let id = try f.held()
        try f.holds().extend(id, until: "2026-12-09", reason: "Frau Geheim ist im Krankenhaus", by: f.companyEditor)
        try f.holds().recordSteps(id, appliedOn: "2026-11-18", documentsMissing: "Nachweis von Frau Geheim", by: f.r.counselor)
        try f.holds().refuse(id, on: "2026-11-18", by: f.r.counselor)
        _ = try RetentionJob.run(store: f.store, now: HoldFixture.at("2027-01-10"))
        #expect(try f.proposal(id).documentsMissing != nil)   // not yet due
        _ = try RetentionJob.run(store: f.store, now: HoldFixture.at("2027-06-01"))
        let p = try f.proposal(id)
        #expect(p.documentsMissing == nil && p.extensionReason == nil && p.endReason == .approvalRefused && p.refusedOn == "2026-11-18")
    }

    @Test func theReminderMailCarriesNoPersonalData() throws {
        let f = try HoldFixture()
        var input = f.input()
        input.caseReference = "Kunigunde Geheim"
        let id = try f.holds().propose(input, by: f.r.counselor)
        try f.holds().accept(id, by: f.companyEditor)
        try f.holds().recordSteps(id, appliedOn: "2026-11-18", documentsMissing: "Nachweis Einkommen Frau Geheim", by: f.r.counselor)
        _ = try f.runJob(on: "2026-11-30")
        let mailbox = NSTemporaryDirectory() + "hold-\(UUID().uuidString).mbox"
        defer { try? FileManager.default.removeItem(atPath: mailbox) }
        let settings = MailSettings(from: MailAddress("lotse@example.org", name: "Lotse"), publicURL: "https://lotse.example.org",
                                    transport: SendmailTransport(commandLine: "/usr/bin/tee -a \(mailbox)"),
                                    templates: try TemplateLibrary(directory: DigestTests.templates), links: .fixture)
        let report = try HoldReminderMails.send(store: f.store, settings: settings, networkName: "Netzwerk Süd", now: HoldFixture.at("2026-11-30"))
        #expect(report == { var r = HoldReminderMails.Report(); r.sent = 1; return r }())
        #expect(try HoldReminderMails.send(store: f.store, settings: settings, networkName: "Netzwerk Süd", now: HoldFixture.at("2026-11-30")).sent == 0)
        let text = try String(contentsOfFile: mailbox, encoding: .utf8).replacingOccurrences(of: "=\r\n", with: "")
        #expect(text.contains("kdu@jobcenter.example.de") && text.contains("02.12.2026") && text.contains("Gruna"))
        #expect(text.contains("Blasewitz") && text.contains("https://lotse.example.org/"))
        for secret in ["Geheim", "Kunigunde", "Zwinglistra", id, "Einkommen", "token", "anmelden"] {
            #expect(!text.contains(secret), "\(secret)")
        }
    }
}

@Suite struct HousingDigestTests {
    func counts(_ f: HoldFixture, _ account: Account, on day: String) throws -> HousingDigestCounts {
        try f.store.pool.read { db in try HousingDigestCounts.compute(db, for: account, now: HoldFixture.at(day)) }
    }

    @Test func theCompanySeesOpenHoldsAndExpiringOffersTheCounselorHoldsAboutToLapse() throws {
        let f = try HoldFixture()
        var company = try counts(f, f.companyEditor, on: "2026-11-18")
        #expect(company.expiringOffers == 1 && company.waiting == 0 && company.openHolds == 0)   // free from 2026-12-01
        #expect(try counts(f, f.companyEditor, on: "2026-11-10").expiringOffers == 0)
        let id = try f.proposed()
        #expect(try counts(f, f.companyEditor, on: "2026-11-18").waiting == 1)
        try f.holds().accept(id, by: f.companyEditor)   // until 2026-12-02
        company = try counts(f, f.companyEditor, on: "2026-11-18")
        #expect(company.openHolds == 1 && company.endingSoon == 0 && company.expiringOffers == 0 && company.waiting == 0)
        #expect(try counts(f, f.companyEditor, on: "2026-11-26").endingSoon == 1)
        #expect(try counts(f, f.r.counselor, on: "2026-11-18").lapsingSoon == 0)
        #expect(try counts(f, f.r.colleague, on: "2026-11-26").lapsingSoon == 1)
        #expect(try counts(f, f.r.otherCounselor, on: "2026-11-26") == HousingDigestCounts())
        #expect(try counts(f, f.otherEditor, on: "2026-11-26") == HousingDigestCounts())
        try f.holds().approve(id, on: "2026-11-18", by: f.r.counselor)
        #expect(try counts(f, f.r.colleague, on: "2026-11-26").lapsingSoon == 0)
    }

    @Test func theDigestGetsTheHousingLinesOnlyWithNews() throws {
        let f = try HoldFixture()
        _ = try f.held()
        let links = MailLinks.fixture
        let empty = DigestContent(account: f.r.counselor, context: [:], hasNews: false)
        let quiet = try empty.withHousing(store: f.store, now: HoldFixture.at("2026-11-18"), siteURL: "https://lotse.example.org", paths: links)
        #expect(!quiet.hasNews && quiet.context["housing"] == nil)
        let loud = try empty.withHousing(store: f.store, now: HoldFixture.at("2026-11-27"), siteURL: "https://lotse.example.org", paths: links)
        #expect(loud.hasNews)
        guard case .object(let housing)? = loud.context["housing"] else { Issue.record("no housing lines"); return }
        #expect(housing["lapsingSoon"] == .int(1))
    }
}

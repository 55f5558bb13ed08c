// HousingHolds: the hold workflow — a counselor proposes a pseudonymous household for a flat
// (a referral to the housing company: draft, consent, send, all through ReferralDesk), the
// company accepts (the flat is held until a date) or declines, the counselor records the cost
// approval's steps, the company extends the hold once or lets the flat; the hold job lapses
// holds whose date passed (HousingHolds+Job). Every step moves the referral too, so consent,
// ReferralAccess and the audit log govern it like any referral; the business state lives in
// `housing_proposal` (HousingProposalLifecycle).
import Foundation
import SQLite

/// The hold workflow on a store.
public struct HousingHolds: Sendable {
    /// What a counselor enters to propose a household.
    public struct Proposal: Sendable, Equatable {
        public var offerID = ""
        public var householdSize = ""
        public var pot = ""
        public var costBearerOfficeID = ""
        public var caseReference = ""
        /// Need codes (taxonomy `bedarf`); a barrier-free flat when empty.
        public var needs: [String] = []
        /// The consent for the housing company: the day it was given, its form and the version
        /// of the information sheet.
        public var consentGivenOn = ""
        public var consentForm = ConsentForm.signed
        public var informationVersion = ""

        public init() {}
    }

    public let store: Store
    public let now: Date

    public init(store: Store, now: Date = Date()) {
        self.store = store
        self.now = now
    }

    /// The need a proposal names when the counselor names none.
    public static let defaultNeed = "wohnen.barrierefreie-wohnung"

    /// Runs `body` with a desk and the settings in one write transaction.
    func write<T>(_ body: (ReferralDesk, SettingValues) throws -> T) throws -> T {
        try store.pool.write { db in
            try body(try ReferralDesk(db: db, now: now, settings: try ReferralSettings.load(db)), try SettingValues.load(db))
        }
    }

    // MARK: Proposing

    /// Proposes a household for available offer `input.offerID`: creates the referral draft,
    /// records the consent for the housing company, sends it to the company's listed service
    /// and stores the proposal — all or nothing. Returns the referral id. German errors.
    @discardableResult
    public func propose(_ input: Proposal, by account: Account) throws -> String {
        guard account.status == .active, account.role == .counselor else {
            throw LotseError(.forbidden, "Wohnungen schlagen nur Beraterinnen und Berater einer Beratungsstelle vor.")
        }
        return try write { desk, _ in
            let db = desk.db
            guard let offer = try HousingOffers.offers(db, where: "o.id = ?", [input.offerID]).first else {
                throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht.")
            }
            guard account.organizationID != nil else {
                throw LotseError(.forbidden, "Wohnungen schlägt ein Team einer Beratungsstelle vor; Ihr Konto gehört zu keiner.")
            }
            guard offer.status == .available else {
                throw LotseError(.conflict, "Diese Wohnung ist nicht mehr frei (\(offer.status.label)).")
            }
            guard let size = Int(input.householdSize.trimmingCharacters(in: .whitespaces)), (1...12).contains(size) else {
                throw LotseError(.invalidInput, "Bitte die Haushaltsgröße angeben (1 bis 12 Personen).")
            }
            guard offer.householdSizes.contains(size) else {
                throw LotseError(.invalidInput, "Die Wohnung passt für Haushalte mit \(offer.householdMin) bis \(offer.householdMax) Personen, nicht für \(size).")
            }
            guard let pot = HousingPot(rawValue: input.pot) else {
                throw LotseError(.invalidInput, "Bitte wählen, wer die Kosten der Unterkunft trägt (SGB II, SGB XII oder SGB IX).")
            }
            var office: String?
            if !input.costBearerOfficeID.isEmpty {
                guard try db.scalarInt("SELECT count(*) FROM cost_bearer_office WHERE id = ?", input.costBearerOfficeID) == 1 else {
                    throw LotseError(.invalidInput, "Diese Stelle des Kostenträgers gibt es nicht.")
                }
                office = input.costBearerOfficeID
            }
            guard let service = try db.scalarString("""
                SELECT s.id FROM service s JOIN organization o ON o.id = s.organization_id
                WHERE s.organization_id = ? AND \(Listing.condition) ORDER BY s.name, s.id LIMIT 1
                """, offer.organizationID) else {
                throw LotseError(.conflict, "\(offer.organizationName) hat kein gelistetes Angebot im Verzeichnis, über das Vorschläge laufen.")
            }
            let draft = ReferralDraft(needs: input.needs.isEmpty ? [Self.defaultNeed] : input.needs, sozialraum: nil,
                                      caseReference: input.caseReference)
            let id = try desk.createDraft(draft, by: account)
            let consent = ConsentInput(recipients: [offer.organizationID], categories: [.needs],
                                       purpose: "Vorschlag für eine Wohnung und Reservierung während der Kostenübernahme",
                                       form: input.consentForm, givenOn: input.consentGivenOn,
                                       informationVersion: input.informationVersion, confidentialityRelease: false)
            try desk.recordConsent(groupID: id, consent, by: account)
            try desk.send(id, to: [.service(service)], by: account)
            try db.execute("""
                INSERT INTO housing_proposal(referral_id, offer_id, company_organization_id, household_size, pot, cost_bearer_office_id,
                    state, proposed_at) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)
                """, id, offer.id, offer.organizationID, size, pot.rawValue, office, desk.timestampString)
            try desk.audit.record(.change, by: .person(account), referralID: id,
                                  what: "Wohnungsvorschlag für Angebot \(offer.id): \(size) Personen, \(pot.rawValue)",
                                  purpose: "Wohnung vorschlagen")
            return id
        }
    }

    // MARK: The company's answer

    /// The company accepts proposal `id`: the referral is accepted, the flat held for the
    /// proposing team until `holdUntil` (empty: the default days, moved to a working day).
    /// Returns the hold's last day.
    @discardableResult
    public func accept(_ id: String, holdUntil chosen: String = "", by account: Account) throws -> String {
        try write { desk, settings in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireRecipient(referral, account)
            _ = try HousingProposalLifecycle.next(from: proposal.state, on: .accept, by: .company)
            guard let team = referral.requesterOrganizationID else {
                throw LotseError(.conflict, "Der Vorschlag hat kein vorschlagendes Team.")
            }
            let calendar = try Self.calendar(desk, offer: proposal.offerID)
            let today = desk.todayString
            let until: String
            if chosen.isEmpty {
                until = HoldDeadline.standard(from: today, days: settings.integer(SettingsRegistry.holdDefaultDays) ?? 14, calendar: calendar)
            } else {
                try HoldDeadline.check(chosen, from: today, minimum: settings.integer(SettingsRegistry.holdMinimumDays) ?? 7,
                                       maximum: settings.integer(SettingsRegistry.holdMaximumDays) ?? 28, calendar: calendar)
                until = chosen
            }
            try desk.transition(id, to: .accepted, by: .person(account))
            try HousingOffers.hold(desk.db, offer: proposal.offerID, for: team, now: now)
            try Self.update(desk, id, from: proposal.state, "state = 'held', held_at = ?, hold_until = ?", [desk.timestampString, until])
            try desk.audit.record(.change, by: .person(account), organizationID: proposal.companyOrganizationID, referralID: id,
                                  what: "Wohnung reserviert bis \(until)", purpose: "Wohnung reservieren")
            return until
        }
    }

    /// The company declines proposal `id` (the referral is rejected).
    public func decline(_ id: String, by account: Account) throws {
        try write { desk, _ in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireRecipient(referral, account)
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .decline, by: .company)
            try desk.transition(id, to: .rejected, by: .person(account), reason: .other, reasonText: "Wohnungsvorschlag abgelehnt")
            try Self.end(desk, proposal, next, by: .person(account))
        }
    }

    /// The company extends the hold on proposal `id` once, to `until`, with a reason.
    public func extend(_ id: String, until: String, reason: String, by account: Account) throws {
        try write { desk, settings in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireRecipient(referral, account)
            guard proposal.state == .held, let current = proposal.holdUntil else {
                throw LotseError(.conflict, "Verlängert wird nur eine Reservierung, deren Kostenübernahme noch offen ist.")
            }
            guard proposal.extendedAt == nil else { throw LotseError(.conflict, "Diese Reservierung wurde schon einmal verlängert.") }
            guard let text = try desk.cleanText(reason, limit: 500, label: "Die Begründung") else {
                throw LotseError(.invalidInput, "Bitte begründen, warum die Reservierung verlängert wird.")
            }
            try HoldDeadline.check(until, from: current, minimum: 1, maximum: settings.integer(SettingsRegistry.holdMaximumDays) ?? 28,
                                   calendar: try Self.calendar(desk, offer: proposal.offerID))
            try Self.update(desk, id, from: proposal.state, "hold_until = ?, extended_at = ?, extension_reason = ?, reminded_at = NULL",
                       [until, desk.timestampString, text])
            try desk.audit.record(.change, by: .person(account), organizationID: proposal.companyOrganizationID, referralID: id,
                                  what: "Reservierung verlängert bis \(until)", purpose: "Wohnung reservieren")
            try desk.notifications.add(.statusRequested, referralID: id, accountID: referral.requesterAccountID, detail: "hold-until:\(until)")
        }
    }

    // MARK: The counselor's steps

    /// The counselor records the cost approval's steps on held proposal `id`: the day it was
    /// applied for and which documents are missing (empty clears).
    public func recordSteps(_ id: String, appliedOn: String, documentsMissing: String, by account: Account) throws {
        try write { desk, _ in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireTeam(referral, account)
            guard proposal.state == .held else {
                throw LotseError(.conflict, "Die Schritte der Kostenübernahme werden erfasst, solange die Wohnung reserviert ist.")
            }
            let applied = appliedOn.trimmingCharacters(in: .whitespaces)
            if !applied.isEmpty { try Self.checkPast(applied, desk: desk, label: "Beantragt am") }
            let missing = try desk.cleanText(documentsMissing, limit: 500, label: "»Fehlende Unterlagen«")
            try Self.update(desk, id, from: proposal.state, "approval_applied_on = ?, documents_missing = ?", [applied.isEmpty ? nil : applied, missing])
            try desk.audit.record(.change, by: .person(account), referralID: id,
                                  what: "Kostenübernahme: beantragt \(applied.isEmpty ? "-" : applied), Unterlagen \(missing == nil ? "vollständig" : "fehlen")",
                                  purpose: "Kostenübernahme begleiten")
        }
    }

    /// The counselor records the cost bearer's approval on `on`.
    public func approve(_ id: String, on day: String, by account: Account) throws {
        try write { desk, _ in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireTeam(referral, account)
            _ = try HousingProposalLifecycle.next(from: proposal.state, on: .approve, by: .counselor)
            try Self.checkPast(day, desk: desk, label: "Bewilligt am")
            try Self.update(desk, id, from: proposal.state, "state = 'approved', approved_on = ?", [day])
            try desk.audit.record(.change, by: .person(account), referralID: id, what: "Kostenübernahme bewilligt am \(day)",
                                  purpose: "Kostenübernahme begleiten")
            try desk.notifications.add(.statusChanged, referralID: id, organizationID: proposal.companyOrganizationID, detail: "approved")
        }
    }

    /// The counselor records the cost bearer's refusal on `on`: the referral is cancelled, the
    /// flat released ("Kostenübernahme abgelehnt").
    public func refuse(_ id: String, on day: String, by account: Account) throws {
        try write { desk, _ in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireTeam(referral, account)
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .refuse, by: .counselor)
            try Self.checkPast(day, desk: desk, label: "Abgelehnt am")
            try desk.transition(id, to: .cancelled, by: .person(account), reason: .other, reasonText: next.reason!.label)
            try HousingOffers.release(desk.db, offer: proposal.offerID, now: now)
            try Self.end(desk, proposal, next, by: .person(account), extra: "refused_on = ?", [day])
        }
    }

    /// The counselor withdraws proposal `id` with `reason` (household declined, consent
    /// withdrawn, other): the referral is cancelled, a held flat released.
    public func withdraw(_ id: String, reason: HousingProposalLifecycle.EndReason, by account: Account) throws {
        try write { desk, _ in
            let (proposal, referral) = try Self.load(desk, id)
            try desk.requireTeam(referral, account)
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .withdraw, by: .counselor, reason: reason)
            try desk.transition(id, to: .cancelled, by: .person(account), reason: reason == .householdDeclined ? .citizenDeclined : .other,
                                reasonText: reason == .householdDeclined ? nil : reason.label)
            if proposal.state.holdsFlat { try HousingOffers.release(desk.db, offer: proposal.offerID, now: now) }
            try Self.end(desk, proposal, next, by: .person(account))
        }
    }

    /// The company lets the flat of approved proposal `id` to the household: the offer's
    /// "let" (HousingOffers.change), which lets the proposal and completes its referral.
    public func letFlat(_ id: String, by account: Account) throws {
        guard let offerID = try store.pool.read({ db in try HousingProposal.load(db, id: id)?.offerID }) else {
            throw LotseError(.notFound, "Diesen Wohnungsvorschlag gibt es nicht.")
        }
        try HousingOffers(store: store, now: now).change(offerID, .let, by: account)
    }

    // MARK: The company's offer changes

    /// Called by HousingOffers.change inside its transaction before the offer moves: letting a
    /// held flat lets the approved proposal (and completes its referral; a flat whose cost
    /// approval is still open cannot be let); withdrawing the offer ends every open proposal
    /// ("Wohnungsangebot zurückgezogen").
    static func offerChanging(_ db: Database, offer: HousingOffer, event: HousingOfferLifecycle.Event, by account: Account, now: Date) throws {
        guard event == .let || event == .withdraw else { return }
        let desk = try ReferralDesk(db: db, now: now, settings: try ReferralSettings.load(db))
        let open = try HousingProposal.load(db, where: "offer_id = ? AND state IN ('proposed', 'held', 'approved')", [offer.id])
        if event == .let {
            guard let proposal = open.first(where: { $0.state.holdsFlat }) else { return }
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .let, by: .company)
            try desk.transition(proposal.referralID, to: .completed, by: .person(account))
            try db.execute("UPDATE housing_proposal SET state = ?, let_on = ? WHERE referral_id = ? AND state = ?",
                           next.state.rawValue, desk.todayString, proposal.referralID, proposal.state.rawValue)
            try desk.audit.record(.change, by: .person(account), organizationID: proposal.companyOrganizationID,
                                  referralID: proposal.referralID, what: "Wohnung vermietet", purpose: "Wohnung vermieten")
            return
        }
        for proposal in open {
            let next = try HousingProposalLifecycle.next(from: proposal.state, on: .withdrawOffer, by: .company)
            try desk.transition(proposal.referralID, to: proposal.state == .proposed ? .rejected : .cancelled, by: .person(account),
                                reason: .other, reasonText: next.reason!.label)
            try Self.end(desk, proposal, next, by: .person(account))
        }
    }

    // MARK: Helpers

    /// The proposal and its referral; not found when either is missing.
    static func load(_ desk: ReferralDesk, _ id: String) throws -> (HousingProposal, Referral) {
        guard let proposal = try HousingProposal.load(desk.db, id: id) else {
            throw LotseError(.notFound, "Diesen Wohnungsvorschlag gibt es nicht.")
        }
        return (proposal, try desk.referral(id))
    }

    /// The working-day calendar of the Land the flat lies in.
    static func calendar(_ desk: ReferralDesk, offer id: String) throws -> WorkingDays {
        let area = try desk.db.scalarString("SELECT sozialraum_id FROM housing_offer WHERE id = ?", id)
        return WorkingDays(stateCode: try desk.stateCode(sozialraumID: area, serviceID: nil))
    }

    /// Updates the proposal while it is still in `from` (else a conflict).
    static func update(_ desk: ReferralDesk, _ id: String, from: HousingProposalLifecycle.State, _ assignments: String, _ values: [SQLBindable?]) throws {
        try desk.db.execute("UPDATE housing_proposal SET \(assignments) WHERE referral_id = ? AND state = ?",
                            values: values + [id, from.rawValue])
        guard desk.db.changes == 1 else { throw LotseError(.conflict, "Der Wohnungsvorschlag wurde inzwischen geändert; bitte neu laden.") }
    }

    /// Ends the proposal in `next` with its reason, audited.
    static func end(_ desk: ReferralDesk, _ proposal: HousingProposal, _ next: (state: HousingProposalLifecycle.State, reason: HousingProposalLifecycle.EndReason?),
             by actor: ReferralActor, extra: String? = nil, _ values: [SQLBindable?] = []) throws {
        try Self.update(desk, proposal.referralID, from: proposal.state,
                   "state = ?, end_reason = ?, ended_at = ?" + (extra.map { ", " + $0 } ?? ""),
                   [next.state.rawValue, next.reason?.rawValue, desk.timestampString] + values)
        try desk.audit.record(.change, by: actor, organizationID: actor.account == nil ? proposal.companyOrganizationID : nil,
                              referralID: proposal.referralID,
                              what: "Wohnungsvorschlag \(proposal.state.rawValue) → \(next.state.rawValue) (\(next.reason?.rawValue ?? "-"))",
                              purpose: "Wohnungsvorschlag beenden")
    }

    /// A date not after today.
    static func checkPast(_ day: String, desk: ReferralDesk, label: String) throws {
        guard Timestamp.isDate(day) else { throw LotseError(.invalidInput, "\(label): »\(day)« ist kein Datum (JJJJ-MM-TT).") }
        guard day <= desk.todayString else { throw LotseError(.invalidInput, "\(label): Das Datum liegt in der Zukunft.") }
    }
}

extension ReferralDesk {
    /// The timestamp every change of this desk is stamped with.
    var timestampString: String { timestamp }
    /// Today in Berlin.
    var todayString: String { today }
}

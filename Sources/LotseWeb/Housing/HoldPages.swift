// HoldPages: the hold workflow's pages — a counselor proposes a household for a flat
// (`/wohnungen/vorschlaege/neu`, with the consent for the housing company), the team and the
// company list their proposals and work on one (`/wohnungen/vorschlaege/:id`): the company
// accepts (holds the flat until a date), declines, extends once or lets; the counselor records
// the cost approval's steps, approval, refusal or withdraws. HousingHolds decides everything
// (consent, ReferralAccess, audit); a refused step shows the page again with the German error
// and the input kept.
import HTTP
import LotseCore
import Templating

/// The proposal pages.
enum HoldPages {
    /// `GET /wohnungen/vorschlaege`.
    static func list(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let items = try HousingHolds(store: request.context.store, now: request.context.now()).proposals(for: account)
        return try request.page("wohnungen/hold_liste", title: "Wohnungsvorschläge", context: [
            "proposals": .array(items.map { item in
                .object(["url": .string(URLs.housingProposal(item.proposal.referralID)), "area": .string(item.area),
                         "rooms": .string(Euro.tenths(item.rooms)), "company": .string(item.company),
                         "caseReference": TemplateValue(item.caseReference), "state": .string(item.proposal.state.label),
                         "holdUntil": TemplateValue(item.proposal.state.holdsFlat ? item.proposal.holdUntil.map(HoldDeadline.german) : nil)])
            }),
            "count": .int(items.count), "isCounselor": .bool(account.role == .counselor),
        ])
    }

    // MARK: Proposing

    /// `GET /wohnungen/vorschlaege/neu?angebot=ID`.
    static func new(_ request: PageRequest) throws -> Response {
        var input = HousingHolds.Proposal()
        input.offerID = request.queryValue("angebot") ?? ""
        input.consentGivenOn = BerlinTime(request.context.now()).dateString
        input.informationVersion = try request.context.store.desk(now: request.context.now()) { try $0.latestConsentInformationVersion() } ?? ""
        return try form(request, input, errors: FormErrors())
    }

    /// `POST /wohnungen/vorschlaege/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let form = try request.input
        var input = HousingHolds.Proposal()
        input.offerID = form.text("offer_id")
        input.householdSize = form.text("household_size")
        input.pot = form.text("pot")
        input.costBearerOfficeID = form.text("cost_bearer_office_id")
        input.caseReference = form.text("case_reference")
        input.consentGivenOn = form.text("consent_given_on")
        input.consentForm = ConsentForm(rawValue: form.text("consent_form")) ?? .signed
        input.informationVersion = form.text("information_version")
        do {
            let id = try HousingHolds(store: request.context.store, now: request.context.now()).propose(input, by: account)
            return .redirect(to: URLs.with(notice: "vorgeschlagen", URLs.housingProposal(id)))
        } catch let error as LotseError where error.kind == .invalidInput || error.kind == .conflict {
            var errors = FormErrors()
            errors.add(field(for: error.message), error.message)
            return try self.form(request, input, errors: errors)
        }
    }

    /// The field a proposal error belongs to (for the error summary's link).
    static func field(for message: String) -> String {
        if message.contains("Haushaltsgröße") || message.contains("Personen") { return "household_size" }
        if message.contains("Kosten der Unterkunft") { return "pot" }
        if message.contains("Fallzeichen") { return "case_reference" }
        if message.contains("Stelle des Kostenträgers") { return "cost_bearer_office_id" }
        if message.contains("Informationsblatt") { return "information_version" }
        return "consent_given_on"
    }

    /// The proposal form with `input` and `errors` (400 when there are any).
    static func form(_ request: PageRequest, _ input: HousingHolds.Proposal, errors: FormErrors) throws -> Response {
        let store = request.context.store
        guard let offer = try HousingOffers(store: store, now: request.context.now()).offer(input.offerID), offer.status.isListed else {
            throw LotseError(.notFound, "Dieses Wohnungsangebot gibt es nicht (mehr).")
        }
        let offices = try CostBearerOffices(store: store).all()
        var page = FormPage(heading: "Haushalt für eine Wohnung vorschlagen", action: URLs.createHousingProposal,
                            submitLabel: "Vorschlagen und an das Wohnungsunternehmen senden", back: (URLs.housingOffers, "Zurück zu den Wohnungen"))
        page.intro = "\(Euro.tenths(offer.roomsTenths)) Zimmer, \(Euro.tenths(offer.sizeTenths)) m² in \(offer.sozialraumName) von \(offer.organizationName), für Haushalte mit \(offer.householdMin) bis \(offer.householdMax) Personen. Der Vorschlag ist eine Vermittlung an das Wohnungsunternehmen: Es sieht nur, was die Einwilligung abdeckt (den Bedarf, pseudonym), nimmt an und reserviert die Wohnung, solange die Kostenübernahme geprüft wird."
        page.hidden.append(("offer_id", offer.id))
        page.section("Haushalt", text: "Keine Namen: das Fallzeichen bleibt in Ihrem Team.", [
            FormPage.field(FormField(name: "household_size", label: "Haushaltsgröße (Personen)", kind: .number, optional: false), input.householdSize, errors),
            FormPage.field(FormField(name: "pot", label: "Wer trägt die Kosten der Unterkunft?", kind: .radios, optional: false,
                                     options: HousingPot.allCases.map { .init(value: $0.rawValue, label: $0.label) }), input.pot, errors),
            FormPage.field(FormField(name: "cost_bearer_office_id", label: "Stelle des Kostenträgers", kind: .select,
                                     hint: "Sie wird vor Ablauf der Reservierung ohne Angaben zur Person erinnert.",
                                     options: [.init(value: "", label: "– keine Angabe –")] + offices.map { .init(value: $0.id, label: "\($0.name) (\($0.pot.label))") }),
                           input.costBearerOfficeID, errors),
            FormPage.field(FormField(name: "case_reference", label: "Fallzeichen", hint: "Ihr Pseudonym für den Haushalt, zum Beispiel WO-2026-17.",
                                     optional: false, spellcheck: false), input.caseReference, errors),
        ])
        page.section("Einwilligung", text: "Der Vorschlag geht erst hinaus, wenn die Einwilligung für das Wohnungsunternehmen dokumentiert ist (Weitergabe des Bedarfs).", [
            FormPage.field(FormField(name: "consent_given_on", label: "Eingewilligt am", kind: .date, hint: "Datum, zum Beispiel 2026-11-16.", optional: false),
                           input.consentGivenOn, errors),
            FormPage.field(FormField(name: "consent_form", label: "Form der Einwilligung", kind: .radios, optional: false,
                                     options: ConsentForm.allCases.map { .init(value: $0.rawValue, label: $0.label) }), input.consentForm.rawValue, errors),
            FormPage.field(FormField(name: "information_version", label: "Version des Informationsblatts", optional: false, spellcheck: false),
                           input.informationVersion, errors),
        ])
        return try page.render(request, errors: errors)
    }

    // MARK: One proposal

    /// `GET /wohnungen/vorschlaege/:id`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    /// `POST /wohnungen/vorschlaege/:id` with `ereignis` = accept, decline, extend, steps,
    /// approve, refuse, withdraw or let.
    static func step(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let holds = HousingHolds(store: request.context.store, now: request.context.now())
        let id = request.id
        let event = input.text("ereignis")
        var typed: [String: String] = [:]
        for name in ["hold_until", "extend_until", "extension_reason", "applied_on", "documents_missing", "approved_on", "refused_on", "end_reason"] {
            let text = input.text(name)
            if !text.isEmpty { typed[name] = text }
        }
        do {
            switch event {
            case "accept": try holds.accept(id, holdUntil: typed["hold_until"] ?? "", by: account)
            case "decline": try holds.decline(id, by: account)
            case "extend": try holds.extend(id, until: typed["extend_until"] ?? "", reason: typed["extension_reason"] ?? "", by: account)
            case "steps":
                try holds.recordSteps(id, appliedOn: typed["applied_on"] ?? "", documentsMissing: typed["documents_missing"] ?? "", by: account)
            case "approve": try holds.approve(id, on: typed["approved_on"] ?? "", by: account)
            case "refuse": try holds.refuse(id, on: typed["refused_on"] ?? "", by: account)
            case "withdraw":
                guard let reason = HousingProposalLifecycle.EndReason(rawValue: typed["end_reason"] ?? "") else {
                    throw LotseError(.invalidInput, "Bitte einen Grund für das Zurückziehen wählen.")
                }
                try holds.withdraw(id, reason: reason, by: account)
            case "let": try holds.letFlat(id, by: account)
            default: throw LotseError(.invalidInput, "Unbekannter Schritt »\(event)«.")
            }
        } catch let error as LotseError where error.kind == .invalidInput || error.kind == .conflict {
            var errors = FormErrors()
            errors.add(fieldOf(event), error.message)
            return try page(request, typed: typed, errors: errors)
        }
        return .redirect(to: URLs.with(notice: event, URLs.housingProposal(id)))
    }

    /// The main field of a step's form (the error summary links to it).
    static func fieldOf(_ event: String) -> String {
        switch event {
        case "accept": "hold_until"
        case "extend": "extend_until"
        case "steps": "applied_on"
        case "approve": "approved_on"
        case "refuse": "refused_on"
        case "withdraw": "end_reason"
        default: ""
        }
    }

    /// The proposal page with `typed` values and `errors` (400 when there are any).
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let account = try request.account
        let now = request.context.now()
        let seen = try HousingHolds(store: request.context.store, now: now).proposalCase(request.id, as: account)
        let p = seen.proposal
        let today = BerlinTime(now).dateString
        func value(_ name: String, _ fallback: String = "") -> String { typed[name] ?? fallback }
        func form(_ event: HousingProposalLifecycle.Event?, name: String, label: String, fields: [FormField], values: [String]) -> TemplateValue {
            .object(["event": .string(name), "label": .string(label), "isSecondary": .bool(event == .decline || event == .withdraw || event == .refuse),
                     "fields": .array(zip(fields, values).map { $0.context($1, errors: errors) })])
        }
        var forms: [TemplateValue] = []
        for event in seen.events {
            switch event {
            case .accept:
                forms.append(form(event, name: "accept", label: event.label, fields: [
                    FormField(name: "hold_until", label: "Reserviert bis", kind: .date, hint: "Leer lassen für die übliche Frist; sonst ein Arbeitstag.")],
                                  values: [value("hold_until")]))
            case .decline:
                forms.append(form(event, name: "decline", label: event.label, fields: [], values: []))
            case .approve:
                forms.append(form(event, name: "approve", label: "Bewilligung eintragen", fields: [
                    FormField(name: "approved_on", label: "Kostenübernahme bewilligt am", kind: .date, optional: false)], values: [value("approved_on", today)]))
            case .refuse:
                forms.append(form(event, name: "refuse", label: "Ablehnung eintragen und Wohnung freigeben", fields: [
                    FormField(name: "refused_on", label: "Kostenübernahme abgelehnt am", kind: .date, optional: false)], values: [value("refused_on", today)]))
            case .withdraw:
                forms.append(form(event, name: "withdraw", label: event.label, fields: [
                    FormField(name: "end_reason", label: "Grund", kind: .select, optional: false,
                              options: [.init(value: "", label: "– bitte wählen –")]
                                + HousingProposalLifecycle.EndReason.counselorReasons.map { .init(value: $0.rawValue, label: $0.label) })],
                                  values: [value("end_reason")]))
            case .let:
                forms.append(form(event, name: "let", label: event.label, fields: [], values: []))
            case .lapse, .withdrawOffer:
                break
            }
        }
        var steps: TemplateValue = .null
        if seen.mayRecordSteps {
            steps = form(nil, name: "steps", label: "Schritte speichern", fields: [
                FormField(name: "applied_on", label: "Kostenübernahme beantragt am", kind: .date),
                FormField(name: "documents_missing", label: "Fehlende Unterlagen", kind: .textarea, hint: "Nur Bezeichnungen, keine Angaben zur Person.", rows: 2),
            ], values: [value("applied_on", p.approvalAppliedOn ?? ""), value("documents_missing", p.documentsMissing ?? "")])
        }
        var extend: TemplateValue = .null
        if seen.mayExtend {
            extend = form(nil, name: "extend", label: "Einmal verlängern", fields: [
                FormField(name: "extend_until", label: "Neu reserviert bis", kind: .date, optional: false),
                FormField(name: "extension_reason", label: "Begründung", kind: .textarea, optional: false, rows: 2),
            ], values: [value("extend_until"), value("extension_reason")])
        }
        let notice: String? = switch request.notice {
        case "vorgeschlagen": "Der Vorschlag ist an das Wohnungsunternehmen gesendet."
        case "accept": "Die Wohnung ist reserviert."
        case "extend": "Die Reservierung ist verlängert."
        case "steps": "Die Schritte der Kostenübernahme sind gespeichert."
        case "approve": "Die Bewilligung ist eingetragen."
        case "refuse": "Die Ablehnung ist eingetragen; die Wohnung ist wieder frei."
        case "withdraw": "Der Vorschlag ist zurückgezogen."
        case "decline": "Der Vorschlag ist abgelehnt."
        case "let": "Die Wohnung ist als vermietet eingetragen."
        default: nil
        }
        let offer = seen.offer
        var context: [String: TemplateValue] = [
            "rooms": .string(Euro.tenths(offer.roomsTenths)), "size": .string(Euro.tenths(offer.sizeTenths)), "area": .string(offer.sozialraumName),
            "company": .string(offer.organizationName), "address": TemplateValue(seen.address), "total": .string(Euro.text(offer.totalCents)),
            "state": .string(p.state.label), "holdUntil": TemplateValue(p.state.holdsFlat ? p.holdUntil.map(HoldDeadline.german) : nil),
            "extensionReason": TemplateValue(p.extensionReason), "showsHousehold": .bool(seen.showsHousehold),
            "householdSize": .int(p.householdSize), "pot": .string(p.pot.label), "office": TemplateValue(seen.officeName),
            "caseReference": TemplateValue(seen.referral.caseReference),
            "appliedOn": TemplateValue(p.approvalAppliedOn.map(HoldDeadline.german)), "documentsMissing": TemplateValue(p.documentsMissing),
            "approvedOn": TemplateValue(p.approvedOn.map(HoldDeadline.german)), "refusedOn": TemplateValue(p.refusedOn.map(HoldDeadline.german)),
            "letOn": TemplateValue(p.letOn.map(HoldDeadline.german)), "endReason": TemplateValue(p.endReason?.label),
            "referralURL": .string(URLs.referral(p.referralID)), "action": .string(URLs.housingProposal(p.referralID)),
            "forms": .array(forms), "steps": steps, "extend": extend, "notice": TemplateValue(notice),
        ]
        for (key, value) in errors.context { context[key] = value }
        return try request.page("wohnungen/hold_fall", title: (errors.isEmpty ? "" : "Fehler: ") + "Wohnungsvorschlag", context: context,
                                status: errors.isEmpty ? 200 : 400)
    }
}

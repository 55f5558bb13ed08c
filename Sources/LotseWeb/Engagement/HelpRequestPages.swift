// HelpRequestPages: `/engagement/anfragen` — counselors record a help request for a citizen
// (pseudonymous: case reference, kind of help, Sozialraum, languages, when); it becomes a
// referral draft to the DLZ covering the area, and the counselor records consent and sends it
// on the referral's send page. The DLZ accepts it in its inbox, then proposes one of its helpers
// here, asks them by e-mail and moves the placement on. The counselor sees the placement's
// state, never the helper. What each sees is decided by EngagementDesk and ReferralAccess.
import HTTP
import LotseCore
import Templating

/// Help requests and placements.
enum HelpRequestPages {
    /// `GET /engagement/anfragen`.
    static func list(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let items = try request.context.store.engagement(now: request.context.now()) { try $0.requests(as: account) }
        return try request.page("engagement/anfragen", title: "Hilfeanfragen", context: [
            "requests": .array(items.map { summary($0) }), "count": .int(items.count), "isCounselor": .bool(account.role == .counselor),
        ])
    }

    /// One request's list values.
    static func summary(_ item: HelpRequestItem) -> TemplateValue {
        .object([
            "url": .string(URLs.helpRequest(item.referral.id)), "number": .string(String(item.referral.id.prefix(8))),
            "kind": TemplateValue(item.kind?.label), "area": TemplateValue(item.areaName), "broker": .string(item.brokerName),
            "status": .string(item.referral.status.label), "placement": TemplateValue(item.placements.last.map(placementText)),
            "caseReference": TemplateValue(item.referral.caseReference),
        ])
    }

    /// A placement's state in words (no helper).
    static func placementText(_ placement: PlacementView) -> String {
        placement.state == .ended ? "Einsatz beendet: " + (placement.endReason?.label ?? "") : "Einsatz " + placement.state.label
    }

    /// `GET /engagement/anfragen/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        _ = try request.account
        return try form(request, input: HelpRequestInput(), errors: FormErrors())
    }

    /// `POST /engagement/anfragen/neu`: records the request, then on to consent and sending.
    static func create(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let form = try request.input
        var input = HelpRequestInput()
        input.caseReference = form.text("case_reference")
        input.kind = form.text("kind")
        input.sozialraumID = form.text("sozialraum_id")
        input.languages = form.text("languages")
        input.schedule = form.text("schedule")
        input.desiredFrom = form.text("desired_from")
        do {
            let recorded = try request.context.store.engagement(now: request.context.now()) { try $0.recordRequest(input, by: account) }
            return .redirect(to: URLs.referralSendForm(recorded.referralID, targets: ["service:" + recorded.serviceID]))
        } catch let rejected as DirectoryWriter.Rejected {
            return try self.form(request, input: input, errors: FormErrors(rejected))
        }
    }

    /// The form (400 with errors).
    static func form(_ request: PageRequest, input: HelpRequestInput, errors: FormErrors) throws -> Response {
        var page = FormPage(heading: "Hilfeanfrage erfassen", action: URLs.newHelpRequest, submitLabel: "Weiter zu Einwilligung und Versand",
                            back: (URLs.helpRequests, "Zurück zu den Hilfeanfragen"))
        page.intro = "Die Anfrage geht als Vermittlung an das Dienstleistungszentrum, das den Sozialraum betreut; es vermittelt eine:n Helfende:n. Wie bei jeder Vermittlung sieht es die Angaben erst mit der Einwilligung der Person. Bitte keinen Namen als Fallzeichen."
        page.section(nil, [
            FormPage.field(FormField(name: "case_reference", label: "Fallzeichen", hint: "Ihr Kürzel für die Person, kein Name.", optional: false, autocomplete: "off", spellcheck: false),
                           input.caseReference, errors),
            FormPage.field(FormField(name: "kind", label: "Art der Hilfe", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + HelpKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
                           input.kind, errors),
            FormPage.field(FormField(name: "sozialraum_id", label: "Sozialraum, in dem die Person wohnt", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + (try SozialraumTreePage.options(request.context))), input.sozialraumID, errors),
            FormPage.field(FormField(name: "languages", label: "Sprachen", hint: "Sprachcodes, durch Komma getrennt, zum Beispiel »de, tr«; die erste ist die bevorzugte.", spellcheck: false),
                           input.languages, errors),
            FormPage.field(FormField(name: "schedule", label: "Wann", hint: "Zum Beispiel »einmal pro Woche vormittags«."), input.schedule, errors),
            FormPage.field(FormField(name: "desired_from", label: "Ab wann", kind: .date, hint: "Datum, zum Beispiel 2027-01-15."), input.desiredFrom, errors),
        ])
        return try page.render(request, errors: errors)
    }

    /// `GET /engagement/anfragen/:id`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let (item, helpers) = try request.context.store.engagement(now: request.context.now()) { desk -> (HelpRequestItem, [Helper]) in
            let item = try desk.request(request.id, as: account)
            let open = item.viewerIsBroker && item.referral.access >= .full && !item.placements.contains { $0.state != .ended }
            return (item, open ? try desk.helpers(as: account, purpose: "Helfende für eine Anfrage auswählen").filter { $0.active && $0.organizationID == item.brokerID } : [])
        }
        let notice: String? = switch request.notice {
        case "vorgeschlagen": "Die:der Helfende ist vorgeschlagen."
        case "status": "Der Einsatz ist geändert."
        case "angefragt": "Die E-Mail an die:den Helfende:n ist verschickt."
        default: nil
        }
        let placements = item.placements.map { placement -> TemplateValue in
            let broker = item.viewerIsBroker
            return .object([
                "text": .string(placementText(placement)), "helper": TemplateValue(broker ? placement.helperName : nil),
                "helperURL": broker ? TemplateValue(placement.helperID.map(URLs.helper)) : .null,
                "proposed": TemplateValue(GermanFormat.date(String(placement.proposedAt.prefix(10)))),
                "asked": TemplateValue(placement.askedAt.flatMap { GermanFormat.date(String($0.prefix(10))) }),
                "actions": .array(broker ? PlacementLifecycle.events(from: placement.state).filter { $0 != .end }.map {
                    .object(["event": .string($0.rawValue), "label": .string($0.label)])
                } : []),
                "canEnd": .bool(broker && placement.state != .ended),
                "canAsk": .bool(broker && placement.state == .proposed && placement.helperID != nil),
                "changeURL": .string(URLs.placement(placement.id)), "askURL": .string(URLs.askHelper(placement.id)),
            ])
        }
        return try request.page("engagement/anfrage", title: "Hilfeanfrage " + String(item.referral.id.prefix(8)), context: [
            "number": .string(String(item.referral.id.prefix(8))), "status": .string(item.referral.status.label),
            "kind": TemplateValue(item.kind?.label), "area": TemplateValue(item.areaName), "languages": .string(item.languages.joined(separator: ", ")),
            "schedule": TemplateValue(item.schedule), "broker": .string(item.brokerName), "caseReference": TemplateValue(item.referral.caseReference),
            "referralURL": .string(URLs.referral(item.referral.id)), "isBroker": .bool(item.viewerIsBroker),
            "isDraft": .bool(item.referral.status == .draft && item.referral.access == .owner),
            "sendURL": .string(URLs.referralSendForm(item.referral.id, targets: item.referral.serviceID.map { ["service:" + $0] } ?? [])),
            "mustAccept": .bool(item.viewerIsBroker && item.referral.access < .full),
            "placements": .array(placements), "notice": TemplateValue(notice),
            "helperField": helpers.isEmpty ? .null : FormField(name: "helfende", label: "Helfende:r", kind: .select, optional: false,
                options: helpers.map { .init(value: $0.id, label: $0.name + " (" + $0.kinds.map(\.label).joined(separator: ", ") + ")") }).context("", errors: FormErrors()),
            "proposeURL": .string(URLs.proposeHelper(item.referral.id)),
            "endField": FormField(name: "grund", label: "Grund für das Ende", kind: .select, optional: false,
                                  options: PlacementEndReason.allCases.map { .init(value: $0.rawValue, label: $0.label) }).context("", errors: FormErrors()),
        ])
    }

    /// `POST /engagement/anfragen/:id/vorschlag` with `helfende`.
    static func propose(_ request: PageRequest) throws -> Response {
        let account = try request.account
        _ = try request.context.store.engagement(now: request.context.now()) { desk in try desk.requireBrokering(request.id, account) }
        let helper = try request.input.text("helfende")
        guard !helper.isEmpty else { throw LotseError(.invalidInput, "Bitte eine:n Helfende:n wählen.") }
        try request.context.store.engagement(now: request.context.now()) { desk in _ = try desk.propose(helper, for: request.id, by: account) }
        return .redirect(to: URLs.with(notice: "vorgeschlagen", URLs.helpRequest(request.id)))
    }

    /// `POST /engagement/einsaetze/:id` with `ereignis` (agree, start, end) and, to end, `grund`.
    static func changePlacement(_ request: PageRequest) throws -> Response {
        let account = try request.account
        _ = try request.context.store.engagement(now: request.context.now()) { desk in try desk.requireBrokering(try desk.placementRequest(request.id), account) }
        let input = try request.input
        guard let event = PlacementLifecycle.Event(rawValue: input.text("ereignis")) else {
            throw LotseError(.invalidInput, "Bitte einen Schritt wählen: vereinbart, begonnen oder beenden.")
        }
        let reason = PlacementEndReason(rawValue: input.text("grund"))
        let requestID = try request.context.store.engagement(now: request.context.now()) { desk in
            try desk.change(placement: request.id, event, reason: event == .end ? reason : nil, by: account)
            return try desk.placementRequest(request.id)
        }
        return .redirect(to: URLs.with(notice: "status", URLs.helpRequest(requestID)))
    }

    /// `POST /engagement/einsaetze/:id/anfrage-mail`: Lotse sends the helper an e-mail without
    /// any data of the citizen; the requester never sees the helper's address.
    static func ask(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let context = request.context
        let requestID = try context.store.engagement(now: context.now()) { desk in
            let message = try desk.inquiry(placement: request.id, by: account, settings: context.mailer.settings, networkName: context.mailer.networkName,
                                           link: context.mailer.settings.publicURL + URLs.engagement)
            do {
                try context.mailer.settings.transport.send(message.rendered)
            } catch {
                throw LotseError(.conflict, "Die E-Mail konnte nicht verschickt werden; bitte später noch einmal versuchen.")
            }
            return try desk.placementRequest(request.id)
        }
        return .redirect(to: URLs.with(notice: "angefragt", URLs.helpRequest(requestID)))
    }
}

// ReferralPage: `GET /vermittlungen/:id` — one referral as the viewer may see it (ReferralView
// from the desk, so a provider sees the pseudonymous summary while it is requested, identity,
// contact and the notes of each covered category after accepting as far as consent reaches,
// only the status afterwards), its timeline and notes thread, and the buttons the state
// machine allows the viewer. Showing it changes nothing: "gelesen" is a button (a POST).
import HTTP
import LotseCore
import Templating

/// The referral detail page.
enum ReferralPage {
    /// `GET /vermittlungen/:id`.
    static func show(_ request: PageRequest) throws -> Response {
        try render(request, errors: FormErrors(), status: 200)
    }

    /// The page with `errors` from a refused action (shown in the error summary).
    static func render(_ request: PageRequest, errors: FormErrors, status: Int, typedNote: String = "",
                       typedCategory: ConsentCategory? = nil, typedAppointment: AppointmentForm.Typed? = nil) throws -> Response {
        let account = try request.account
        let id = request.id
        let today = BerlinTime(request.context.now()).dateString
        var page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            let gate = try DeskAccess.gate(id, account: account, desk: desk)
            let view = try desk.view(id, as: account)
            let events = try desk.timeline(id, as: account)
            let labels = DeskLabels(try desk.labels())
            let referral = gate.referral
            var page: [String: TemplateValue] = [
                "id": .string(id), "isOwner": .bool(gate.isOwner), "isProvider": .bool(!gate.isOwner),
                "status": .string(view.status.label), "statusCode": .string(view.status.rawValue),
                "businessStatus": TemplateValue(view.businessStatus?.label),
                "reason": TemplateValue(view.reason?.label), "reasonText": TemplateValue(view.reasonText),
                "declinedBy": TemplateValue(view.declinedBy?.label),
                "target": .string(try DeskViews.target(serviceID: view.serviceID, poolKind: view.poolKind, poolArea: referral.poolSozialraumID,
                                                       labels: labels)),
                "serviceURL": TemplateValue(view.serviceID.map(URLs.service)),
                "summary": view.access >= .summary ? DeskViews.summary(view, labels: labels) : .null,
                "person": DeskViews.person(view), "number": .string(ReferralNumber.of(id)),
                "appointment": DeskViews.appointment(view.appointment),
                "statusOnly": .bool(view.access == .statusOnly),
                "deadline": DeskViews.deadline(view.respondBy, status: view.status, today: today),
                "created": .string(GermanFormat.dateTime(view.createdAt) ?? view.createdAt),
                "sent": TemplateValue(GermanFormat.dateTime(view.sentAt)),
                "responded": TemplateValue(GermanFormat.dateTime(view.respondedAt)),
                "closed": TemplateValue(GermanFormat.dateTime(view.closedAt)),
                "timeline": .array(try DeskViews.timeline(events, labels: labels)),
                "notes": .array(try DeskViews.notes(view.notes, labels: labels)),
                "mayWriteNotes": .bool(gate.access.notes),
                "noteCategories": .array(noteCategoryOptions(gate.access.noteCategories, typed: typedCategory)),
                "noteAudience": .string(gate.isOwner
                    ? "Die Stelle, die angenommen hat, liest eine Notiz nur, wenn ihre Einwilligung die gewählte Art abdeckt. Bitte nur Nötiges schreiben."
                    : "Lesen können die anfragende Beratung und Ihre Organisation. Bitte nur Nötiges schreiben."),
                "noteAction": .string(URLs.referralNote(id)), "statusAction": .string(URLs.referralStatus(id)),
                "typedNote": .string(typedNote), "backURL": .string(URLs.referrals()),
                "notice": TemplateValue(notice(request.notice)),
            ]
            if view.access == .full && referral.doNotContact { page["doNotContactNotice"] = .bool(true) }
            if gate.isOwner {
                try ownerActions(&page, view: view, referral: referral, desk: desk, account: account, labels: labels, today: today)
                if !view.status.isTerminal {
                    page["appointmentForm"] = AppointmentForm.context(id, stored: view.appointment, typed: typedAppointment)
                }
            } else {
                try providerActions(&page, view: view, referral: referral, account: account, labels: labels)
            }
            return page
        }
        for (key, value) in errors.context { page[key] = value }
        let title = (errors.isEmpty ? "" : "Fehler: ") + "Vermittlung (\(page["status"]?.stringValue ?? ""))"
        return try request.context.site.page("vermittlungen/vermittlung", title: title, context: page, request: request, status: status)
    }

    /// The notice for a `hinweis` code.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "gesendet": "Die Vermittlung ist gesendet. Die Stelle sieht zunächst nur Bedarf und Rahmendaten."
        case "parallel": "Die Vermittlung ist an mehrere Angebote parallel gesendet; die erste Annahme storniert die anderen."
        case "status": "Der Status ist geändert."
        case "stand": "Der Bearbeitungsstand ist gespeichert."
        case "gelesen": "Die Vermittlung ist als gelesen markiert."
        case "notiz": "Die Notiz ist gespeichert."
        case "ergebnis": "Ergebnis und Rückmeldung sind gespeichert."
        case "widerrufen": "Die Einwilligung ist widerrufen. Die betroffenen Stellen sehen keine Angaben zur Person mehr."
        case "geoeffnet": "Die Vermittlung ist wieder geöffnet."
        case "termin": "Der Termin ist gespeichert; er steht auf dem Handzettel für die Person."
        case "termin-entfernt": "Der Termin ist entfernt."
        default: nil
        }
    }

    /// The consent categories a note may be filed under, as select options: the most
    /// protective one preselected unless `typed` was chosen.
    static func noteCategoryOptions(_ allowed: Set<ConsentCategory>, typed: ConsentCategory?) -> [TemplateValue] {
        let selected = typed.flatMap { allowed.contains($0) ? $0 : nil } ?? ConsentCategory.mostProtective(of: allowed)
        return ConsentCategory.mostProtectiveFirst.filter(allowed.contains).map { category in
            .object(["value": .string(category.rawValue), "label": .string(category.label), "selected": .bool(category == selected)])
        }
    }

    /// The reasons a person may choose, as select options.
    static var reasonOptions: [TemplateValue] {
        ReferralReason.userReasons.map { .object(["value": .string($0.rawValue), "label": .string($0.label)]) }
    }

    /// A form changing the status to `target`: `status`, `label` (button), `heading`,
    /// `needsReason`, `askDeclinedBy` (providers record who declined), `formID`.
    static func statusForm(_ target: ReferralStatus, label: String, heading: String, asksWhoDeclined: Bool = false) -> TemplateValue {
        .object([
            "status": .string(target.rawValue), "label": .string(label), "heading": .string(heading),
            "needsReason": .bool(target.requiresReason),
            "askDeclinedBy": .bool(asksWhoDeclined && (target == .rejected || target == .failed || target == .cancelled)),
            "formID": .string("status-" + target.rawValue), "reasons": .array(reasonOptions),
            "declinedOptions": .array(DeclinedBy.allCases.map { .object(["value": .string($0.rawValue), "label": .string($0.label),
                                                                         "checked": .bool($0 == .provider)]) }),
        ])
    }

    /// What the requesting team may do: cancel, mark in error, re-refer, close the loop,
    /// reopen; consents, the case's other referrals, slip and disclosure links.
    static func ownerActions(_ page: inout [String: TemplateValue], view: ReferralView, referral: Referral, desk: ReferralDesk,
                             account: Account, labels: DeskLabels, today: String) throws {
        let status = view.status
        var forms: [TemplateValue] = []
        if ReferralStateMachine.isAllowed(from: status, to: .cancelled, role: .counselor) {
            forms.append(statusForm(.cancelled, label: "Vermittlung stornieren", heading: "Stornieren"))
        }
        if status != .enteredInError {
            forms.append(statusForm(.enteredInError, label: "Als Fehleintrag markieren", heading: "Fehleintrag"))
        }
        page["statusForms"] = .array(forms)
        page["isDraft"] = .bool(status == .draft)
        page["suggestionsURL"] = .string(URLs.referralSuggestions(view.id))
        page["editURL"] = .string(URLs.editReferral(view.id))
        page["canReroute"] = .bool([.rejected, .cancelled, .failed].contains(status) && view.reason != .siblingAccepted)
        page["rerouteAction"] = .string(URLs.rerouteReferral(view.id))
        if status.isTerminal && status != .enteredInError {
            page["outcomeForm"] = .object([
                "action": .string(URLs.referralOutcome(view.id)),
                "options": .array(ReferralOutcome.allCases.map { .object(["value": .string($0.rawValue), "label": .string($0.label),
                                                                          "checked": .bool($0 == view.outcome)]) }),
                "text": .string(view.outcomeText ?? ""), "feedback": .string(view.citizenFeedback ?? ""),
            ])
        }
        page["outcome"] = view.outcome.map { outcome -> TemplateValue in
            .object(["label": .string(outcome.label), "text": TemplateValue(view.outcomeText), "feedback": TemplateValue(view.citizenFeedback)])
        } ?? .null
        page["reopenAction"] = status == .enteredInError ? .string(URLs.reopenReferral(view.id)) : .null
        page["slipURL"] = view.serviceID == nil ? .null : .string(URLs.referralSlip(view.id))
        page["disclosuresURL"] = .string(URLs.referralDisclosures(view.id))
        page["caseURL"] = .string(URLs.referralCase(view.id))
        page["consents"] = .array(try desk.consents(view.id, as: account).map { try DeskViews.consent($0, labels: labels, today: today) })
        page["withdrawAction"] = .string(URLs.withdrawConsent(view.id))
        page["here"] = .string(URLs.referral(view.id))
        var others: [TemplateValue] = []
        for other in try desk.caseReferrals(of: view.id, as: account) where other != view.id {
            guard let sibling = try desk.storedReferral(other) else { continue }
            others.append(.object([
                "url": .string(URLs.referral(other)), "status": .string(sibling.status.label),
                "target": .string(try DeskViews.target(serviceID: sibling.serviceID, poolKind: sibling.poolKind,
                                                       poolArea: sibling.poolSozialraumID, labels: labels)),
            ]))
        }
        page["caseReferrals"] = .array(others)
    }

    /// What an addressed provider may do: accept or decline while requested (choosing its
    /// service of a pool), the business status and the next statuses while active.
    static func providerActions(_ page: inout [String: TemplateValue], view: ReferralView, referral: Referral, account: Account,
                                labels: DeskLabels) throws {
        guard view.access >= .summary else { return }
        let status = view.status
        if view.businessStatus == nil && ReferralBusinessStatus.read.allowedStatuses.contains(status) {
            page["markReadAction"] = .string(URLs.referralRead(view.id))
        }
        if status == .requested {
            let offered = referral.recipients.filter { $0.state == .offered && account.organizations.contains($0.organizationID) }
            var services: [TemplateValue] = []
            for recipient in offered {
                let name = try labels.service(recipient.serviceID)?.name ?? recipient.serviceID
                services.append(.object(["value": .string(recipient.serviceID), "label": .string(name)]))
            }
            page["answer"] = .object([
                "isPool": .bool(referral.isPool), "services": .array(services), "mustChoose": .bool(services.count > 1),
                "decline": statusForm(.rejected, label: "Ablehnen", heading: "Ablehnen", asksWhoDeclined: true),
            ])
        }
        if status.isActive {
            page["business"] = .object([
                "action": .string(URLs.referralBusinessStatus(view.id)),
                "options": .array([.object(["value": "keiner", "label": "– kein Bearbeitungsstand –", "selected": .bool(view.businessStatus == nil)])]
                                  + ReferralBusinessStatus.allCases.filter { $0.allowedStatuses.contains(status) }.map { business in
                    .object(["value": .string(business.rawValue), "label": .string(business.label), "selected": .bool(business == view.businessStatus)])
                }),
            ])
            var quick: [TemplateValue] = []
            var forms: [TemplateValue] = []
            for target in ReferralStateMachine.targets(from: status, role: .provider) {
                switch target {
                case .inProgress: quick.append(.object(["status": .string(target.rawValue), "label": "In Bearbeitung nehmen"]))
                case .completed: quick.append(.object(["status": .string(target.rawValue), "label": "Als erledigt abschließen"]))
                case .onHold: forms.append(statusForm(target, label: "Pausieren", heading: "Pausieren"))
                case .failed: forms.append(statusForm(target, label: "Als nicht erfolgreich abschließen", heading: "Nicht erfolgreich", asksWhoDeclined: true))
                case .cancelled: forms.append(statusForm(target, label: "Stornieren", heading: "Stornieren", asksWhoDeclined: true))
                default: continue
                }
            }
            page["quickStatuses"] = .array(quick)
            page["statusForms"] = .array(forms)
        }
    }
}

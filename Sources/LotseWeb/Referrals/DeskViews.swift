// DeskViews: template contexts of the referral screens built from what the domain handed out
// for this viewer — ReferralView (already gated by ReferralAccess), the filtered timeline and
// notes, consents and list items. Nothing here reads referral data on its own, so a page can
// only show what the viewer may see.
import LotseCore
import Templating

/// Context builders shared by the referral pages.
enum DeskViews {
    /// The pseudonymous summary of a view (empty fields stay out): `needs`, `area`,
    /// `urgency`, `isUrgent`, `language`, `accessibility`, `targetGroups`, `window`,
    /// `respondBy`, `doNotContact`.
    static func summary(_ view: ReferralView, labels: DeskLabels) -> TemplateValue {
        var window: String?
        switch (GermanFormat.date(view.desiredFrom), GermanFormat.date(view.desiredUntil)) {
        case let (from?, until?): window = "\(from) bis \(until)"
        case let (from?, nil): window = "ab \(from)"
        case let (nil, until?): window = "bis \(until)"
        case (nil, nil): window = nil
        }
        return .object([
            "needs": .array(labels.terms(.need, view.needs).map(TemplateValue.string)),
            "area": TemplateValue(labels.area(id: view.sozialraumID)),
            "urgency": TemplateValue(view.urgency?.label), "isUrgent": .bool(view.urgency == .urgent),
            "language": TemplateValue(labels.language(view.preferredLanguage)),
            "accessibility": .array(labels.terms(.accessibility, view.accessibilityNeeds).map(TemplateValue.string)),
            "targetGroups": .array(labels.terms(.targetGroup, view.targetGroups).map(TemplateValue.string)),
            "window": TemplateValue(window), "respondBy": TemplateValue(GermanFormat.date(view.respondBy)),
            "doNotContact": .bool(view.doNotContact),
        ])
    }

    /// An appointment as pages and the slip show it: `day` (»Mittwoch, 16.12.2026«), `time`
    /// (»09:30 Uhr«), `place` (nil: at the service), `datetime` (for `<time>`); null without one.
    static func appointment(_ appointment: ReferralAppointment?) -> TemplateValue {
        guard let appointment, let instant = Timestamp.parse(appointment.date), let date = GermanFormat.date(appointment.date) else { return .null }
        let weekday = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][BerlinTime(instant).weekday - 1]
        return .object([
            "day": .string("\(weekday), \(date)"), "time": .string(appointment.time + " Uhr"), "place": TemplateValue(appointment.place),
            "datetime": .string(appointment.date + "T" + appointment.time),
        ])
    }

    /// The citizen as far as the view shows them: `caseReference`, `name`, `phone`, `email`,
    /// `address`; null when nothing is visible.
    static func person(_ view: ReferralView) -> TemplateValue {
        let fields: [String: String?] = ["caseReference": view.caseReference, "name": view.citizenName, "phone": view.citizenPhone,
                                         "email": view.citizenEmail, "address": view.citizenAddress]
        guard fields.values.contains(where: { $0 != nil }) else { return .null }
        return .object(fields.mapValues { TemplateValue($0) })
    }

    /// `label` and `isOverdue` of a respond-by date for a referral in `status` on `today`.
    static func deadline(_ respondBy: String?, status: ReferralStatus, today: String) -> TemplateValue {
        guard let respondBy, let text = GermanFormat.date(respondBy) else { return .null }
        return .object(["label": .string(text), "isOverdue": .bool(status == .requested && respondBy < today)])
    }

    /// The timeline: `at`, `who`, `what`, `reason`, `text` per event, oldest first.
    static func timeline(_ events: [ReferralEvent], labels: DeskLabels) throws -> [TemplateValue] {
        try events.map { event in
            var what: String
            switch event.kind {
            case .status:
                what = event.fromStatus.map { "\($0.label) → " } ?? ""
                what += event.toStatus?.label ?? "?"
                if event.fromStatus == .draft && event.toStatus == .requested { what = "Gesendet (Angefragt)" }
            case .business: what = "Bearbeitungsstand: " + (event.businessStatus?.label ?? "zurückgesetzt")
            case .claim: what = "Aus dem Pool übernommen"
            case .reopen: what = "Wieder geöffnet" + (event.toStatus.map { " (\($0.label))" } ?? "")
            case .note: what = "Notiz geschrieben"
            case .loop: what = "Ergebnis und Rückmeldung erfasst"
            }
            var who = event.role == "system" ? "Lotse (automatisch)" : Role(rawValue: event.role)?.label ?? event.role
            if let person = try labels.person(event.accountID) { who = "\(person) (\(who))" }
            if let organization = try labels.organization(event.organizationID) { who += ", \(organization)" }
            return .object([
                "at": .string(GermanFormat.dateTime(event.at) ?? event.at), "datetime": .string(event.at), "who": .string(who),
                "what": .string(what), "reason": TemplateValue(event.reason?.label), "text": TemplateValue(event.reasonText),
            ])
        }
    }

    /// The notes thread: `at`, `who`, `category` (its consent category), `body` per note.
    static func notes(_ notes: [ReferralNote], labels: DeskLabels) throws -> [TemplateValue] {
        try notes.map { note in
            var who = try labels.person(note.accountID) ?? (Role(rawValue: note.role)?.label ?? note.role)
            if let organization = try labels.organization(note.organizationID) { who += ", \(organization)" }
            return .object(["at": .string(GermanFormat.dateTime(note.at) ?? note.at), "datetime": .string(note.at),
                            "who": .string(who), "category": .string(note.category.label), "body": .string(note.body)])
        }
    }

    /// A consent for the requesting team: recipients, categories, purpose, form, dates,
    /// information text, release, validity on `today`.
    static func consent(_ consent: Consent, labels: DeskLabels, today: String) throws -> TemplateValue {
        let recipients = try consent.recipients.sorted().map { try labels.organization($0) ?? $0 }.sorted()
        let categories = ConsentCategory.allCases.filter { consent.categories.contains($0) }.map(\.label)
        let state: String
        if let withdrawn = consent.withdrawnAt {
            state = "widerrufen am \(GermanFormat.date(withdrawn) ?? withdrawn)"
        } else if consent.isValid(on: today) {
            state = "gültig" + (consent.expiresOn.flatMap { GermanFormat.date($0) }.map { " bis \($0)" } ?? "")
        } else {
            state = consent.givenOn > today ? "noch nicht gültig" : "abgelaufen"
        }
        return .object([
            "id": .string(consent.id), "recipients": .string(GermanFormat.list(recipients)),
            "categories": .string(GermanFormat.list(categories)), "purpose": .string(consent.purpose),
            "form": .string(consent.form.label), "givenBy": .string(consent.givenBy.label + (consent.consentingPerson.map { ": \($0)" } ?? "")),
            "givenOn": .string(GermanFormat.date(consent.givenOn) ?? consent.givenOn), "informationVersion": .string(consent.informationVersion),
            "release": .string(consent.confidentialityRelease ? "liegt vor" : "liegt nicht vor"), "state": .string(state),
            "isActive": .bool(consent.withdrawnAt == nil),
        ])
    }

    /// A target in German: the service ("Name (Organisation)") or the pool ("alle
    /// Dienstleistungszentren in Osterholz").
    static func target(serviceID: String?, poolKind: OrganizationKind?, poolArea: String?, labels: DeskLabels) throws -> String {
        if let service = try labels.service(serviceID) { return "\(service.name) (\(service.organization))" }
        if let poolKind { return "Pool: \(poolKind.label) in \(labels.area(id: poolArea) ?? labels.area(code: poolArea) ?? "–")" }
        return "noch nicht gewählt"
    }

    /// The `weiter` field of a form as a safe site path, or `fallback`.
    static func next(_ input: FormInput, fallback: String) -> String { EditorAccess.next(input, fallback: fallback) }
}

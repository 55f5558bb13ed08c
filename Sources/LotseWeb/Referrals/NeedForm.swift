// NeedForm: "Bedarf erfassen" — `/vermittlungen/neu` (optionally `?angebot=ID` from a service
// page) and `/vermittlungen/:id/bearbeiten` for a draft: need, Sozialraum, target group,
// language, accessibility, urgency, desired window, respond-by, "do not contact", the
// pseudonymous case reference and identity/contact only where needed. Saving leads to the
// ranked suggestions, or straight to consent and sending when a service was chosen.
import HTTP
import LotseCore
import Templating

/// The need form.
enum NeedForm {
    /// What the form holds: single fields by name and checkbox groups by name.
    struct Values {
        /// Single fields (text, selects, radios) by form name.
        var text: [String: String] = ["dringlichkeit": ReferralUrgency.routine.rawValue]
        /// Checkbox groups by form name.
        var groups: [String: [String]] = [:]

        /// The values of a submitted form.
        init(_ input: FormInput) {
            for name in ["sozialraum", "sprache", "dringlichkeit", "wunsch_ab", "wunsch_bis", "antwort_bis", "fallzeichen", "name", "telefon",
                         "email", "anschrift", "angebot"] {
                text[name] = input.text(name)
            }
            for name in ["bedarf", "zielgruppe", "barrierefreiheit", "nicht_kontaktieren"] { groups[name] = input.values(name) }
        }

        /// The values of a stored draft.
        init(_ view: ReferralView, labels: DeskLabels) {
            text = ["sozialraum": labels.areaCode(id: view.sozialraumID) ?? "", "sprache": view.preferredLanguage ?? "",
                    "dringlichkeit": (view.urgency ?? .routine).rawValue, "wunsch_ab": view.desiredFrom ?? "",
                    "wunsch_bis": view.desiredUntil ?? "", "antwort_bis": view.respondBy ?? "", "fallzeichen": view.caseReference ?? "",
                    "name": view.citizenName ?? "", "telefon": view.citizenPhone ?? "", "email": view.citizenEmail ?? "",
                    "anschrift": view.citizenAddress ?? ""]
            groups = ["bedarf": view.needs, "zielgruppe": view.targetGroups, "barrierefreiheit": view.accessibilityNeeds,
                      "nicht_kontaktieren": view.doNotContact ? ["1"] : []]
        }

        /// Empty values (routine urgency), with the needs of a chosen service.
        init(needs: [String] = []) { groups["bedarf"] = needs }

        /// A single field's value ("" when absent).
        subscript(name: String) -> String { text[name] ?? "" }

        /// The draft these values describe.
        var draft: ReferralDraft {
            var draft = ReferralDraft(needs: groups["bedarf"] ?? [], sozialraum: self["sozialraum"].nonEmpty, caseReference: self["fallzeichen"])
            draft.urgency = ReferralUrgency(rawValue: self["dringlichkeit"]) ?? .routine
            draft.targetGroups = groups["zielgruppe"] ?? []
            draft.preferredLanguage = self["sprache"].nonEmpty
            draft.accessibilityNeeds = groups["barrierefreiheit"] ?? []
            draft.desiredFrom = self["wunsch_ab"].nonEmpty
            draft.desiredUntil = self["wunsch_bis"].nonEmpty
            draft.respondBy = self["antwort_bis"].nonEmpty
            draft.doNotContact = groups["nicht_kontaktieren"]?.contains("1") ?? false
            draft.citizenName = self["name"].nonEmpty
            draft.citizenPhone = self["telefon"].nonEmpty
            draft.citizenEmail = self["email"].nonEmpty
            draft.citizenAddress = self["anschrift"].nonEmpty
            return draft
        }

        /// Field errors (format and required fields; codes are checked by the desk).
        func check(today: String) -> FormErrors {
            var errors = FormErrors()
            if (groups["bedarf"] ?? []).isEmpty { errors.add("bedarf", "Bitte mindestens einen Bedarf wählen.") }
            if self["sozialraum"].isEmpty { errors.add("sozialraum", "Bitte den Sozialraum wählen, in dem die Person lebt.") }
            if self["fallzeichen"].isEmpty {
                errors.add("fallzeichen", "Bitte ein Fallzeichen angeben (ein Kürzel Ihrer Akte, kein Name).")
            } else if self["fallzeichen"].count > 80 {
                errors.add("fallzeichen", "Das Fallzeichen ist zu lang (höchstens 80 Zeichen).")
            }
            for (name, label) in [("wunsch_ab", "Gewünscht ab"), ("wunsch_bis", "Gewünscht bis"), ("antwort_bis", "Antwort bis")]
            where !self[name].isEmpty && !Timestamp.isDate(self[name]) {
                errors.add(name, "\(label): bitte ein Datum angeben (TT.MM.JJJJ im Datumsfeld, sonst JJJJ-MM-TT).")
            }
            if errors.message(for: "wunsch_bis") == nil, !self["wunsch_ab"].isEmpty, !self["wunsch_bis"].isEmpty, self["wunsch_ab"] > self["wunsch_bis"] {
                errors.add("wunsch_bis", "Der gewünschte Zeitraum endet vor seinem Beginn.")
            }
            if errors.message(for: "antwort_bis") == nil, !self["antwort_bis"].isEmpty, self["antwort_bis"] < today {
                errors.add("antwort_bis", "»Antwort bis« liegt in der Vergangenheit.")
            }
            if !self["email"].isEmpty && !self["email"].contains("@") { errors.add("email", "Bitte eine E-Mail-Adresse angeben (mit @).") }
            for name in ["name", "telefon", "email", "anschrift"] where self[name].count > 300 {
                errors.add(name, "Bitte höchstens 300 Zeichen.")
            }
            return errors
        }
    }

    // MARK: Fields

    /// The hint of the Sozialraum select.
    static let areaHint = "Wo die Person lebt; danach richten sich die Vorschläge (kurze Wege)."
    /// The case reference (required, never shown to providers).
    static let caseReferenceField = FormField(name: "fallzeichen", label: "Fallzeichen", hint: "Ein Kürzel Ihrer Akte, zum Beispiel PSP-2026-0815. Kein Name: Die angefragte Stelle sieht das Fallzeichen nie.", optional: false)
    /// Routine or urgent.
    static let urgencyField = FormField(name: "dringlichkeit", label: "Dringlichkeit", kind: .radios, optional: false,
                                        options: ReferralUrgency.allCases.map { .init(value: $0.rawValue, label: $0.label) })

    // MARK: Handlers

    /// `GET /vermittlungen/neu` (with `?angebot=ID`: the needs of that service pre-selected).
    static func new(_ request: PageRequest) throws -> Response {
        let serviceID = request.queryValue("angebot").flatMap(\.nonEmpty)
        let page = try request.context.store.referralLabels { core -> FormPage in
            let labels = DeskLabels(core)
            var values = Values(needs: try serviceID.map { try core.needs(ofListedService: $0) } ?? [])
            values.text["angebot"] = serviceID ?? ""
            return try form(values, labels: labels, draftID: nil, errors: FormErrors())
        }
        return try page.render(request, errors: FormErrors())
    }

    /// `POST /vermittlungen/neu`: creates the draft, then shows the suggestions (or, for a
    /// chosen service, consent and sending).
    static func create(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let values = Values(try request.input)
        var errors = values.check(today: BerlinTime(request.context.now()).dateString)
        if errors.isEmpty {
            do {
                let id = try DeskAccess.desk(request.context) { desk -> String in
                    if let service = values["angebot"].nonEmpty { _ = try desk.needs(ofListedService: service) }
                    return try desk.createDraft(values.draft, by: account)
                }
                if let service = values["angebot"].nonEmpty {
                    return .redirect(to: URLs.referralSendForm(id, targets: [TargetCode.code(.service(service))]))
                }
                return .redirect(to: URLs.referralSuggestions(id))
            } catch let error as LotseError where error.kind == .invalidInput {
                errors.add("", error.message)
            }
        }
        let page = try request.context.store.referralLabels { core in try form(values, labels: DeskLabels(core), draftID: nil, errors: errors) }
        return try page.render(request, errors: errors)
    }

    /// `GET /vermittlungen/:id/bearbeiten` (drafts of the requesting team).
    static func edit(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let page = try DeskAccess.desk(request.context) { desk -> FormPage in
            try DeskAccess.draftGate(id, account: account, desk: desk)
            let view = try desk.view(id, as: account, purpose: "Entwurf bearbeiten")
            let labels = DeskLabels(try desk.labels())
            return try form(Values(view, labels: labels), labels: labels, draftID: id, errors: FormErrors())
        }
        return try page.render(request, errors: FormErrors())
    }

    /// `POST /vermittlungen/:id/bearbeiten`: saves the draft, then shows the suggestions.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.draftGate(id, account: account, desk: desk) }
        let values = Values(try request.input)
        var errors = values.check(today: BerlinTime(request.context.now()).dateString)
        if errors.isEmpty {
            do {
                try DeskAccess.desk(request.context) { desk in try desk.updateDraft(id, values.draft, by: account) }
                return .redirect(to: URLs.referralSuggestions(id))
            } catch let error as LotseError where error.kind == .invalidInput {
                errors.add("", error.message)
            }
        }
        let page = try request.context.store.referralLabels { core in try form(values, labels: DeskLabels(core), draftID: id, errors: errors) }
        return try page.render(request, errors: errors)
    }

    // MARK: Building

    /// The form page for `values`.
    static func form(_ values: Values, labels: DeskLabels, draftID: String?, errors: FormErrors) throws -> FormPage {
        let serviceID = values["angebot"].nonEmpty
        var page: FormPage
        if let draftID {
            page = FormPage(heading: "Bedarf bearbeiten", action: URLs.editReferral(draftID), submitLabel: "Speichern und Vorschläge zeigen",
                            back: (URLs.referral(draftID), "Zurück zur Vermittlung"))
        } else {
            page = FormPage(heading: "Bedarf erfassen", action: URLs.newReferral(service: serviceID),
                            submitLabel: serviceID == nil ? "Weiter zu den Vorschlägen" : "Weiter zu Einwilligung und Versand",
                            back: (URLs.referrals(), "Zurück zu den Vermittlungen"))
        }
        if let serviceID, let service = try labels.service(serviceID) {
            page.intro = "Vermittlung an »\(service.name)« (\(service.organization)). Die Bedarfe des Angebots sind vorausgewählt."
            page.hidden.append(("angebot", serviceID))
        } else {
            page.intro = "Beschreiben Sie, was die Person braucht. Lotse schlägt danach passende Angebote vor; die angefragte Stelle sieht zunächst nur Bedarf, Sozialraum, Dringlichkeit, Sprache und Barrierefreiheit."
        }
        let needs = Set(values.groups["bedarf"] ?? [])
        page.section("Bedarf", [
            FormPage.choices(labels.choices(.need, name: "bedarf", legend: "Was wird gebraucht?", hint: "Mindestens ein Bedarf.", keeping: needs), needs, errors),
            FormPage.field(FormField(name: "sozialraum", label: "Sozialraum", kind: .select, hint: areaHint, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + labels.areaOptions(keeping: values["sozialraum"].nonEmpty)),
                           values["sozialraum"], errors),
            FormPage.choices(labels.choices(.targetGroup, name: "zielgruppe", legend: "Zielgruppe (freiwillig)", hint: nil),
                             Set(values.groups["zielgruppe"] ?? []), errors),
            FormPage.field(urgencyField, values["dringlichkeit"], errors),
        ])
        page.section("Wünsche und Fristen", [
            FormPage.field(FormField(name: "sprache", label: "Bevorzugte Sprache", kind: .select, options: labels.languageOptions), values["sprache"], errors),
            FormPage.choices(labels.choices(.accessibility, name: "barrierefreiheit", legend: "Barrierefreiheit (freiwillig)", hint: "Was der Ort bieten muss."),
                             Set(values.groups["barrierefreiheit"] ?? []), errors),
            FormPage.field(FormField(name: "wunsch_ab", label: "Gewünscht ab", kind: .date), values["wunsch_ab"], errors),
            FormPage.field(FormField(name: "wunsch_bis", label: "Gewünscht bis", kind: .date), values["wunsch_bis"], errors),
            FormPage.field(FormField(name: "antwort_bis", label: "Antwort bis", kind: .date,
                                     hint: "Leer lassen für die Frist des Angebots (üblich: 3 Arbeitstage nach dem Senden)."), values["antwort_bis"], errors),
        ])
        let doNotContact = ChoiceGroup(name: "nicht_kontaktieren", legend: "Kontakt", hint: nil,
                                       sections: [.init(heading: nil, choices: [.init(value: "1", label: "Nicht kontaktieren: Die Person meldet sich selbst bei der Stelle.")])])
        page.section("Person", text: "Lotse speichert die Person unter Ihrem Fallzeichen. Name und Kontaktdaten nur eintragen, wenn die Stelle die Person erreichen muss: Sie sieht sie erst nach der Annahme und nur, soweit die Einwilligung reicht.", [
            FormPage.field(caseReferenceField, values["fallzeichen"], errors),
            FormPage.choices(doNotContact, Set(values.groups["nicht_kontaktieren"] ?? []), errors),
            FormPage.field(FormField(name: "name", label: "Name", autocomplete: "off"), values["name"], errors),
            FormPage.field(FormField(name: "telefon", label: "Telefon", kind: .tel, autocomplete: "off"), values["telefon"], errors),
            FormPage.field(FormField(name: "email", label: "E-Mail", kind: .email, autocomplete: "off"), values["email"], errors),
            FormPage.field(FormField(name: "anschrift", label: "Anschrift", kind: .textarea, autocomplete: "off", rows: 2), values["anschrift"], errors),
        ])
        return page
    }
}

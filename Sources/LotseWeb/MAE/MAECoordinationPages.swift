// MAECoordinationPages: `/koordination/mae` — the coordinators' MAE rounds: record the places
// a job centre grants, see the members' applications, propose a distribution, read the
// members' comments, decide with reasons per member, close; filled and vacant places per
// member. The rules are MAERounds' (409 for a step the round's state does not allow).
import HTTP
import LotseCore
import Templating

/// The coordinators' MAE pages.
enum MAECoordinationPages {
    static let roundFieldNames = ["job_centre", "places", "hours_per_week", "period_from", "period_until", "comment_until", "note"]

    /// `GET /koordination/mae`.
    static func list(_ request: PageRequest) throws -> Response {
        try listPage(request, draft: MAERounds.Draft(), errors: FormErrors())
    }

    /// The rounds and the form for a new one.
    static func listPage(_ request: PageRequest, draft: MAERounds.Draft, errors: FormErrors) throws -> Response {
        let rounds = try MAERounds(store: request.context.store).all().map { summary -> TemplateValue in
            var values = MAEView.round(summary.round)
            values["url"] = .string(URLs.maeCoordinationRound(summary.round.id))
            values["applications"] = .int(summary.applications)
            values["wanted"] = .int(summary.wanted)
            values["allocated"] = .int(summary.allocated)
            values["filled"] = .int(summary.filled)
            values["vacant"] = .int(summary.vacant)
            return .object(values)
        }
        let typed: [String: String] = ["job_centre": draft.jobCentre, "places": draft.places, "hours_per_week": draft.hoursPerWeek,
                                       "period_from": draft.periodFrom, "period_until": draft.periodUntil, "comment_until": draft.commentUntil,
                                       "note": draft.note]
        let fields = [
            FormField(name: "job_centre", label: "Jobcenter", hint: "Das Jobcenter, das die Plätze bewilligt.", optional: false),
            FormField(name: "places", label: "Bewilligte Plätze", kind: .number, optional: false),
            FormField(name: "hours_per_week", label: "Wochenstunden je Platz", kind: .number, optional: false),
            FormField(name: "period_from", label: "Zeitraum von", kind: .date, hint: "Datum, zum Beispiel 2027-01-01.", optional: false),
            FormField(name: "period_until", label: "Zeitraum bis", kind: .date, hint: "Datum, zum Beispiel 2027-06-30.", optional: false),
            FormField(name: "comment_until", label: "Stellungnahmen bis", kind: .date,
                      hint: "Bis zu diesem Tag können die Mitglieder den Verteilungsvorschlag kommentieren; beim Vorschlagen änderbar.", optional: false),
        ].map { FormPage.field($0, typed[$0.name] ?? "", errors)["field"] }
        let group = ChoiceGroup(name: "fields", legend: "Tätigkeitsfelder", hint: "Nur zusätzliche, wettbewerbsneutrale Tätigkeiten im öffentlichen Interesse.",
                                sections: [.init(heading: nil, choices: MAEField.allCases.map { .init(value: $0.rawValue, label: $0.label) })])
        let note = FormPage.field(FormField(name: "note", label: "Hinweis an die Mitglieder", kind: .textarea, rows: 2), draft.note, errors)["field"]
        var page: [String: TemplateValue] = ["rounds": .array(rounds), "count": .int(rounds.count), "fields": .array(fields),
                                             "choices": FormPage.choices(group, Set(draft.fields), errors)["choices"], "note": note,
                                             "notice": TemplateValue(notice(request.notice))]
        for (key, value) in errors.context { page[key] = value }
        return try request.page("koordination/mae", title: (errors.isEmpty ? "" : "Fehler: ") + "MAE-Plätze", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/mae`.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var draft = MAERounds.Draft()
        draft.jobCentre = input.text("job_centre")
        draft.places = input.text("places")
        draft.hoursPerWeek = input.text("hours_per_week")
        draft.periodFrom = input.text("period_from")
        draft.periodUntil = input.text("period_until")
        draft.commentUntil = input.text("comment_until")
        draft.note = input.text("note")
        draft.fields = input.values("fields")
        do {
            let id = try MAERounds(store: request.context.store, now: request.context.now()).create(draft, by: account)
            return .redirect(to: URLs.with(notice: "angelegt", URLs.maeCoordinationRound(id)))
        } catch let rejected as DirectoryWriter.Rejected {
            return try listPage(request, draft: draft, errors: FormErrors(rejected))
        }
    }

    /// `GET /koordination/mae/:id`.
    static func show(_ request: PageRequest) throws -> Response {
        try roundPage(request, typed: [:], errors: FormErrors())
    }

    /// One round with the form its state allows, with `typed` values and `errors`.
    static func roundPage(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let round = try rounds.round(request.id)
        let applications = try rounds.applications(round.id)
        let allocations = try rounds.allocations(round.id)
        var page = MAEView.round(round)
        for (key, value) in MAEView.allocations(allocations) { page[key] = value }
        page["applicationRows"] = .array(applications.map { application in
            .object(["organization": .string(application.organizationName), "wanted": .string(MAEView.wanted(application)),
                     "total": .int(application.total), "purpose": .string(application.purpose),
                     "at": TemplateValue(GermanFormat.dateTime(application.appliedAt))])
        })
        page["comments"] = MAEView.comments(try rounds.comments(round.id))
        page["backURL"] = .string(URLs.maeCoordination)
        if round.state == .open && !applications.isEmpty {
            page["proposal"] = .object([
                "action": .string(URLs.maeRoundEvent(round.id, .propose)),
                "members": .array(applications.map { application in
                    let name = "places_" + application.organizationID
                    return .object(["organization": .string(application.organizationName), "wanted": .int(application.total),
                                    "field": FormPage.field(FormField(name: name, label: "Vorgeschlagene Plätze", kind: .number, optional: false,
                                                                      id: name), typed[name] ?? String(application.total), errors)["field"]])
                }),
                "deadline": FormPage.field(FormField(name: "comment_until", label: "Stellungnahmen bis", kind: .date, hint: "Datum, zum Beispiel 2027-01-15.",
                                                     optional: false), typed["comment_until"] ?? round.commentUntil, errors)["field"],
            ])
        }
        if round.state == .proposed {
            page["decision"] = .object([
                "action": .string(URLs.maeRoundEvent(round.id, .decide)),
                "members": .array(allocations.map { allocation in
                    let places = "places_" + allocation.organizationID, reason = "reason_" + allocation.organizationID
                    return .object(["organization": .string(allocation.organizationName), "wanted": .int(allocation.wanted),
                                    "proposed": .int(allocation.proposed),
                                    "placesField": FormPage.field(FormField(name: places, label: "Zugeteilte Plätze", kind: .number, optional: false, id: places),
                                                                  typed[places] ?? String(allocation.proposed), errors)["field"],
                                    "reasonField": FormPage.field(FormField(name: reason, label: "Begründung", kind: .textarea, hint: nil, optional: false,
                                                                            rows: 2, id: reason), typed[reason] ?? "", errors)["field"]])
                }),
            ])
        }
        page["actions"] = .array(MAERoundLifecycle.events(from: round.state).filter { $0 == .withdraw || $0 == .close }.map { event in
            .object(["action": .string(URLs.maeRoundEvent(round.id, event)), "label": .string(event.label)])
        })
        page["notice"] = TemplateValue(notice(request.notice))
        for (key, value) in errors.context { page[key] = value }
        return try request.page("koordination/mae_runde", title: (errors.isEmpty ? "" : "Fehler: ") + "MAE-Runde \(round.jobCentre)", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// The notice after a step.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "angelegt": "Die MAE-Runde ist angelegt; Mitglieder können jetzt Plätze beantragen."
        case "vorgeschlagen": "Der Verteilungsvorschlag ist veröffentlicht; die Mitglieder können bis zur Frist Stellung nehmen."
        case "zurueckgezogen": "Der Vorschlag ist zurückgezogen; die Runde ist wieder offen für Anträge."
        case "entschieden": "Die Verteilung ist entschieden und protokolliert."
        case "abgeschlossen": "Die Runde ist abgeschlossen."
        default: nil
        }
    }

    /// `POST /koordination/mae/:id/vorschlag`.
    static func propose(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        var typed: [String: String] = ["comment_until": input.text("comment_until")]
        var places: [String: String] = [:]
        for application in try rounds.applications(request.id) {
            let value = input.text("places_" + application.organizationID)
            places[application.organizationID] = value
            typed["places_" + application.organizationID] = value
        }
        do {
            try rounds.propose(request.id, places: places, commentUntil: typed["comment_until"]!, by: account)
            return .redirect(to: URLs.with(notice: "vorgeschlagen", URLs.maeCoordinationRound(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            return try roundPage(request, typed: typed, errors: FormErrors(rejected))
        }
    }

    /// `POST /koordination/mae/:id/zurueckziehen`.
    static func withdraw(_ request: PageRequest) throws -> Response {
        try MAERounds(store: request.context.store, now: request.context.now()).withdraw(request.id, by: try request.account)
        return .redirect(to: URLs.with(notice: "zurueckgezogen", URLs.maeCoordinationRound(request.id)))
    }

    /// `POST /koordination/mae/:id/entscheidung`.
    static func decide(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        var typed: [String: String] = [:]
        var decisions: [String: MAERounds.Decision] = [:]
        for allocation in try rounds.allocations(request.id) {
            let places = input.text("places_" + allocation.organizationID), reason = input.text("reason_" + allocation.organizationID)
            typed["places_" + allocation.organizationID] = places
            typed["reason_" + allocation.organizationID] = reason
            decisions[allocation.organizationID] = MAERounds.Decision(places: places, reason: reason)
        }
        do {
            try rounds.decide(request.id, decisions, by: account)
            return .redirect(to: URLs.with(notice: "entschieden", URLs.maeCoordinationRound(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            return try roundPage(request, typed: typed, errors: FormErrors(rejected))
        }
    }

    /// `POST /koordination/mae/:id/abschliessen`.
    static func close(_ request: PageRequest) throws -> Response {
        try MAERounds(store: request.context.store, now: request.context.now()).close(request.id, by: try request.account)
        return .redirect(to: URLs.with(notice: "abgeschlossen", URLs.maeCoordinationRound(request.id)))
    }
}

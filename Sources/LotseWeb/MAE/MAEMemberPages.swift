// MAEMemberPages: `/mae` — the members' MAE rounds: apply for places while a round is open,
// see the proposed distribution and comment on it while it is under comment, see the decision
// with its reasons and report how many allocated places are filled. Editors of member
// organizations only (MAERounds says 403 to everyone else); counts only, never participants.
import HTTP
import LotseCore
import Templating

/// The members' MAE pages.
enum MAEMemberPages {
    /// `GET /mae`.
    static func list(_ request: PageRequest) throws -> Response {
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let organizations = try rounds.requireMember(try request.account)
        let listed = try rounds.all().map { summary -> TemplateValue in
            var values = MAEView.round(summary.round)
            values["url"] = .string(URLs.maeRound(summary.round.id))
            return .object(values)
        }
        return try request.page("mae/liste", title: "MAE-Plätze", context: [
            "rounds": .array(listed), "count": .int(listed.count), "organizations": .string(organizations.map(\.name).joined(separator: ", ")),
        ])
    }

    /// `GET /mae/:id`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors())
    }

    /// The organization a member acts for: the chosen one, or the only one.
    static func organization(_ request: PageRequest, _ organizations: [(id: String, name: String)]) throws -> String {
        let chosen = try request.input.text("organization_id")
        return chosen.isEmpty && organizations.count == 1 ? organizations[0].id : chosen
    }

    /// One round as a member sees it, with the forms its state allows.
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let organizations = try rounds.requireMember(try request.account)
        let round = try rounds.round(request.id)
        let own = Set(organizations.map(\.id))
        var page = MAEView.round(round)
        let allocations = try rounds.allocations(round.id)
        // Everyone sees the distribution (their say needs it); filled counts only for their own.
        for (key, value) in MAEView.allocations(allocations) { page[key] = value }
        page["ownAllocations"] = .array(allocations.filter { own.contains($0.organizationID) }.map { allocation in
            let action = URLs.maeFilled(round.id)
            return .object(["organization": .string(allocation.organizationName), "decided": TemplateValue(allocation.decided),
                            "filled": .int(allocation.filled), "vacant": .int(allocation.vacant), "action": .string(action),
                            "organizationID": .string(allocation.organizationID),
                            "canReport": .bool(round.state == .decided && (allocation.decided ?? 0) > 0),
                            "field": FormPage.field(FormField(name: "filled", label: "Davon besetzt", kind: .number,
                                                              hint: "Nur die Zahl; Teilnehmende werden in Lotse nicht erfasst.", optional: false,
                                                              id: "filled_" + allocation.organizationID),
                                                    typed["filled_" + allocation.organizationID] ?? String(allocation.filled), errors)["field"]])
        })
        page["comments"] = MAEView.comments(try rounds.comments(round.id))
        page["backURL"] = .string(URLs.maeRounds)
        let choose = organizations.count > 1
            ? FormPage.field(FormField(name: "organization_id", label: "Für die Organisation", kind: .select, optional: false,
                                       options: organizations.map { .init(value: $0.id, label: $0.name) }),
                             typed["organization_id"] ?? organizations[0].id, errors)["field"]
            : .null
        if round.state == .open {
            let applications = try rounds.applications(round.id).filter { own.contains($0.organizationID) }
            let current = applications.first
            page["ownApplications"] = .array(applications.map { application in
                .object(["organization": .string(application.organizationName), "wanted": .string(MAEView.wanted(application)),
                         "purpose": .string(application.purpose)])
            })
            page["application"] = .object([
                "action": .string(URLs.maeApply(round.id)), "choose": choose,
                "fields": .array(round.fields.map { field in
                    let name = "wanted_" + field.rawValue
                    return FormPage.field(FormField(name: name, label: "Gewünschte Plätze: \(field.label)", kind: .number), typed[name]
                                          ?? current?.wanted[field].map(String.init) ?? "", errors)["field"]
                }),
                "purpose": FormPage.field(FormField(name: "purpose", label: "Wofür setzen Sie die Plätze ein?", kind: .textarea,
                                                    hint: "Kurz: Tätigkeit und Ort. Bitte keine Namen von Teilnehmenden.", optional: false, rows: 3),
                                          typed["purpose"] ?? current?.purpose ?? "", errors)["field"],
            ])
        }
        if round.state == .proposed && BerlinTime(request.context.now()).dateString <= round.commentUntil {
            page["commentForm"] = .object([
                "action": .string(URLs.maeComment(round.id)), "choose": choose,
                "body": FormPage.field(FormField(name: "body", label: "Ihre Stellungnahme", kind: .textarea,
                                                 hint: "Sichtbar für die Koordination und alle Mitglieder. Bitte keine Namen von Teilnehmenden.",
                                                 optional: false, rows: 4), typed["body"] ?? "", errors)["field"],
            ])
        }
        let notice: String? = switch request.notice {
        case "beantragt": "Ihr Antrag ist gespeichert. Bis die Koordination einen Vorschlag macht, können Sie ihn ändern."
        case "kommentiert": "Ihre Stellungnahme ist gespeichert."
        case "gemeldet": "Die Zahl der besetzten Plätze ist gespeichert."
        default: nil
        }
        page["notice"] = TemplateValue(notice)
        for (key, value) in errors.context { page[key] = value }
        return try request.page("mae/runde", title: (errors.isEmpty ? "" : "Fehler: ") + "MAE-Runde \(round.jobCentre)", context: page,
                                status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /mae/:id/antrag`.
    static func apply(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let organizationID = try organization(request, try rounds.requireMember(account))
        var typed: [String: String] = ["purpose": input.text("purpose"), "organization_id": organizationID]
        var wanted: [String: String] = [:]
        for field in MAEField.allCases {
            wanted[field.rawValue] = input.text("wanted_" + field.rawValue)
            typed["wanted_" + field.rawValue] = wanted[field.rawValue]
        }
        do {
            try rounds.apply(request.id, organizationID: organizationID, wanted: wanted, purpose: typed["purpose"]!, by: account)
            return .redirect(to: URLs.with(notice: "beantragt", URLs.maeRound(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            return try page(request, typed: typed, errors: FormErrors(rejected))
        }
    }

    /// `POST /mae/:id/stellungnahme`.
    static func comment(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let organizationID = try organization(request, try rounds.requireMember(account))
        let body = try request.input.text("body")
        do {
            try rounds.comment(request.id, organizationID: organizationID, body: body, by: account)
            return .redirect(to: URLs.with(notice: "kommentiert", URLs.maeRound(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            return try page(request, typed: ["body": body, "organization_id": organizationID], errors: FormErrors(rejected))
        }
    }

    /// `POST /mae/:id/besetzt`.
    static func filled(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let rounds = MAERounds(store: request.context.store, now: request.context.now())
        let organizationID = try organization(request, try rounds.requireMember(account))
        let filled = try request.input.text("filled")
        do {
            try rounds.recordFilled(request.id, organizationID: organizationID, filled: filled, by: account)
            return .redirect(to: URLs.with(notice: "gemeldet", URLs.maeRound(request.id)))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            for problem in rejected.problems { errors.add(problem.field == "filled" ? "filled_" + organizationID : problem.field, problem.message) }
            return try page(request, typed: ["filled_" + organizationID: filled], errors: errors)
        }
    }
}

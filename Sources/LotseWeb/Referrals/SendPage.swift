// SendPage: `/vermittlungen/:id/versand?ziel=…` — the chosen targets of a draft, whether a
// valid consent covers each organization they address, the consent form (who consented, for
// which recipients, data categories, purpose, form, date, expiry, information text,
// Schweigepflichtentbindung) and the send button, which stays disabled until every
// organization is covered. The server refuses too (409, naming the organizations).
import HTTP
import LotseCore
import Templating

/// Consent and sending of a draft.
enum SendPage {
    /// `GET /vermittlungen/:id/versand`.
    static func show(_ request: PageRequest) throws -> Response {
        var notice: String?
        switch request.notice {
        case "einwilligung": notice = "Die Einwilligung ist gespeichert."
        case "widerrufen": notice = "Die Einwilligung ist widerrufen."
        default: notice = nil
        }
        return try render(request, targets: request.queryValues("ziel"), typed: nil, errors: FormErrors(), notice: notice)
    }

    /// `POST /vermittlungen/:id/einwilligung`: records the consent, back to this page.
    static func recordConsent(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        let targets = input.values("ziel")
        let groupID = try DeskAccess.desk(request.context) { desk in try DeskAccess.ownerGate(id, account: account, desk: desk).referral.groupID }
        var errors = FormErrors()
        let consent = ConsentFields.read(input, today: BerlinTime(request.context.now()).dateString, errors: &errors)
        if let consent, errors.isEmpty {
            do {
                try DeskAccess.desk(request.context) { desk in _ = try desk.recordConsent(groupID: groupID, consent, by: account) }
                return .redirect(to: URLs.referralSendForm(id, targets: targets, notice: "einwilligung"))
            } catch let error as LotseError where error.kind == .invalidInput {
                errors.add("", error.message)
            }
        }
        return try render(request, targets: targets, typed: input, errors: errors, notice: nil)
    }

    /// `POST /vermittlungen/:id/senden` with the targets in `ziel`: sends, then shows the
    /// referral; refused (409) while a valid consent is missing for any organization.
    static func send(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        let codes = input.values("ziel")
        try DeskAccess.desk(request.context) { desk in _ = try DeskAccess.draftGate(id, account: account, desk: desk) }
        var errors = FormErrors()
        var status = 400
        do {
            let targets = try TargetCode.targets(codes)
            guard !targets.isEmpty else { throw LotseError(.invalidInput, "Bitte mindestens ein Angebot oder einen Pool wählen.") }
            let ids = try DeskAccess.desk(request.context) { desk in try desk.send(id, to: targets, by: account) }
            return .redirect(to: URLs.referral(id, notice: ids.count > 1 ? "parallel" : "gesendet"))
        } catch let error as LotseError where error.kind == .invalidInput || error.kind == .conflict {
            errors.add("", error.message)
            status = error.httpStatus
        }
        var response = try render(request, targets: codes, typed: nil, errors: errors, notice: nil)
        response.status = status
        return response
    }

    /// The page for `targets` (codes), the consent form holding `typed` (or its defaults).
    static func render(_ request: PageRequest, targets codes: [String], typed: FormInput?, errors: FormErrors,
                       notice: String?) throws -> Response {
        let account = try request.account
        let id = request.id
        let today = BerlinTime(request.context.now()).dateString
        let index = try request.context.search.index()
        let page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            let gate = try DeskAccess.draftGate(id, account: account, desk: desk)
            let view = try desk.view(id, as: account, purpose: "Einwilligung und Versand")
            let labels = DeskLabels(try desk.labels())
            let consents = try desk.consents(id, as: account)
            var problems = errors
            var targets: [TemplateValue] = []
            var organizations: [(id: String, name: String, covered: Bool)] = []
            var validCodes: [String] = []
            for code in codes where !code.isEmpty {
                guard let target = TargetCode.parse(code) else { continue }
                let recipients: [ReferralRecipient]
                do {
                    recipients = try desk.recipients(of: target, needs: view.needs)
                } catch let error as LotseError where error.kind != .forbidden {
                    problems.add("", error.message)
                    continue
                }
                validCodes.append(code)
                var names: [String] = []
                for organization in Set(recipients.map(\.organizationID)).sorted() {
                    let name = try labels.organization(organization) ?? organization
                    names.append(name)
                    if !organizations.contains(where: { $0.id == organization }) {
                        organizations.append((organization, name, consents.categories(for: organization, on: today).contains(.needs)))
                    }
                }
                let label: String
                switch target {
                case .service(let service): label = try DeskViews.target(serviceID: service, poolKind: nil, poolArea: nil, labels: labels)
                case .pool(let kind, let area):
                    label = "Pool: \(kind.label) in \(labels.area(code: area) ?? area) – wer zuerst annimmt, übernimmt (\(GermanFormat.count(recipients.count, "Angebot", "Angebote")))"
                }
                targets.append(.object(["label": .string(label), "code": .string(code), "organizations": .string(GermanFormat.list(names.sorted()))]))
            }
            let uncovered = organizations.filter { !$0.covered }
            // The organizations of the best suggestions, so that one consent can cover
            // alternatives too (re-routing after a rejection then needs no new consent).
            var alternatives: [(id: String, name: String)] = []
            if !targets.isEmpty {
                var wanted = SuggestionRequest(referral: gate.referral, sozialraumCode: labels.areaCode(id: gate.referral.sozialraumID))
                wanted.limit = 6
                for suggestion in try SuggestionsPage.router(desk, index: index).suggest(wanted, now: desk.now).suggestions {
                    guard let service = try labels.service(suggestion.serviceID),
                          !organizations.contains(where: { $0.id == service.organizationID }),
                          !alternatives.contains(where: { $0.id == service.organizationID }) else { continue }
                    alternatives.append((service.organizationID, service.organization))
                }
            }
            let defaults = ConsentFields.Defaults(recipients: Set(uncovered.map(\.id)), purpose: "Vermittlung: " + GermanFormat.list(labels.terms(.need, view.needs)),
                                                givenOn: today, informationVersion: try desk.latestConsentInformationVersion() ?? "")
            return [
                "id": .string(id), "summary": DeskViews.summary(view, labels: labels), "notice": TemplateValue(notice),
                "suggestionsURL": .string(URLs.referralSuggestions(id)), "detailURL": .string(URLs.referral(id)),
                "targets": .array(targets), "hasTargets": .bool(!targets.isEmpty),
                "targetFields": .array(validCodes.map { .object(["value": .string($0)]) }),
                "coverage": .array(organizations.map { .object(["name": .string($0.name), "covered": .bool($0.covered)]) }),
                "blocked": .bool(!uncovered.isEmpty || targets.isEmpty),
                "blockedText": .string(targets.isEmpty ? "Bitte zuerst Angebote oder einen Pool wählen."
                                       : "Versand gesperrt: Keine gültige Einwilligung für \(GermanFormat.list(uncovered.map(\.name))). Bitte zuerst die Einwilligung erfassen."),
                "needsConsent": .bool(!uncovered.isEmpty),
                "consents": .array(try consents.map { try DeskViews.consent($0, labels: labels, today: today) }),
                "consentAction": .string(URLs.referralConsent(id)), "sendAction": .string(URLs.sendReferral(id)),
                "withdrawAction": .string(URLs.withdrawConsent(id)),
                "here": .string(URLs.referralSendForm(id, targets: validCodes)),
                "consentFields": .array(ConsentFields.items(organizations: organizations.map { ($0.id, $0.name) }, alternatives: alternatives,
                                                           typed: typed, defaults: defaults, errors: problems)),
            ].merging(problems.context) { $1 }
        }
        let hasErrors = !errors.isEmpty || page["hasErrors"] == .bool(true)
        return try request.context.site.page("vermittlungen/versand", title: (hasErrors ? "Fehler: " : "") + "Einwilligung und Versand", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }
}

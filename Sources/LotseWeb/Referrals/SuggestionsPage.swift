// SuggestionsPage: `GET /vermittlungen/:id/vorschlaege` — the ranked suggestions for a draft
// (coordinators' rules first, then need, area, distance, target group, language,
// accessibility, capacity, freshness and responsiveness), each with the points that put it
// there. The counselor chooses one service, several in parallel, or a pool; where the case's
// consent already covers a service, one button sends to it at once (re-routing in two clicks).
import HTTP
import LotseCore
import Templating

/// The suggestions of a draft.
enum SuggestionsPage {
    /// Suggestions shown.
    static let limit = 10

    /// `GET /vermittlungen/:id/vorschlaege`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let index = try request.context.search.index()
        let today = BerlinTime(request.context.now()).dateString
        let page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            let gate = try DeskAccess.draftGate(id, account: account, desk: desk)
            let view = try desk.view(id, as: account, purpose: "Angebote vorschlagen")
            let labels = DeskLabels(try desk.labels())
            let consents = try desk.consents(id, as: account)
            // Services already asked in this case are not suggested again.
            var asked: [TemplateValue] = []
            var excluded = Set<String>()
            for other in try desk.caseReferrals(of: id, as: account) where other != id {
                guard let earlier = try desk.storedReferral(other), earlier.status != .draft else { continue }
                for recipient in earlier.recipients {
                    excluded.insert(recipient.serviceID)
                }
                if let service = try labels.service(earlier.serviceID) {
                    asked.append(.object(["name": .string(service.name), "status": .string(earlier.status.label),
                                          "url": .string(URLs.referral(other))]))
                }
            }
            let areaCode = labels.areaCode(id: gate.referral.sozialraumID)
            var wanted = SuggestionRequest(referral: gate.referral, sozialraumCode: areaCode)
            wanted.excluding.formUnion(excluded)
            wanted.limit = limit
            let router = try router(desk, index: index)
            let result = try router.suggest(wanted, now: desk.now)
            var suggestions: [TemplateValue] = []
            for (rank, suggestion) in result.suggestions.enumerated() {
                guard let service = try labels.core.service(suggestion.serviceID) else { continue }
                let covered = consents.categories(for: service.organizationID, on: today).contains(.needs)
                suggestions.append(.object([
                    "rank": .int(rank + 1), "name": .string(service.name), "organization": .string(service.organization),
                    "url": .string(URLs.service(suggestion.serviceID)), "code": .string(TargetCode.code(.service(suggestion.serviceID))),
                    "checkboxID": .string("ziel-\(rank + 1)"), "capacity": .string(service.capacity.label),
                    "source": .string(source(suggestion.source)), "score": .string(GermanFormat.number(suggestion.score.rounded())),
                    "factors": .array(factors(suggestion.factors)),
                    "responsiveness": .string(ResponsivenessText.sentence(suggestion.responsiveness)
                                              ?? "Noch zu wenige Rückmeldungen für eine Aussage zur Antwortzeit."),
                    "covered": .bool(covered),
                ]))
            }
            var pools: [TemplateValue] = []
            if case .pool(let kind, let area)? = result.pool {
                pools.append(.object(["value": .string(TargetCode.code(.pool(kind: kind, sozialraum: area))),
                                      "label": .string("\(kind.label): alle in \(labels.area(code: area) ?? area) (Regel der Koordination)")]))
            }
            for area in areaCode.map({ Array(labels.areaLineage(code: $0).prefix(2)) }) ?? [] {
                for kind in [OrganizationKind.dlz, .traeger, .initiative, .quartiersmanagement, .publicOffice] {
                    pools.append(.object(["value": .string(TargetCode.code(.pool(kind: kind, sozialraum: area))),
                                          "label": .string("\(kind.label): alle in \(labels.area(code: area) ?? area)")]))
                }
            }
            return [
                "id": .string(id), "summary": DeskViews.summary(view, labels: labels),
                "editURL": .string(URLs.editReferral(id)), "detailURL": .string(URLs.referral(id)),
                "sendFormAction": .string(URLs.referralSendForm(id)), "sendAction": .string(URLs.sendReferral(id)),
                "suggestions": .array(suggestions), "hasCovered": .bool(suggestions.contains { $0["covered"] == .bool(true) }),
                "pools": .array(pools), "asked": .array(asked), "hasConsent": .bool(!consents.isEmpty),
            ]
        }
        return try request.context.site.page("vermittlungen/vorschlaege", title: "Vorschläge", context: page, request: request)
    }

    /// The router on the desk's connection: the search snapshot with its routing data and the
    /// coordinators' rules.
    static func router(_ desk: ReferralDesk, index: SearchIndex) throws -> ReferralRouter {
        try desk.router(index: index)
    }

    /// Why a service is listed.
    static func source(_ source: Suggestion.Source) -> String {
        switch source {
        case .rule(_, let position): "Regel der Koordination, Platz \(position + 1)"
        case .ranked: "nach Passung gereiht"
        }
    }

    /// The factors that gave points, each `label` and `points`.
    static func factors(_ factors: SuggestionFactors) -> [TemplateValue] {
        var distance = "Entfernung"
        if let kilometres = factors.distanceKilometres {
            distance += " (\(GermanFormat.number((kilometres * 10).rounded() / 10)) km)"
        }
        let rows: [(String, Double)] = [
            ("Bedarf passt", factors.need), ("Sozialraum", factors.area), (distance, factors.distance),
            ("Zielgruppe", factors.targetGroup), ("Sprache", factors.language), ("Barrierefreiheit", factors.accessibility),
            ("Freie Plätze", factors.capacity), ("Aktuell geprüft", factors.freshness), ("Rückmeldeverhalten", factors.responsiveness),
        ]
        return rows.filter { $0.1 > 0.05 }.map { label, points in
            .object(["label": .string(label), "points": .string(GermanFormat.number((points * 10).rounded() / 10))])
        }
    }
}

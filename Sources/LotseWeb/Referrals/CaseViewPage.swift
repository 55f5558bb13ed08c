// CaseViewPage: `GET /vermittlungen/:id/fall` — every referral of the case reference of one
// referral in the counselor's team (the "help mix" around one person): target, need, status,
// appointment. The team's page only: the route admits counselors, the desk another team's
// counselor not; each referral shown is logged as a read.
import HTTP
import LotseCore
import Templating

/// The case view.
enum CaseViewPage {
    /// `GET /vermittlungen/:id/fall`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            try DeskAccess.ownerGate(id, account: account, desk: desk)
            let found = try desk.caseView(of: id, as: account)
            let labels = DeskLabels(try desk.labels())
            let rows = try found.referrals.map { view -> TemplateValue in
                .object([
                    "url": .string(URLs.referral(view.id)), "number": .string(ReferralNumber.of(view.id)), "isThis": .bool(view.id == id),
                    "target": .string(try DeskViews.target(serviceID: view.serviceID, poolKind: view.poolKind,
                                                           poolArea: try desk.storedReferral(view.id)?.poolSozialraumID, labels: labels)),
                    "needs": .string(view.needs.isEmpty ? "–" : GermanFormat.list(labels.terms(.need, view.needs))),
                    "status": .string(view.status.label), "businessStatus": TemplateValue(view.businessStatus?.label),
                    "outcome": TemplateValue(view.outcome?.label),
                    "appointment": DeskViews.appointment(view.appointment),
                    "created": .string(GermanFormat.date(view.createdAt) ?? view.createdAt),
                ])
            }
            return [
                "caseReference": TemplateValue(found.caseReference), "rows": .array(rows),
                "count": .string(GermanFormat.count(rows.count, "Vermittlung", "Vermittlungen")),
                "backURL": .string(URLs.referral(id)), "listURL": .string(URLs.referrals()),
            ]
        }
        let title = "Fall " + (page["caseReference"]?.stringValue ?? "ohne Fallzeichen")
        return try request.context.site.page("vermittlungen/fall", title: title, context: page, request: request)
    }
}

// DisclosurePage: `GET /vermittlungen/:id/offenlegungen` — which organization received what
// about this case and when (from the audit log's disclosure rows), for the counselor who owns
// the case, e.g. to answer a request under Art. 15 GDPR. Coordinators never reach it: they see
// aggregates only.
import HTTP
import LotseCore
import Templating

/// The disclosure view of a case.
enum DisclosurePage {
    /// German names of the disclosed categories.
    static func category(_ code: String) -> String {
        switch code {
        case "needs": ConsentCategory.needs.label
        case "identity": ConsentCategory.identity.label
        case "contact": ConsentCategory.contact.label
        case "health": ConsentCategory.health.label
        case "notes": "Notizen"
        case "status": "Status"
        default: code
        }
    }

    /// `GET /vermittlungen/:id/offenlegungen`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            try DeskAccess.ownerGate(id, account: account, desk: desk)
            let labels = DeskLabels(try desk.labels())
            let rows = try desk.disclosures(id, as: account).map { disclosure -> TemplateValue in
                let referral = try desk.storedReferral(disclosure.referralID)
                return .object([
                    "organization": .string(disclosure.organizationName),
                    "target": .string(try DeskViews.target(serviceID: referral?.serviceID, poolKind: referral?.poolKind,
                                                           poolArea: referral?.poolSozialraumID, labels: labels)),
                    "url": .string(URLs.referral(disclosure.referralID)),
                    "categories": .string(GermanFormat.list(disclosure.categories.filter { !$0.isEmpty }.map(category))),
                    "first": .string(GermanFormat.dateTime(disclosure.firstAt) ?? disclosure.firstAt),
                    "last": .string(GermanFormat.dateTime(disclosure.lastAt) ?? disclosure.lastAt),
                    "count": .int(disclosure.count),
                ])
            }
            return ["rows": .array(rows), "backURL": .string(URLs.referral(id))]
        }
        return try request.context.site.page("vermittlungen/offenlegungen", title: "Offenlegungen", context: page, request: request)
    }
}

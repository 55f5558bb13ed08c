// ReferralListPage: `GET /vermittlungen` — the entry point of the weekly digest's links for
// both roles: the counselor's outbox (the team's referrals) or the provider's inbox
// (referrals addressed to its organizations), newest first, with statuses, deadlines,
// filters, a search (the team by case reference; a provider only by what it sees: number,
// need, Sozialraum, service) and the unread alerts; `POST /vermittlungen/benachrichtigungen` marks alerts read.
import HTTP
import LotseCore
import Templating

/// The outbox and the inbox.
enum ReferralListPage {
    /// The status filters: value, label, statuses.
    static let filters: [(value: String, label: String, statuses: Set<ReferralStatus>)] = [
        ("", "alle", []),
        ("offen", "offen (Entwurf, angefragt)", [.draft, .requested]),
        ("laufend", "laufend (angenommen, in Bearbeitung, pausiert)", [.accepted, .inProgress, .onHold]),
        ("beendet", "beendet", [.rejected, .cancelled, .failed, .completed, .enteredInError]),
    ] + ReferralStatus.allCases.map { ($0.rawValue, $0.label, [$0]) }

    /// `GET /vermittlungen` with optional `status`, `ueberfaellig=1`, `dringend=1`, `suche`.
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let today = BerlinTime(request.context.now()).dateString
        let filter = filters.first { $0.value == (request.queryValue("status") ?? "") } ?? filters[0]
        let overdueOnly = request.queryValue("ueberfaellig") == "1"
        let urgentOnly = request.queryValue("dringend") == "1"
        let term = (request.queryValue("suche") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let isCounselor = account.role == .counselor
        let page = try DeskAccess.desk(request.context) { desk -> [String: TemplateValue] in
            let labels = DeskLabels(try desk.labels())
            let items = try desk.list(for: account, statuses: filter.statuses).filter { item in
                (!overdueOnly || (item.status == .requested && (item.respondBy.map { $0 < today } ?? false)))
                    && (!urgentOnly || item.urgency == .urgent)
            }
            var rows: [TemplateValue] = []
            for item in items {
                let needs = item.needs.isEmpty ? "–" : GermanFormat.list(labels.terms(.need, item.needs))
                let area = labels.area(id: item.sozialraumID) ?? "–"
                let target = try labels.service(item.serviceID).map { "\($0.name) (\($0.organization))" } ?? (item.status == .draft ? "noch nicht gewählt" : "Pool")
                guard item.matches(term, shown: [needs, area, target]) else { continue }
                rows.append(.object([
                    "url": .string(URLs.referral(item.id)), "caseReference": TemplateValue(item.caseReference),
                    "linkText": .string(item.caseReference ?? "Anfrage vom \(GermanFormat.date(item.createdAt) ?? item.createdAt)"),
                    "number": .string(item.number), "needs": .string(needs), "area": .string(area), "target": .string(target),
                    "status": .string(item.status.label), "businessStatus": TemplateValue(item.businessStatus?.label),
                    "isUrgent": .bool(item.urgency == .urgent), "deadline": DeskViews.deadline(item.respondBy, status: item.status, today: today),
                    "changed": .string(GermanFormat.date(item.statusChangedAt) ?? item.statusChangedAt),
                ]))
            }
            let notifications = try desk.notifications.list(for: account).map { notification -> TemplateValue in
                var alternatives: [TemplateValue] = []
                if notification.kind == .noResponseAlert {
                    for service in notification.detail.split(separator: ",").map(String.init) {
                        if let found = try labels.service(service) {
                            alternatives.append(.object(["name": .string(found.name), "url": .string(URLs.service(service))]))
                        }
                    }
                }
                var text = notification.kind.label
                if notification.kind == .statusChanged, let status = ReferralStatus(rawValue: notification.detail) { text += ": \(status.label)" }
                return .object([
                    "id": .string(String(notification.id)), "text": .string(text),
                    "at": .string(GermanFormat.dateTime(notification.createdAt) ?? notification.createdAt),
                    "url": TemplateValue(notification.referralID.map { URLs.referral($0) }), "alternatives": .array(alternatives),
                ])
            }
            return [
                "isCounselor": .bool(isCounselor), "rows": .array(rows), "count": .string(GermanFormat.count(rows.count, "Vermittlung", "Vermittlungen")),
                "notifications": .array(notifications), "readAction": .string(URLs.referralNotificationsRead),
                "newURL": .string(URLs.newReferral()),
                "filters": .array(filters.map { .object(["value": .string($0.value), "label": .string($0.label), "selected": .bool($0.value == filter.value)]) }),
                "overdueOnly": .bool(overdueOnly), "urgentOnly": .bool(urgentOnly), "term": .string(term),
                "notice": TemplateValue(request.notice == "gelesen" ? "Als gelesen markiert." : nil),
            ]
        }
        return try request.context.site.page("vermittlungen/liste", title: isCounselor ? "Meine Vermittlungen" : "Eingang: Vermittlungen", context: page,
                                     request: request)
    }

    /// `POST /vermittlungen/benachrichtigungen` with `id` (one) or without (all unread).
    static func markRead(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        try DeskAccess.desk(request.context) { desk in
            if let id = input.optional("id") {
                guard let number = Int(id) else { throw LotseError(.invalidInput, "Unbekannte Benachrichtigung.") }
                try desk.notifications.markRead(number, by: account)
            } else {
                for notification in try desk.notifications.list(for: account, limit: 10_000) {
                    try desk.notifications.markRead(notification.id, by: account)
                }
            }
        }
        return .redirect(to: URLs.with(notice: "gelesen", URLs.referrals()))
    }
}

// ServicePage: `GET /angebote/:id`, one service for the public — what, who, where, when, how
// to reach it, costs, capacity and when it was last checked — with the "Korrektur
// vorschlagen" form at the end; logged-in professionals also see its responsiveness to
// referrals, counselors a "Vermitteln" button. Unknown or hidden ids are 404.
import HTTP
import LotseCore
import Templating

/// The public service page.
enum ServicePage {
    /// Renders the service, or throws `notFound` when the public may not see it.
    static func handle(_ request: PageRequest) throws -> Response {
        try render(request, correction: "", errors: FormErrors())
    }

    /// The page with the correction form holding `correction` and `errors` (status 400 when
    /// there are errors).
    static func render(_ request: PageRequest, correction: String, errors: FormErrors) throws -> Response {
        let id = request.id
        let (node, today) = try request.context.read(.public) { reader in (try reader.service(id), reader.today) }
        guard let node else { throw LotseError(.notFound, "Dieses Angebot gibt es nicht (mehr) im öffentlichen Verzeichnis.") }
        var page = ServiceView.context(node, today: today)
        // Logged-in professionals see how the service answers referrals; counselors can refer to it.
        if let account = request.viewer.account, account.role != .admin {
            let record = try request.context.read(.public) { try $0.responsiveness(of: id) }
            page["responsiveness"] = .string(ResponsivenessText.sentence(record)
                ?? "Zur Antwortzeit gibt es noch zu wenige Vermittlungen (ab \(ResponsivenessText.minimumAnswers) Antworten).")
            if account.role == .counselor { page["referURL"] = .string(URLs.newReferral(service: id)) }
        }
        if !request.wantsJSON {
            page["correction"] = .object(["action": .string(URLs.suggestCorrection(id)), "text": .string(correction),
                                          "minimum": .int(Corrections.textLength.lowerBound), "maximum": .int(Corrections.textLength.upperBound)])
            for (key, value) in errors.context { page[key] = value }
        }
        return try request.context.site.page("service", title: (errors.isEmpty ? "" : "Fehler: ") + (node.record.text("name") ?? "Angebot"), context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }
}

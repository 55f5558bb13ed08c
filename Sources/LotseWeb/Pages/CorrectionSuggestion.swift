// CorrectionSuggestion: `POST /angebote/:id/korrektur` — anyone may tell the network that a
// public service entry is wrong. Only the text is stored (10–2000 characters, no personal
// data asked for); it lands with the owning organization and the coordinators. Anonymous
// visitors may send 5 an hour per client address (`FormRateLimit.Rule.correction`; signed-in
// people are not limited); beyond that 429 with Retry-After.
import HTTP
import LotseCore

/// The public "Korrektur vorschlagen" form.
enum CorrectionSuggestion {
    /// Stores the suggestion and thanks; on a too short or too long text the service page
    /// comes back (400) with the text kept.
    static func submit(_ request: PageRequest) throws -> Response {
        let id = request.id
        guard try request.context.read(.public, { try $0.service(id, detail: .list) }) != nil else {
            throw LotseError(.notFound, "Dieses Angebot gibt es nicht (mehr) im öffentlichen Verzeichnis.")
        }
        let input = try request.input
        let text = input.form["text"] ?? ""
        if request.viewer.account == nil, let retryAfter = try FormRateLimit(store: request.context.store, now: request.context.now()).admit(.correction, address: request.clientAddress) {
            return try LoginPages.tooMany(request, text: "Von Ihrer Adresse kamen in der letzten Stunde schon viele Korrekturvorschläge. Bitte versuchen Sie es in \(LoginPages.waitingTime(retryAfter)) noch einmal – oder schreiben Sie der Koordination direkt.",
                                          retryAfter: retryAfter)
        }
        do {
            try DirectoryEditing(store: request.context.store, now: request.context.now()).suggestCorrection(serviceID: id, text: text)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try ServicePage.render(request, correction: text, errors: errors)
        }
        return try LoginPages.message(request, title: "Danke für Ihren Hinweis",
                                      text: "Ihr Vorschlag ist bei der Organisation und der Koordination angekommen. Sie prüfen ihn und korrigieren den Eintrag, wenn nötig.",
                                      link: URLs.service(id), linkText: "Zurück zum Angebot")
    }
}

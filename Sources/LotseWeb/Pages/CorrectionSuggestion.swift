// CorrectionSuggestion: `POST /angebote/:id/korrektur` — anyone may tell the network that a
// public service entry is wrong. Only the text is stored (10–2000 characters, no personal
// data asked for); it lands with the owning organization and the coordinators.
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

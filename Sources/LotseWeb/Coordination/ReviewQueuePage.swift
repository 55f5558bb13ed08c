// ReviewQueuePage: `/koordination/pruefung` — every pending change with a readable old → new
// diff per field; approve (written through the review queue, with history) or return with a
// comment (required; the provider sees it on the dashboard).
import HTTP
import LotseCore
import Templating

/// The review queue.
enum ReviewQueuePage {
    /// `GET /koordination/pruefung`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, errors: FormErrors(), typed: [:])
    }

    /// The queue with `errors` on the comment fields and the comments `typed` so far (by change id).
    static func page(_ request: PageRequest, errors: FormErrors, typed: [String: String], status: Int = 200) throws -> Response {
        let changes = try ReviewDecisions(store: request.context.store, now: request.context.now()).pending()
        let lookup = try DirectoryEditing(store: request.context.store, now: request.context.now()).lookup(for: changes)
        let lines = changes.map { ChangeDiff.lines($0, lookup: lookup) }
        let organizations = try Members(store: request.context.store).names(of: changes.map(\.organizationID))
        let requests = zip(changes, lines).map { change, lines -> TemplateValue in
            let field = "kommentar-\(change.id)"
            return .object([
                "summary": .string(change.summary), "submittedBy": .string(change.submittedByName),
                "submitted": .string(GermanFormat.dateTime(change.submittedAt) ?? change.submittedAt),
                "organization": .string(organizations[change.organizationID] ?? ""),
                "lines": ChangeDiff.context(lines),
                "approveURL": .string(URLs.approveChange(change.id)), "returnURL": .string(URLs.returnChange(change.id)),
                "commentField": .string(field), "commentError": TemplateValue(errors.message(for: field)), "comment": .string(typed[change.id] ?? ""),
            ])
        }
        var page: [String: TemplateValue] = ["requests": .array(requests), "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("koordination/pruefung", title: (errors.isEmpty ? "" : "Fehler: ") + "Prüfliste", context: page,
                                     request: request, status: status)
    }

    /// `POST /koordination/pruefung/:id/freigeben`.
    static func approve(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        try ReviewDecisions(store: request.context.store, now: request.context.now()).approve(id, by: account)
        return .redirect(to: URLs.with(notice: "freigegeben", URLs.reviewQueue))
    }

    /// `POST /koordination/pruefung/:id/zurueckgeben` with `kommentar` (required).
    static func giveBack(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        let comment = input.text("kommentar")
        do {
            try ReviewDecisions(store: request.context.store, now: request.context.now()).giveBack(id, comment: comment, by: account)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected, rename: ["comment": "kommentar-\(id)"])
            return try page(request, errors: errors, typed: [id: comment], status: 400)
        }
        return .redirect(to: URLs.with(notice: "zurueckgegeben", URLs.reviewQueue))
    }
}

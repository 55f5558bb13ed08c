// CorrectionsPage: `/koordination/korrekturen` — every open correction suggestion from the
// public with done / dismissed buttons, and the recently handled ones.
import HTTP
import LotseCore
import Templating

/// The coordinators' list of correction suggestions.
enum CorrectionsPage {
    /// `GET /koordination/korrekturen`.
    static func show(_ request: PageRequest) throws -> Response {
        let (open, handled) = try CorrectionsOverview(store: request.context.store).suggestions()
        func item(_ suggestion: Corrections.Suggestion) -> TemplateValue {
            .object(["service": .string(suggestion.serviceName), "serviceURL": .string(URLs.editService(suggestion.serviceID)),
                     "organization": .string(suggestion.organizationName), "text": .string(suggestion.text),
                     "created": .string(GermanFormat.dateTime(suggestion.createdAt) ?? suggestion.createdAt), "status": .string(suggestion.status.label),
                     "handledBy": TemplateValue(suggestion.handledByName), "handledAt": TemplateValue(GermanFormat.date(suggestion.handledAt)),
                     "action": .string(URLs.handleCorrection(suggestion.id))])
        }
        return try request.context.site.page("koordination/korrekturen", title: "Korrekturvorschläge", context: [
            "open": .array(open.map(item)), "openCount": .int(open.count), "handled": .array(handled.map(item)),
            "notice": TemplateValue(CoordinationNotice.text(request) ?? EditorDashboard.notice(request)),
        ], request: request)
    }
}

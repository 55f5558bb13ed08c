// ReferralSlipPage: `GET /vermittlungen/:id/handzettel` — the printable slip the counselor
// hands to the citizen: the service and its provider, address, how to get there, opening
// hours, phone, how to register and what to bring. Directory data as the public sees it, plus
// the citizen's own appointment (date, time, place) when the team entered one: no notes, no
// reasons, no case reference, nothing else about the person.
import HTTP
import LotseCore
import Templating

/// The printable referral slip.
enum ReferralSlipPage {
    /// `GET /vermittlungen/:id/handzettel` (requesting team; 409 while no service is chosen).
    static func show(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let (serviceID, appointment) = try DeskAccess.desk(request.context) { desk -> (String?, ReferralAppointment?) in
            try DeskAccess.ownerGate(id, account: account, desk: desk)
            let view = try desk.view(id, as: account, purpose: "Handzettel drucken")
            return (view.serviceID, view.appointment)
        }
        guard let serviceID else {
            throw LotseError(.conflict, "Der Handzettel ist verfügbar, sobald ein Angebot feststeht (bei einem Pool: nach der Übernahme).")
        }
        let (node, today) = try request.context.read(.public) { reader in (try reader.service(serviceID), reader.today) }
        guard let node else { throw LotseError(.notFound, "Dieses Angebot steht nicht mehr im öffentlichen Verzeichnis.") }
        let service = ServiceView.context(node, today: today)
        let base = request.context.configuration.publicURL.hasSuffix("/") ? String(request.context.configuration.publicURL.dropLast()) : request.context.configuration.publicURL
        var page: [String: TemplateValue] = ["date": TemplateValue(GermanFormat.date(today)), "backURL": .string(URLs.referral(id)),
                                             "address": .string(base + URLs.service(serviceID)),
                                             "appointment": DeskViews.appointment(appointment)]
        page["hasContact"] = .bool(service["phones"]?.isTruthy == true || service["email"].map { $0 != .null } == true
                                   || service["website"].map { $0 != .null } == true)
        for key in ["name", "organization", "locations", "openingHours", "phones", "email", "website", "requiredDocuments",
                    "applicationProcess", "isTemporarilyClosed", "alert", "languages"] {
            page[key] = service[key] ?? .null
        }
        return try request.context.site.page("vermittlungen/handzettel", title: "Handzettel: \(service["name"]?.stringValue ?? "Angebot")",
                                     context: page, request: request)
    }
}

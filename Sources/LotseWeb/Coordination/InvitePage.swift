// InvitePage: `/koordination/einladen` — asks to invite a provider editor for one
// organization: a pending access grant, announced to the organization's editors (or other
// coordinators and admins); on confirmation an invited account and the invitation e-mail with
// a one-time link (7 days), queued for the mail queue to send.
import Foundation
import HTTP
import LotseCore
import Templating

/// The invitation form of the coordination.
enum InvitePage {
    /// `GET /koordination/einladen`.
    static func form(_ request: PageRequest) throws -> Response {
        try page(request, values: [:], errors: FormErrors())
    }

    /// The form with `values` and `errors`.
    static func page(_ request: PageRequest, values: [String: String], errors: FormErrors) throws -> Response {
        let organizations = try Invitations(store: request.context.store).organizations().map { FormField.Option(value: $0.id, label: $0.name) }
        var form = FormPage(heading: "Anbieter einladen", action: URLs.invite, submitLabel: "Einladung beantragen", back: (URLs.coordination, "Zurück zur Koordination"))
        form.intro = "Der Zugang öffnet Vermittlungen an diese Organisation. Deshalb bestätigt ihn eine zweite Person: jemand, der die Organisation schon pflegt, oder – wenn es niemanden gibt – eine andere Person aus Koordination oder Administration. Danach bekommt die eingeladene Person eine E-Mail mit einem Link, der 7 Tage gilt."
        form.notice = CoordinationNotice.text(request)
        form.section(nil, [
            FormPage.field(FormField(name: "email", label: "E-Mail-Adresse", kind: .email, optional: false, autocomplete: "off"), values["email"] ?? "", errors),
            FormPage.field(FormField(name: "name", label: "Name", hint: "Kann die Person beim Annehmen ändern.", optional: false, autocomplete: "off"), values["name"] ?? "", errors),
            FormPage.field(FormField(name: "organization_id", label: "Organisation", kind: .select, optional: false,
                                     options: [.init(value: "", label: "– bitte wählen –")] + organizations), values["organization_id"] ?? "", errors),
        ])
        return try form.render(request, errors: errors)
    }

    /// `POST /koordination/einladen`.
    static func send(_ request: PageRequest) throws -> Response {
        let coordinator = try request.account
        let input = try request.input
        let values = ["email": input.text("email"), "name": input.text("name"), "organization_id": input.text("organization_id")]
        do {
            _ = try Invitations(store: request.context.store, now: request.context.now())
                .invite(email: values["email"]!, name: values["name"]!, organizationID: values["organization_id"]!, by: coordinator)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, values: values, errors: errors)
        }
        request.context.mailQueue.enqueued()   // the mail queue sends it; failures are retried and logged
        return .redirect(to: URLs.with(notice: "beantragt", URLs.invite))
    }
}

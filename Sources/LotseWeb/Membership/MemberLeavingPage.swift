// MemberLeavingPage: `/koordination/mitglieder/:id/austritt` — a coordinator records that a
// member left (date and reason). Its entries leave the public directory, the API and the public
// exports; its history and its records stay, and »Wieder aufnehmen« on the members page lets
// it rejoin.
import Foundation
import HTTP
import LotseCore

/// The form recording a member's leaving.
enum MemberLeavingPage {
    /// `GET /koordination/mitglieder/:id/austritt`.
    static func form(_ request: PageRequest) throws -> Response {
        try page(request, values: ["date": BerlinTime(request.context.now()).dateString], errors: FormErrors())
    }

    /// The form with `values` and `errors`.
    static func page(_ request: PageRequest, values: [String: String], errors: FormErrors) throws -> Response {
        guard let name = try Members(store: request.context.store).names(of: [request.id])[request.id] else {
            throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
        }
        var form = FormPage(heading: "Austritt eintragen: \(name)", action: URLs.memberLeaving(request.id), submitLabel: "Austritt eintragen",
                            back: (URLs.members, "Zurück zu den Mitgliedern"))
        form.intro = "Nach dem Austritt erscheinen die Einträge der Organisation nicht mehr im öffentlichen Verzeichnis, in der API und in den Downloads. Ihr Verlauf und ihre Einträge bleiben erhalten; ein Wiedereintritt ist über »Wieder aufnehmen« möglich."
        form.section(nil, [
            FormPage.field(FormField(name: "date", label: "Ausgetreten am", kind: .date, optional: false), values["date"] ?? "", errors),
            FormPage.field(FormField(name: "reason", label: "Grund", kind: .textarea, hint: "Zum Beispiel: Kündigung zum Jahresende, Auflösung des Vereins.",
                                     optional: false, rows: 3), values["reason"] ?? "", errors),
        ])
        return try form.render(request, errors: errors)
    }

    /// `POST /koordination/mitglieder/:id/austritt` with `date` and `reason`.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        let values = ["date": input.text("date"), "reason": input.text("reason")]
        do {
            try Members(store: request.context.store, now: request.context.now())
                .recordLeaving(request.id, date: values["date"]!, reason: values["reason"]!, by: account)
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, values: values, errors: errors)
        }
        return .redirect(to: URLs.with(notice: "ausgetreten", URLs.members))
    }

    /// `GET /koordination/mitglieder.csv`: the members' register as a CSV download.
    static func csv(_ request: PageRequest) throws -> Response {
        let rows = try MembershipRegister(store: request.context.store).rows()
        var response = Response(status: 200, bytes: Array(MembershipRegister.csv(rows).utf8))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=\"mitglieder-\(BerlinTime(request.context.now()).dateString).csv\""
        return response
    }
}

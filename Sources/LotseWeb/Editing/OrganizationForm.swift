// OrganizationForm: `/pflege/organisationen/:id/bearbeiten` — an organization's name, kind,
// description and contact data. Changes go to the review queue.
import HTTP
import LotseCore
import Templating

/// The organization form.
enum OrganizationForm {
    /// The fields, in form order.
    static let fields: [FormField] = [
        FormField(name: "name", label: "Name der Organisation", optional: false, autocomplete: "organization"),
        FormField(name: "alternate_name", label: "Kurzname"),
        FormField(name: "kind", label: "Art der Organisation", kind: .select, optional: false,
                  options: OrganizationKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
        FormField(name: "description", label: "Beschreibung", kind: .textarea, hint: "Wer Sie sind und was Sie im Netzwerk tun.", rows: 5),
        FormField(name: "email", label: "E-Mail-Adresse", kind: .email, hint: "Zum Beispiel info@traeger.de", autocomplete: "email"),
        FormField(name: "website", label: "Website", kind: .url, hint: "Mit https:// am Anfang.", autocomplete: "url"),
        FormField(name: "legal_status", label: "Rechtsform", hint: "Zum Beispiel e. V., gGmbH, eG."),
        FormField(name: "year_incorporated", label: "Gründungsjahr", kind: .number),
    ]

    /// `GET /pflege/organisationen/:id/bearbeiten`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        let state = try ReviewedForm.state(entityID: organization, organization: organization, request.context)
        guard let stored = try EditorAccess.editing(request.context).organization(organization) else {
            throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
        }
        let record = RowChanges.overlay([stored], table: "organization", changes: state.rows) { _ in false }.first ?? stored
        var values: [String: String] = [:]
        for field in fields { values[field.name] = record.text(field.name) ?? "" }
        var form = page(organization: organization, name: stored.text("name") ?? "", values: values, errors: FormErrors())
        form.pending = state.diff
        form.returnedComment = state.returned
        return try form.render(request, errors: FormErrors())
    }

    /// `POST /pflege/organisationen/:id/bearbeiten`.
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "organization")
        let input = try request.input
        var values: [String: String] = [:]
        for field in fields { values[field.name] = input.text(field.name) }
        var errors = FormErrors()
        if (values["name"] ?? "").isEmpty { errors.add("name", "Bitte den Namen der Organisation angeben.") }
        if let year = values["year_incorporated"], !year.isEmpty, Int(year).map({ (1800...2100).contains($0) }) != true {
            errors.add("year_incorporated", "Bitte ein Jahr mit vier Ziffern angeben, z. B. 1996.")
        }
        let current = try EditorAccess.editing(request.context).organization(organization)
        let name = current?.text("name") ?? ""
        let rows = [RowChanges.record("organization", id: organization, current: current, values: values)].compactMap { $0 }
        errors.addMissing(try ReviewedForm.problems(rows, request.context))
        if errors.isEmpty {
            do {
                return try ReviewedForm.submit(request.context, account: account, organization: organization, entity: "organization", entityID: organization,
                                               action: "update", summary: ReviewedForm.summary("Organisation", name: name, created: false, rows: rows), rows: rows)
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected)
            }
        }
        return try page(organization: organization, name: name, values: values, errors: errors).render(request, errors: errors)
    }

    /// The form page for `values`.
    static func page(organization: String, name: String, values: [String: String], errors: FormErrors) -> FormPage {
        var form = FormPage(heading: "Organisation bearbeiten: \(name)", action: URLs.editOrganization(organization),
                            submitLabel: "Zur Prüfung einreichen", back: (URLs.editorOrganization(organization), "Zurück zu \(name)"))
        form.intro = "Änderungen prüft die Koordination, bevor sie öffentlich werden."
        form.section(nil, fields.map { FormPage.field($0, values[$0.name] ?? "", errors) })
        return form
    }
}

// ContactForm: `/pflege/kontakte/:id` and `/pflege/organisationen/:id/kontakte/neu` — a named
// contact (person or function) of the organization, one of its services or locations, with
// e-mail, a phone number and its visibility. Changes and removals go to the review queue.
import HTTP
import LotseCore
import Templating

/// The contact form.
enum ContactForm {
    /// The fields, in form order.
    static let fields: [FormField] = [
        FormField(name: "name", label: "Name", hint: "Leer lassen, wenn nur eine Funktion genannt werden soll.", autocomplete: "off"),
        FormField(name: "title", label: "Funktion", hint: "Zum Beispiel: Leitung, Sozialberatung."),
        FormField(name: "department", label: "Abteilung"),
        FormField(name: "email", label: "E-Mail-Adresse", kind: .email, autocomplete: "off"),
        FormField(name: "number", label: "Telefonnummer", kind: .tel, hint: "Zum Beispiel +49 421 123456."),
    ]

    /// The visibility choice.
    static let visibilityField = FormField(name: "visibility", label: "Wer darf diese Ansprechperson sehen?", kind: .radios,
                                           hint: "Namen von Mitarbeitenden oft nur im Netzwerk zeigen.", optional: false, options: [
                                               .init(value: "public", label: "Öffentlich – alle"),
                                               .init(value: "network", label: "Nur Netzwerk – angemeldete Fachleute"),
                                               .init(value: "internal", label: "Intern – nur Ihre Organisation und die Koordination"),
                                           ])

    /// `GET /pflege/kontakte/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "contact")
        let id = request.id
        let editing = EditorAccess.editing(request.context)
        let state = try ReviewedForm.state(entityID: id, organization: organization, request.context)
        let stored = try editing.contact(id)
        guard var contact = stored.contact else {
            throw LotseError(.notFound, "Diesen Kontakt gibt es nicht.")
        }
        contact = RowChanges.overlay([contact], table: "contact", changes: state.rows) { _ in false }.first ?? contact
        let phone = RowChanges.overlay(stored.phones, table: "phone", changes: state.rows) { ($0["contact_id"] ?? nil) == id }.first
        var values: [String: String] = ["visibility": contact.text("visibility") ?? "public", "number": phone?.text("number") ?? ""]
        for field in fields where field.name != "number" { values[field.name] = contact.text(field.name) ?? "" }
        values["zuordnung"] = contact.text("service_id").map { "service:" + $0 } ?? contact.text("location_id").map { "location:" + $0 } ?? "organization"
        var form = try page(editing, contactID: id, organization: organization, values: values, errors: FormErrors())
        form.pending = state.diff
        form.returnedComment = state.returned
        return try form.render(request, errors: FormErrors())
    }

    /// `GET /pflege/organisationen/:id/kontakte/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        let form = try page(EditorAccess.editing(request.context), contactID: nil, organization: organization,
                            values: ["visibility": "network", "zuordnung": "organization"], errors: FormErrors())
        return try form.render(request, errors: FormErrors())
    }

    /// `POST /pflege/kontakte/:id` (with `aktion=loeschen`: remove it).
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "contact")
        return try submit(request, account: account, organization: organization, contactID: request.id)
    }

    /// `POST /pflege/organisationen/:id/kontakte/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "organization")
        return try submit(request, account: account, organization: organization, contactID: nil)
    }

    private static func submit(_ request: PageRequest, account: Account, organization: String, contactID: String?) throws -> Response {
        let input = try request.input
        let editing = EditorAccess.editing(request.context)
        if let contactID, input.text("aktion") == "loeschen" {
            let name = try editing.contactLabel(contactID) ?? "Kontakt"
            return try ReviewedForm.submit(request.context, account: account, organization: organization, entity: "contact", entityID: contactID, action: "update",
                                           summary: "Kontakt »\(name)« entfernen", rows: [RowChange(table: "contact", id: contactID, delete: true)])
        }
        var values: [String: String] = ["visibility": input.text("visibility"), "zuordnung": input.text("zuordnung")]
        for field in fields { values[field.name] = input.text(field.name) }
        var errors = FormErrors()
        if (values["name"] ?? "").isEmpty && (values["title"] ?? "").isEmpty { errors.add("name", "Bitte einen Namen oder eine Funktion angeben.") }
        if Visibility(rawValue: values["visibility"] ?? "") == nil { errors.add("visibility", "Bitte wählen, wer die Ansprechperson sehen darf.") }
        let id = contactID ?? RowChanges.newID()
        let assignment = try assignments(organization: organization, editing: editing).first { $0.value == values["zuordnung"] }
        if assignment == nil { errors.add("zuordnung", "Bitte wählen, wozu die Ansprechperson gehört.") }
        let stored = contactID == nil ? (contact: nil, phones: []) : try editing.contact(id)
        let rows = changes(values, contactID: id, organization: organization, assignment: assignment?.value ?? "organization",
                           current: stored.contact, phone: stored.phones.first)
        errors.addMissing(try ReviewedForm.problems(rows, request.context))
        if errors.isEmpty {
            do {
                let name = (values["name"] ?? "").nonEmpty ?? values["title"] ?? ""
                return try ReviewedForm.submit(request.context, account: account, organization: organization, entity: "contact", entityID: id,
                                               action: contactID == nil ? "create" : "update",
                                               summary: ReviewedForm.summary("Kontakt", name: name, created: contactID == nil, rows: rows), rows: rows)
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected)
            }
        }
        let form = try page(editing, contactID: contactID, organization: organization, values: values, errors: errors)
        return try form.render(request, errors: errors)
    }

    /// The row operations for the contact (stored as `current`, nil for a new one) and its
    /// phone.
    static func changes(_ values: [String: String], contactID id: String, organization: String, assignment: String,
                        current: Record?, phone: Record?) -> [RowChange] {
        var contactValues: [String: String] = ["visibility": values["visibility"] ?? "public", "service_id": "", "location_id": ""]
        if assignment == "organization" { contactValues["organization_id"] = organization }
        if assignment.hasPrefix("service:") { contactValues["service_id"] = String(assignment.dropFirst(8)) }
        if assignment.hasPrefix("location:") { contactValues["location_id"] = String(assignment.dropFirst(9)) }
        for field in fields where field.name != "number" { contactValues[field.name] = values[field.name] ?? "" }
        var rows = [RowChanges.record("contact", id: id, current: current, values: contactValues, fixed: ["organization_id": organization])].compactMap { $0 }
        let number = values["number"] ?? ""
        if number.isEmpty {
            if let phone { rows.append(RowChange(table: "phone", id: phone.id, delete: true)) }
        } else if let row = RowChanges.record("phone", id: phone?.id ?? RowChanges.newID(), current: phone, values: ["number": number],
                                              fixed: ["contact_id": id, "type": "voice"]) {
            rows.append(row)
        }
        return rows
    }

    /// What a contact may belong to: the organization, one of its services or locations.
    static func assignments(organization: String, editing: DirectoryEditing) throws -> [FormField.Option] {
        let targets = try editing.contactTargets(organization: organization)
        return [FormField.Option(value: "organization", label: "die Organisation insgesamt")]
            + targets.services.map { FormField.Option(value: "service:" + $0.id, label: "Angebot: " + $0.name) }
            + targets.locations.map { FormField.Option(value: "location:" + $0.id, label: "Standort: " + $0.name) }
    }

    /// The form page for `values`.
    static func page(_ editing: DirectoryEditing, contactID: String?, organization: String, values: [String: String], errors: FormErrors) throws -> FormPage {
        let organizationName = try editing.name(of: "organization", id: organization) ?? "Organisation"
        var form = FormPage(heading: contactID == nil ? "Neue Ansprechperson bei \(organizationName)" : "Ansprechperson bearbeiten",
                            action: contactID.map(URLs.editContact) ?? URLs.newContact(organization: organization),
                            submitLabel: "Zur Prüfung einreichen", back: (URLs.editorOrganization(organization), "Zurück zu \(organizationName)"))
        form.intro = "Änderungen prüft die Koordination, bevor sie sichtbar werden. Bitte tragen Sie Personen nur mit deren Einverständnis ein."
        let assignment = FormField(name: "zuordnung", label: "Gehört zu", kind: .select, optional: false, options: try assignments(organization: organization, editing: editing))
        form.section(nil, fields.map { FormPage.field($0, values[$0.name] ?? "", errors) }
                     + [FormPage.field(assignment, values["zuordnung"] ?? "organization", errors),
                        FormPage.field(visibilityField, values["visibility"] ?? "network", errors)])
        if contactID != nil { form.deleteLabel = "Ansprechperson entfernen (nach Prüfung)" }
        return form
    }
}

// LocationForm: `/pflege/standorte/:id` and `/pflege/organisationen/:id/standorte/neu` — a
// location with its address, Sozialraum, accessibility features and visibility (public,
// network, internal: a women's shelter's address stays internal). Changes go to review.
import HTTP
import LotseCore
import Templating

/// The location form.
enum LocationForm {
    /// Location fields, in form order.
    static let locationFields: [FormField] = [
        FormField(name: "name", label: "Name des Standorts", optional: false),
        FormField(name: "location_type", label: "Art", kind: .select, optional: false,
                  options: ["physical", "postal", "virtual"].map { .init(value: $0, label: typeLabel($0)) }),
        FormField(name: "description", label: "Beschreibung", kind: .textarea, rows: 3),
        FormField(name: "transportation", label: "Anfahrt", kind: .textarea, hint: "Zum Beispiel: Straßenbahn 4, Haltestelle Hollerallee.", rows: 2),
    ]

    /// Address fields, in form order.
    static let addressFields: [FormField] = [
        FormField(name: "address_1", label: "Straße und Hausnummer", autocomplete: "address-line1"),
        FormField(name: "address_2", label: "Adresszusatz", autocomplete: "address-line2"),
        FormField(name: "postal_code", label: "Postleitzahl", hint: "Fünf Ziffern.", autocomplete: "postal-code"),
        FormField(name: "city", label: "Ort", autocomplete: "address-level2"),
    ]

    /// The visibility choice.
    static let visibilityField = FormField(name: "visibility", label: "Wer darf diesen Standort sehen?", kind: .radios,
                                           hint: "Intern heißt: nur Ihre Organisation und die Koordination, zum Beispiel die Adresse einer Schutzunterkunft.",
                                           optional: false, options: [
                                               .init(value: "public", label: "Öffentlich – alle"),
                                               .init(value: "network", label: "Nur Netzwerk – angemeldete Fachleute"),
                                               .init(value: "internal", label: "Intern – nur Ihre Organisation und die Koordination"),
                                           ])

    /// German label of a location type.
    static func typeLabel(_ type: String) -> String {
        switch type {
        case "postal": "Postanschrift"
        case "virtual": "Telefon oder online"
        default: "Ort zum Hingehen"
        }
    }

    /// `GET /pflege/standorte/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "location")
        let id = request.id
        let editing = EditorAccess.editing(request.context)
        let state = try ReviewedForm.state(entityID: id, organization: organization, request.context)
        var form = try page(editing, locationID: id, organization: organization, values: try load(id, pending: state.rows, editing: editing), errors: FormErrors())
        form.pending = state.diff
        form.returnedComment = state.returned
        return try form.render(request, errors: FormErrors())
    }

    /// `GET /pflege/organisationen/:id/standorte/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        let values = ServiceForm.Values(fields: ["location_type": "physical", "visibility": "public", "city": ""], groups: [:])
        let form = try page(EditorAccess.editing(request.context), locationID: nil, organization: organization, values: values, errors: FormErrors())
        return try form.render(request, errors: FormErrors())
    }

    /// `POST /pflege/standorte/:id`.
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "location")
        return try submit(request, account: account, organization: organization, locationID: request.id)
    }

    /// `POST /pflege/organisationen/:id/standorte/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "organization")
        return try submit(request, account: account, organization: organization, locationID: nil)
    }

    private static func submit(_ request: PageRequest, account: Account, organization: String, locationID: String?) throws -> Response {
        let input = try request.input
        var values = ServiceForm.Values()
        for field in locationFields + addressFields + [visibilityField] { values.fields[field.name] = input.text(field.name) }
        values.fields["sozialraum_id"] = input.text("sozialraum_id")
        values.groups["barrierefreiheit"] = Set(input.values("barrierefreiheit"))
        var errors = FormErrors()
        if (values.fields["name"] ?? "").isEmpty { errors.add("name", "Bitte einen Namen für den Standort angeben, z. B. „Beratungsstelle Am Dobben“.") }
        if Visibility(rawValue: values.fields["visibility"] ?? "") == nil { errors.add("visibility", "Bitte wählen, wer den Standort sehen darf.") }
        if values.fields["location_type"] == "physical" && (values.fields["sozialraum_id"] ?? "").isEmpty {
            errors.add("sozialraum_id", "Bitte den Sozialraum wählen, in dem der Standort liegt.")
        }
        if values.fields["location_type"] == "physical" && (values.fields["address_1"] ?? "").isEmpty {
            errors.add("address_1", "Bitte Straße und Hausnummer angeben.")
        }
        let id = locationID ?? RowChanges.newID()
        let editing = EditorAccess.editing(request.context)
        let records = locationID == nil ? DirectoryEditing.LocationRecords() : try editing.location(id)
        let offered = try accessibilityPicker(editing).offered
        let rows = changes(values, locationID: id, organization: organization, records: records, offered: offered)
        errors.addMissing(try ReviewedForm.problems(rows, request.context))
        if errors.isEmpty {
            do {
                return try ReviewedForm.submit(request.context, account: account, organization: organization, entity: "location", entityID: id,
                                               action: locationID == nil ? "create" : "update",
                                               summary: ReviewedForm.summary("Standort", name: values.fields["name"] ?? "", created: locationID == nil, rows: rows), rows: rows)
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected)
            }
        }
        let form = try page(editing, locationID: locationID, organization: organization, values: values, errors: errors)
        return try form.render(request, errors: errors)
    }

    /// The stored values of a location and its first address, with a pending change laid over.
    static func load(_ id: String, pending: [RowChange], editing: DirectoryEditing) throws -> ServiceForm.Values {
        let records = try editing.location(id)
        guard var location = records.location else {
            throw LotseError(.notFound, "Diesen Standort gibt es nicht.")
        }
        location = RowChanges.overlay([location], table: "location", changes: pending) { _ in false }.first ?? location
        let address = RowChanges.overlay(records.addresses, table: "address", changes: pending) { ($0["location_id"] ?? nil) == id }.first
        var values = ServiceForm.Values()
        for field in locationFields + [visibilityField] { values.fields[field.name] = location.text(field.name) ?? "" }
        values.fields["sozialraum_id"] = location.text("sozialraum_id") ?? ""
        for field in addressFields { values.fields[field.name] = address?.text(field.name) ?? "" }
        let attributes = RowChanges.overlay(records.attributes, table: "attribute", changes: pending) { ($0["link_id"] ?? nil) == id }
        values.groups["barrierefreiheit"] = Set(attributes.compactMap { $0.text("taxonomy_term_id") })
        return values
    }

    /// The row operations that make the location (stored as `records`; empty for a new one)
    /// look like `values`; `offered` are the accessibility features on offer.
    static func changes(_ values: ServiceForm.Values, locationID id: String, organization: String, records: DirectoryEditing.LocationRecords,
                        offered: Set<String>) -> [RowChange] {
        var locationValues: [String: String] = ["sozialraum_id": values.fields["sozialraum_id"] ?? ""]
        for field in locationFields + [visibilityField] { locationValues[field.name] = values.fields[field.name] ?? "" }
        var rows = [RowChanges.record("location", id: id, current: records.location, values: locationValues, fixed: ["organization_id": organization])].compactMap { $0 }
        let address = records.addresses.first
        var addressValues: [String: String] = [:]
        for field in addressFields { addressValues[field.name] = values.fields[field.name] ?? "" }
        if addressValues.values.allSatisfy(\.isEmpty) {
            if let address { rows.append(RowChange(table: "address", id: address.id, delete: true)) }
        } else if let row = RowChanges.record("address", id: address?.id ?? RowChanges.newID(), current: address, values: addressValues,
                                              fixed: ["location_id": id, "country": "DE"]) {
            rows.append(row)
        }
        rows += RowChanges.attributes(entity: "location", linkID: id, current: records.attributes, offered: offered,
                                      selected: values.groups["barrierefreiheit", default: []])
        return rows
    }

    /// The accessibility features as a checkbox group.
    static func accessibilityPicker(_ editing: DirectoryEditing) throws -> (group: ChoiceGroup, offered: Set<String>) {
        Pickers.vocabulary(.accessibility, terms: try editing.choices([.accessibility]).terms[.accessibility] ?? [], name: "barrierefreiheit",
                           legend: "Barrierefreiheit", hint: "Alles, was an diesem Standort zutrifft.")
    }

    /// The form page for `values`.
    static func page(_ editing: DirectoryEditing, locationID: String?, organization: String, values: ServiceForm.Values, errors: FormErrors) throws -> FormPage {
        let organizationName = try editing.name(of: "organization", id: organization) ?? "Organisation"
        let name = locationID.flatMap { try? editing.name(of: "location", id: $0) } ?? ""
        var form = FormPage(heading: locationID == nil ? "Neuer Standort von \(organizationName)" : "Standort bearbeiten: \(name)",
                            action: locationID.map(URLs.editLocation) ?? URLs.newLocation(organization: organization),
                            submitLabel: "Zur Prüfung einreichen", back: (URLs.editorOrganization(organization), "Zurück zu \(organizationName)"))
        form.intro = "Änderungen prüft die Koordination, bevor sie öffentlich werden. Eine Adresse, die Sie auf „intern“ stellen, verschwindet nach der Freigabe aus allen öffentlichen Seiten und Schnittstellen."
        var areas = Pickers.options(try editing.areaChoices(including: values.fields["sozialraum_id"]))
        areas.insert(.init(value: "", label: "– bitte wählen –"), at: 0)
        let area = FormField(name: "sozialraum_id", label: "Sozialraum", kind: .select, hint: "Das Quartier oder der Stadtteil, in dem der Standort liegt.",
                             optional: false, options: areas)
        form.section("Standort", locationFields.map { FormPage.field($0, values.fields[$0.name] ?? "", errors) }
                     + [FormPage.field(visibilityField, values.fields["visibility"] ?? "public", errors)])
        form.section("Adresse", addressFields.map { FormPage.field($0, values.fields[$0.name] ?? "", errors) }
                     + [FormPage.field(area, values.fields["sozialraum_id"] ?? "", errors)])
        let picker = try accessibilityPicker(editing)
        form.section("Zugang", [FormPage.choices(picker.group, values.groups["barrierefreiheit", default: []], errors)])
        return form
    }
}

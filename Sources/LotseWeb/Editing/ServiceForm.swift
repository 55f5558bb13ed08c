// ServiceForm: `/pflege/angebote/:id` and `/pflege/organisationen/:id/angebote/neu` — a
// service's description, contact, conditions, needs (two levels), target groups, legal basis,
// languages and places. Changes go to the review queue; on errors the form comes back (400)
// with everything as typed and the messages beside the fields.
import HTTP
import LotseCore
import Templating

/// The service form.
enum ServiceForm {
    /// The service's own fields, in form order.
    static let fields: [FormField] = [
        FormField(name: "name", label: "Name des Angebots", optional: false),
        FormField(name: "alternate_name", label: "Auch bekannt als"),
        FormField(name: "description", label: "Beschreibung", kind: .textarea, hint: "Was bietet das Angebot, für wen, wie läuft es ab? Bitte in einfacher Sprache.", optional: false, rows: 6),
        FormField(name: "status", label: "Status", kind: .select, optional: false, options: ServiceStatus.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
        FormField(name: "alert", label: "Aktueller Hinweis", kind: .textarea, hint: "Zum Beispiel: vorübergehend geschlossen bis 15. Januar.", rows: 2),
        FormField(name: "email", label: "E-Mail-Adresse", kind: .email, hint: "Zum Beispiel beratung@traeger.de", autocomplete: "email"),
        FormField(name: "url", label: "Website", kind: .url, hint: "Mit https:// am Anfang.", autocomplete: "url"),
        FormField(name: "application_process", label: "So melden sich Interessierte an", kind: .textarea, rows: 3),
        FormField(name: "eligibility_description", label: "Voraussetzungen", kind: .textarea, rows: 3),
        FormField(name: "minimum_age", label: "Mindestalter in Jahren", kind: .number),
        FormField(name: "maximum_age", label: "Höchstalter in Jahren", kind: .number),
        FormField(name: "fees_description", label: "Kosten", kind: .textarea, hint: "Zum Beispiel: kostenlos; 3,50 € je Mahlzeit.", rows: 2),
        FormField(name: "wait_time", label: "Übliche Wartezeit"),
        FormField(name: "interpretation_services", label: "Dolmetschen", hint: "Zum Beispiel: Telefondolmetschen nach Absprache."),
    ]

    /// What the form holds: field values and the checked values of each group.
    struct Values {
        var fields: [String: String] = [:]
        var groups: [String: Set<String>] = [:]
    }

    /// The checkbox groups: need, target group, legal basis (attributes), languages, places.
    static let vocabularyGroups: [(code: TaxonomyCode, name: String, legend: String, hint: String?)] = [
        (.need, "bedarf", "Bedarfe, bei denen das Angebot hilft", "Mindestens einen Bedarf wählen."),
        (.targetGroup, "zielgruppe", "Zielgruppen", nil),
        (.legalBasis, "rechtsgrundlage", "Rechtsgrundlage und Finanzierung", nil),
    ]

    // MARK: Pages

    /// `GET /pflege/angebote/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let editing = EditorAccess.editing(request.context)
        let state = try ReviewedForm.state(entityID: id, organization: organization, request.context)
        var form = try page(editing, serviceID: id, organization: organization, values: try load(id, pending: state.rows, editing: editing), errors: FormErrors())
        form.pending = state.diff
        form.returnedComment = state.returned
        return try form.render(request, errors: FormErrors())
    }

    /// `GET /pflege/organisationen/:id/angebote/neu`.
    static func new(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        var values = Values()
        values.fields["status"] = ServiceStatus.active.rawValue
        let form = try page(EditorAccess.editing(request.context), serviceID: nil, organization: organization, values: values, errors: FormErrors())
        return try form.render(request, errors: FormErrors())
    }

    /// `POST /pflege/angebote/:id`.
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "service")
        return try submit(request, account: account, organization: organization, serviceID: request.id)
    }

    /// `POST /pflege/organisationen/:id/angebote/neu`.
    static func create(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "organization")
        return try submit(request, account: account, organization: organization, serviceID: nil)
    }

    private static func submit(_ request: PageRequest, account: Account, organization: String, serviceID: String?) throws -> Response {
        let input = try request.input
        let values = read(input)
        let id = serviceID ?? RowChanges.newID()
        let editing = EditorAccess.editing(request.context)
        let records = serviceID == nil ? DirectoryEditing.ServiceRecords() : try editing.service(id)
        let choices = try editing.choices(vocabularyGroups.map(\.code), languages: true, locationsOf: organization)
        let rows = changes(values, serviceID: id, organization: organization, records: records, choices: choices)
        var errors = check(values, keptNeeds: records.retiredNeeds)
        errors.addMissing(try ReviewedForm.problems(rows, request.context))
        if errors.isEmpty {
            do {
                let summary = ReviewedForm.summary("Angebot", name: values.fields["name"] ?? "", created: serviceID == nil, rows: rows)
                return try ReviewedForm.submit(request.context, account: account, organization: organization, entity: "service", entityID: id,
                                               action: serviceID == nil ? "create" : "update", summary: summary, rows: rows)
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected)
            }
        }
        let form = try page(editing, serviceID: serviceID, organization: organization, values: values, errors: errors)
        return try form.render(request, errors: errors)
    }

    // MARK: Values

    /// The stored values of a service, with a pending change laid over them.
    static func load(_ id: String, pending: [RowChange], editing: DirectoryEditing) throws -> Values {
        let records = try editing.service(id)
        guard var service = records.service else {
            throw LotseError(.notFound, "Dieses Angebot gibt es nicht.")
        }
        service = RowChanges.overlay([service], table: "service", changes: pending) { _ in false }.first ?? service
        var values = Values()
        for field in fields { values.fields[field.name] = service.text(field.name) ?? "" }
        let attributes = RowChanges.overlay(records.attributes, table: "attribute", changes: pending) { ($0["link_id"] ?? nil) == id }
        let terms = Set(attributes.compactMap { $0.text("taxonomy_term_id") })
        for group in vocabularyGroups { values.groups[group.name] = terms }
        values.groups["sprache"] = Set(RowChanges.overlay(records.languages, table: "language", changes: pending) { ($0["service_id"] ?? nil) == id }
            .compactMap { $0.text("code") })
        values.groups["standort"] = Set(RowChanges.overlay(records.placements, table: "service_at_location", changes: pending) { ($0["service_id"] ?? nil) == id }
            .compactMap { $0.text("location_id") })
        return values
    }

    /// The values as submitted.
    static func read(_ input: FormInput) -> Values {
        var values = Values()
        for field in fields { values.fields[field.name] = input.text(field.name) }
        for name in vocabularyGroups.map(\.name) + ["sprache", "standort"] { values.groups[name] = Set(input.values(name)) }
        return values
    }

    /// Checks beyond single columns: a name, a description, at least one need (counting
    /// retired ones that stay linked), a sensible age range.
    static func check(_ values: Values, keptNeeds: Int = 0) -> FormErrors {
        var errors = FormErrors()
        if (values.fields["name"] ?? "").isEmpty { errors.add("name", "Bitte einen Namen angeben.") }
        if (values.fields["description"] ?? "").isEmpty { errors.add("description", "Bitte beschreiben Sie das Angebot in ein, zwei Sätzen.") }
        if values.groups["bedarf", default: []].isEmpty && keptNeeds == 0 { errors.add("bedarf", "Bitte mindestens einen Bedarf wählen.") }
        var ages: [String: Double] = [:]
        for name in ["minimum_age", "maximum_age"] {
            let text = values.fields[name] ?? ""
            guard !text.isEmpty else { continue }
            guard let age = Double(text.replacingOccurrences(of: ",", with: ".")), (0...120).contains(age) else {
                errors.add(name, "Bitte ein Alter zwischen 0 und 120 Jahren als Zahl angeben.")
                continue
            }
            ages[name] = age
        }
        if let low = ages["minimum_age"], let high = ages["maximum_age"], low > high {
            errors.add("maximum_age", "Das Höchstalter muss mindestens so hoch sein wie das Mindestalter.")
        }
        return errors
    }

    /// The row operations that make the service (stored as `records`; empty for a new one)
    /// look like `values`, choosing among `choices`.
    static func changes(_ values: Values, serviceID id: String, organization: String, records: DirectoryEditing.ServiceRecords,
                        choices: DirectoryEditing.Choices) -> [RowChange] {
        var rows: [RowChange] = []
        if let row = RowChanges.record("service", id: id, current: records.service, values: values.fields, fixed: ["organization_id": organization]) {
            rows.append(row)
        }
        var offered = Set<String>(), selected = Set<String>()
        for group in vocabularyGroups {
            let picker = Pickers.vocabulary(group.code, terms: choices.terms[group.code] ?? [], name: group.name, legend: group.legend, hint: group.hint)
            offered.formUnion(picker.offered)
            selected.formUnion(values.groups[group.name, default: []].intersection(picker.offered))
        }
        rows += RowChanges.attributes(entity: "service", linkID: id, current: records.attributes, offered: offered, selected: selected)
        rows += RowChanges.languages(serviceID: id, current: records.languages, selected: values.groups["sprache", default: []],
                                     names: Pickers.languageGroup(choices.languages).names)
        let places = Set(choices.locations.map(\.id))
        rows += RowChanges.placements(serviceID: id, current: records.placements, offered: places, selected: values.groups["standort", default: []])
        return rows
    }

    // MARK: Form

    /// The form page for `values`.
    static func page(_ editing: DirectoryEditing, serviceID: String?, organization: String, values: Values, errors: FormErrors) throws -> FormPage {
        let organizationName = try editing.name(of: "organization", id: organization) ?? "Organisation"
        let name = serviceID.flatMap { try? editing.name(of: "service", id: $0) } ?? ""
        let choices = try editing.choices(vocabularyGroups.map(\.code), languages: true, locationsOf: organization)
        var form = FormPage(heading: serviceID == nil ? "Neues Angebot von \(organizationName)" : "Angebot bearbeiten: \(name)",
                            action: serviceID.map(URLs.editService) ?? URLs.newService(organization: organization),
                            submitLabel: "Zur Prüfung einreichen", back: (URLs.editorOrganization(organization), "Zurück zu \(organizationName)"))
        form.intro = "Änderungen an diesen Angaben prüft die Koordination, bevor sie öffentlich werden. Öffnungszeiten und freie Plätze ändern Sie auf eigenen Seiten; sie gelten sofort."
        func field(_ name: String) -> TemplateValue {
            let spec = fields.first { $0.name == name }!
            return FormPage.field(spec, values.fields[name] ?? "", errors)
        }
        form.section("Worum es geht", ["name", "alternate_name", "description", "status", "alert"].map(field))
        var vocabularies: [TemplateValue] = []
        for group in vocabularyGroups {
            let picker = Pickers.vocabulary(group.code, terms: choices.terms[group.code] ?? [], name: group.name, legend: group.legend, hint: group.hint)
            vocabularies.append(FormPage.choices(picker.group, values.groups[group.name, default: []], errors))
        }
        form.section("Bedarfe, Zielgruppen, Rechtsgrundlage", vocabularies)
        form.section("Kontakt und Zugang", ["email", "url", "application_process", "eligibility_description", "minimum_age", "maximum_age",
                                             "fees_description", "wait_time"].map(field))
        form.section("Sprachen", [FormPage.choices(Pickers.languageGroup(choices.languages).group, values.groups["sprache", default: []], errors),
                                  field("interpretation_services")])
        let places = ChoiceGroup(name: "standort", legend: "Wo das Angebot stattfindet", hint: "Standorte Ihrer Organisation; neue Standorte tragen Sie auf der Übersicht ein.",
                                 sections: [.init(heading: nil, choices: Pickers.locations(choices.locations))])
        form.section("Standorte", [FormPage.choices(places, values.groups["standort", default: []], errors)])
        return form
    }
}

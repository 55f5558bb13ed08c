// SozialraumTreePage: `/koordination/sozialraeume` — the Sozialraum tree (city → Bezirk →
// Stadtteil → Quartier): add, rename, move (refusing cycles and level inversions, see
// Hierarchy), set a city's Land (inherited below it), keep an area's population and centre
// point, retire and reactivate areas; the rules and writes are in SozialraumTree.
import HTTP
import LotseCore
import Templating

/// The Sozialraum tools.
enum SozialraumTreePage {
    /// The level choices.
    static let levelOptions = Hierarchy.sozialraumLevels.map { FormField.Option(value: $0, label: Hierarchy.levelLabel($0)) }

    /// The Land field: required for a city, left empty below it.
    static let landField = FormField(name: "land", label: "Land (nur bei einer Stadt)", kind: .select,
                                     hint: "Die Feiertage dieses Landes zählen bei den Antwortfristen. Gebiete unterhalb einer Stadt übernehmen ihr Land.",
                                     options: [FormField.Option(value: "", label: "– übernimmt das Land der Stadt –")]
                                         + GermanLand.byName.map { FormField.Option(value: $0.rawValue, label: $0.name) })

    /// The population and centre point fields (German decimal comma accepted).
    static let figureFields = [
        FormField(name: "population", label: "Einwohner:innen", kind: .number,
                  hint: "Ganze Zahl, leer lassen, wenn unbekannt. Damit zeigt die Seite des Sozialraums die Bedarfe je 1.000 Einwohner:innen."),
        FormField(name: "latitude", label: "Mittelpunkt: Breitengrad", kind: .number, hint: "Dezimalgrad zwischen −90 und 90, z. B. 53,0758."),
        FormField(name: "longitude", label: "Mittelpunkt: Längengrad", kind: .number, hint: "Dezimalgrad zwischen −180 und 180, z. B. 8,8072."),
    ]

    /// The figures as typed in `values`.
    static func figures(_ values: [String: String]) -> SozialraumTree.Figures {
        SozialraumTree.Figures(population: values["population"] ?? "", latitude: values["latitude"] ?? "", longitude: values["longitude"] ?? "")
    }

    /// The areas as picker options (see `SozialraumTree.choices`).
    static func options(_ context: AppContext, including current: String? = nil, excludingBelow root: String? = nil) throws -> [FormField.Option] {
        try SozialraumTree(store: context.store).choices(including: current, excludingBelow: root).map { FormField.Option(value: $0.id, label: $0.label) }
    }

    /// `GET /koordination/sozialraeume`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: ["level": "quartier"], errors: FormErrors())
    }

    /// The tree and the add form (`typed` values, `errors`).
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors) throws -> Response {
        let all = try SozialraumTree(store: request.context.store).areas()
        func node(_ area: SozialraumTree.Area, depth: Int) -> TemplateValue {
            .object(["name": .string(area.name), "code": .string(area.code), "level": .string(Hierarchy.levelLabel(area.level)),
                     "retired": .bool(area.retired), "url": .string(URLs.area(area.id)), "land": TemplateValue(area.land?.name),
                     "children": .array(depth > 16 ? [] : all.filter { $0.parentID == area.id }.map { node($0, depth: depth + 1) })])
        }
        let roots = all.filter { $0.parentID == nil }.map { node($0, depth: 0) }
        let parents = [FormField.Option(value: "", label: "– keines (eine Stadt) –")] + (try options(request.context))
        let fields = [
            FormPage.field(FormField(name: "name", label: "Name", optional: false), typed["name"] ?? "", errors),
            FormPage.field(FormField(name: "level", label: "Ebene", kind: .select, optional: false, options: levelOptions), typed["level"] ?? "quartier", errors),
            FormPage.field(FormField(name: "parent_id", label: "Liegt in", kind: .select, optional: false, options: parents), typed["parent_id"] ?? "", errors),
            FormPage.field(landField, typed["land"] ?? "", errors),
            FormPage.field(FormField(name: "code", label: "Code", hint: "Leer lassen: wird aus übergeordnetem Code und Name gebildet."), typed["code"] ?? "", errors),
        ].map { $0["field"] } + figureFields.map { FormPage.field($0, typed[$0.name] ?? "", errors)["field"] }
        var page: [String: TemplateValue] = ["roots": .array(roots), "fields": .array(fields), "notice": TemplateValue(CoordinationNotice.text(request))]
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("koordination/sozialraeume", title: (errors.isEmpty ? "" : "Fehler: ") + "Sozialräume", context: page,
                                     request: request, status: errors.isEmpty ? 200 : 400)
    }

    /// `POST /koordination/sozialraeume`: a new area.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed = ["name": input.text("name"), "level": input.text("level"), "parent_id": input.text("parent_id"), "code": input.text("code"),
                     "land": input.text("land")]
        for field in figureFields { typed[field.name] = input.text(field.name) }
        let now = request.context.now()
        do {
            try SozialraumTree(store: request.context.store, now: now).add(name: typed["name"]!, level: typed["level"]!, parentID: typed["parent_id"]!.nonEmpty,
                                                                  code: typed["code"]!.nonEmpty, land: typed["land"]!.nonEmpty,
                                                                  figures: figures(typed), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.areas))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            return try page(request, typed: typed, errors: errors)
        }
    }

    /// The area of the route's `:id`.
    static func area(_ request: PageRequest) throws -> SozialraumTree.Area {
        try SozialraumTree(store: request.context.store).area(request.id)
    }

    /// `GET /koordination/sozialraeume/:id`.
    static func edit(_ request: PageRequest) throws -> Response {
        let area = try area(request)
        let stored = SozialraumTree.Figures(area)
        let form = try page(area: area, values: ["name": area.name, "level": area.level, "parent_id": area.parentID ?? "", "land": area.land?.rawValue ?? "",
                                                 "population": stored.population, "latitude": stored.latitude, "longitude": stored.longitude],
                            errors: FormErrors(), context: request.context)
        return try form.render(request, errors: FormErrors())
    }

    /// The form of one area: name, level, parent (without its own subtree), Land, population
    /// and centre point, retire.
    static func page(area: SozialraumTree.Area, values: [String: String], errors: FormErrors, context: AppContext) throws -> FormPage {
        var form = FormPage(heading: "Gebiet bearbeiten: \(area.name)", action: URLs.area(area.id), submitLabel: "Speichern",
                            back: (URLs.areas, "Zurück zu den Sozialräumen"))
        form.intro = "Code: \(area.code) (bleibt beim Umbenennen und Verschieben gleich)."
        if area.parentID != nil {
            let inherited = try SozialraumTree(store: context.store).land(of: area.id)
            form.intro! += " Land: \(inherited?.name ?? "noch keines") (von der Stadt darüber)."
        }
        let parents = [FormField.Option(value: "", label: "– keines (eine Stadt) –")] + (try options(context, including: area.parentID, excludingBelow: area.id))
        form.section(nil, [
            FormPage.field(FormField(name: "name", label: "Name", optional: false), values["name"] ?? "", errors),
            FormPage.field(FormField(name: "level", label: "Ebene", kind: .select, optional: false, options: levelOptions), values["level"] ?? "", errors),
            FormPage.field(FormField(name: "parent_id", label: "Liegt in", kind: .select, hint: "Verschieben: ein Gebiet kann nicht in sich selbst oder einem seiner Teile liegen.",
                                     optional: false, options: parents), values["parent_id"] ?? "", errors),
            FormPage.field(landField, values["land"] ?? "", errors),
        ] + figureFields.map { FormPage.field($0, values[$0.name] ?? "", errors) })
        form.extraForm(action: URLs.retireArea(area.id), label: area.retired ? "Wieder anbieten" : "Ausmustern",
                       text: area.retired ? "Dieses Gebiet ist ausgemustert." : "Ausmustern: bestehende Standorte behalten das Gebiet, es wird aber nicht mehr angeboten.",
                       fields: area.retired ? [("wieder", "1")] : [])
        return form
    }

    /// `POST /koordination/sozialraeume/:id`: rename, change level, move, set Land, population
    /// and centre point.
    static func save(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var values = ["name": input.text("name"), "level": input.text("level"), "parent_id": input.text("parent_id"), "land": input.text("land")]
        for field in figureFields { values[field.name] = input.text(field.name) }
        let now = request.context.now()
        do {
            try SozialraumTree(store: request.context.store, now: now).update(request.id, name: values["name"]!, level: values["level"]!,
                                                                     parentID: values["parent_id"]!.nonEmpty, land: values["land"]!.nonEmpty,
                                                                     figures: figures(values), by: account)
            return .redirect(to: URLs.with(notice: "gespeichert", URLs.areas))
        } catch let rejected as DirectoryWriter.Rejected {
            var errors = FormErrors()
            errors.add(rejected)
            let form = try page(area: try area(request), values: values, errors: errors, context: request.context)
            return try form.render(request, errors: errors)
        }
    }

    /// `POST /koordination/sozialraeume/:id/ausmustern` (with `wieder=1`: offer again).
    static func retire(_ request: PageRequest) throws -> Response {
        try Retirement.handle(request, back: URLs.areas) { again, account, now in
            try SozialraumTree(store: request.context.store, now: now).setRetired(request.id, !again, by: account)
        }
    }
}

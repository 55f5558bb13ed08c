// RoutingRulesPage: `/koordination/routing` — the coordinators' routing rules (need ×
// Sozialraum → an ordered list of services, or a pool): list, add or replace, move a service
// up or down, take one out, remove a rule. Suggestions for counselors put a rule's services
// first, in its order.
import HTTP
import LotseCore
import Templating

/// The routing rules tool.
enum RoutingRulesPage {
    /// Services one rule may list (the form offers this many selects).
    static let serviceSlots = 3

    /// `GET /koordination/routing`.
    static func show(_ request: PageRequest) throws -> Response {
        try page(request, typed: [:], errors: FormErrors(), status: 200)
    }

    /// The list and the form with `typed` values and `errors`.
    static func page(_ request: PageRequest, typed: [String: String], errors: FormErrors, status: Int) throws -> Response {
        let editor = RoutingRuleEditor(store: request.context.store)
        let services = try editor.listedServices()
        let allRules = try editor.all()
        var page = try request.context.store.referralLabels { core -> [String: TemplateValue] in
            let labels = DeskLabels(core)
            var names: [String: String] = [:]
            for service in services { names[service.id] = "\(service.name) (\(service.organization))" }
            let rules = try allRules.map { rule -> TemplateValue in
                var entries: [TemplateValue] = []
                var pool: String?
                switch rule.target {
                case .services(let ids):
                    for (position, id) in ids.enumerated() {
                        let unlisted = try labels.service(id).map { "\($0.name) (\($0.organization), nicht gelistet)" }
                        entries.append(.object([
                            "position": .int(position + 1), "id": .string(id), "name": .string(names[id] ?? unlisted ?? id),
                            "canMoveUp": .bool(position > 0), "canMoveDown": .bool(position < ids.count - 1),
                        ]))
                    }
                case .pool(let kind, let area):
                    pool = "Pool: \(kind.label) in \(labels.area(code: area) ?? area) – wer zuerst annimmt, übernimmt"
                }
                return .object([
                    "need": .string(labels.term(.need, rule.needCode)), "area": .string(labels.area(code: rule.sozialraum) ?? rule.sozialraum),
                    "services": .array(entries), "pool": TemplateValue(pool), "note": TemplateValue(rule.note.nonEmpty),
                    "reorderURL": .string(URLs.reorderRoutingRule(rule.id)), "removeURL": .string(URLs.removeRoutingRule(rule.id)),
                ])
            }
            let choose = FormField.Option(value: "", label: "– bitte wählen –")
            let needOptions = (labels.terms[.need] ?? []).map { FormField.Option(value: $0.code, label: ($0.category.map { "\($0) › " } ?? "") + $0.name) }
                .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
            let serviceOptions = [FormField.Option(value: "", label: "– keines –")] + services.map { FormField.Option(value: $0.id, label: "\($0.name) (\($0.organization))") }
            var fields = [
                FormPage.field(FormField(name: "bedarf", label: "Bedarf", kind: .select, hint: "Gilt auch für die Unterbegriffe.", optional: false,
                                         options: [choose] + needOptions), typed["bedarf"] ?? "", errors),
                FormPage.field(FormField(name: "sozialraum", label: "Sozialraum", kind: .select, hint: "Gilt auch für die Gebiete darunter.", optional: false,
                                         options: [choose] + labels.areaOptions()), typed["sozialraum"] ?? "", errors),
                FormPage.field(FormField(name: "art", label: "Wohin vermitteln?", kind: .radios, optional: false,
                                         options: [.init(value: "angebote", label: "An Angebote in dieser Reihenfolge"),
                                                   .init(value: "pool", label: "An einen Pool: wer zuerst annimmt, übernimmt")]),
                               typed["art"] ?? "angebote", errors),
            ]
            for slot in 1...serviceSlots {
                fields.append(FormPage.field(FormField(name: "angebot_\(slot)", label: "\(slot). Angebot", kind: .select,
                                                       optional: slot > 1, options: serviceOptions), typed["angebot_\(slot)"] ?? "", errors))
            }
            fields += [
                FormPage.field(FormField(name: "pool_art", label: "Pool: Art der Organisation", kind: .select,
                                         options: [choose] + OrganizationKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
                               typed["pool_art"] ?? "", errors),
                FormPage.field(FormField(name: "pool_sozialraum", label: "Pool: Sozialraum", kind: .select,
                                         options: [choose] + labels.areaOptions()), typed["pool_sozialraum"] ?? "", errors),
                FormPage.field(FormField(name: "notiz", label: "Notiz", hint: "Zum Beispiel: Absprache im Stadtteilarbeitskreis vom März."),
                               typed["notiz"] ?? "", errors),
            ]
            return ["rules": .array(rules), "count": .int(rules.count), "fields": .array(fields.map { $0["field"] }),
                    "action": .string(URLs.routingRules), "notice": TemplateValue(CoordinationNotice.text(request))]
        }
        for (key, value) in errors.context { page[key] = value }
        return try request.context.site.page("koordination/routing", title: (errors.isEmpty ? "" : "Fehler: ") + "Routing-Regeln", context: page,
                                     request: request, status: status)
    }

    /// `POST /koordination/routing`: adds the rule for (need, Sozialraum), replacing one there.
    static func add(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let input = try request.input
        var typed: [String: String] = [:]
        for name in ["bedarf", "sozialraum", "art", "pool_art", "pool_sozialraum", "notiz"] + (1...serviceSlots).map({ "angebot_\($0)" }) {
            typed[name] = input.text(name)
        }
        var errors = FormErrors()
        if typed["bedarf"]!.isEmpty { errors.add("bedarf", "Bitte einen Bedarf wählen.") }
        if typed["sozialraum"]!.isEmpty { errors.add("sozialraum", "Bitte einen Sozialraum wählen.") }
        var target: RoutingRule.Target?
        switch typed["art"] {
        case "angebote":
            var services: [String] = []
            for slot in 1...serviceSlots {
                if let id = typed["angebot_\(slot)"]?.nonEmpty, !services.contains(id) { services.append(id) }
            }
            if services.isEmpty { errors.add("angebot_1", "Bitte mindestens ein Angebot wählen.") } else { target = .services(services) }
        case "pool":
            let kind = OrganizationKind(rawValue: typed["pool_art"]!)
            if kind == nil { errors.add("pool_art", "Bitte die Art der Organisationen des Pools wählen.") }
            if typed["pool_sozialraum"]!.isEmpty { errors.add("pool_sozialraum", "Bitte den Sozialraum des Pools wählen.") }
            if let kind, let area = typed["pool_sozialraum"]?.nonEmpty { target = .pool(kind: kind, sozialraum: area) }
        default:
            errors.add("art", "Bitte wählen, ob an Angebote oder an einen Pool vermittelt wird.")
        }
        if errors.isEmpty, let target {
            do {
                let now = request.context.now()
                try RoutingRuleEditor(store: request.context.store, now: now).set(need: typed["bedarf"]!, sozialraum: typed["sozialraum"]!, target: target,
                                                                          note: typed["notiz"]!, by: account)
                return .redirect(to: URLs.with(notice: "gespeichert", URLs.routingRules))
            } catch let error as LotseError where error.kind == .invalidInput || error.kind == .notFound {
                errors.add("", error.message)
            }
        }
        return try page(request, typed: typed, errors: errors, status: 400)
    }

    /// `POST /koordination/routing/:id/verschieben` with `angebot` and `richtung` (`hoch`,
    /// `runter`, `entfernen`); a rule without services left is removed.
    static func reorder(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        let now = request.context.now()
        let moves: [String: RoutingRuleEditor.Move] = ["hoch": .up, "runter": .down, "entfernen": .remove]
        let removed = try RoutingRuleEditor(store: request.context.store, now: now).move(input.text("angebot"), moves[input.text("richtung")], inRule: id, by: account)
        return .redirect(to: URLs.with(notice: (removed ? "entfernt" : "gespeichert"), URLs.routingRules))
    }

    /// `POST /koordination/routing/:id/entfernen`.
    static func remove(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let now = request.context.now()
        try RoutingRuleEditor(store: request.context.store, now: now).remove(id, by: account)
        return .redirect(to: URLs.with(notice: "entfernt", URLs.routingRules))
    }
}

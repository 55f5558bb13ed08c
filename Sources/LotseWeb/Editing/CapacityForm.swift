// CapacityForm: `/pflege/angebote/:id/plaetze` — whether a service can take people now, a
// note (e.g. waitlist length) and free places per counted unit. Applies at once, with today
// as "Stand".
import HTTP
import LotseCore
import Templating

/// The capacity form.
enum CapacityForm {
    /// The status choice.
    static let statusField = FormField(name: "capacity_status", label: "Können Sie zurzeit Menschen aufnehmen?", kind: .radios, optional: false,
                                       options: CapacityStatus.allCases.map { .init(value: $0.rawValue, label: $0.label) })
    /// The note.
    static let noteField = FormField(name: "capacity_note", label: "Hinweis zu den Plätzen", kind: .textarea,
                                     hint: "Zum Beispiel: Warteliste etwa 6 Wochen; nächster freier Platz ab 1. März.", rows: 2)

    /// `GET /pflege/angebote/:id/plaetze`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let stored = try EditorAccess.editing(request.context).capacity(serviceID: id)
        var values = ["capacity_status": stored.service?.text("capacity_status") ?? "unknown", "capacity_note": stored.service?.text("capacity_note") ?? ""]
        for (index, count) in stored.counts.enumerated() { values["frei-\(index)"] = count.record.text("available") ?? "" }
        return try page(serviceName: stored.service?.text("name"), serviceID: id, organization: organization, counts: stored.counts,
                        values: values, errors: FormErrors()).render(request, errors: FormErrors())
    }

    /// `POST /pflege/angebote/:id/plaetze`.
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let input = try request.input
        var values = ["capacity_status": input.text("capacity_status"), "capacity_note": input.text("capacity_note")]
        var errors = FormErrors()
        let status = CapacityStatus(rawValue: values["capacity_status"] ?? "")
        if status == nil { errors.add("capacity_status", "Bitte wählen, ob Sie zurzeit Menschen aufnehmen können.") }
        if (values["capacity_note"] ?? "").count > 500 { errors.add("capacity_note", "Bitte höchstens 500 Zeichen.") }
        let editing = EditorAccess.editing(request.context)
        let stored = try editing.capacity(serviceID: id)
        var available: [(id: String, number: String)] = []
        for (index, row) in stored.counts.map(\.record).enumerated() {
            let text = input.text("frei-\(index)")
            values["frei-\(index)"] = text
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), number >= 0, number == number.rounded() else {
                errors.add("frei-\(index)", "Bitte die Zahl der freien Plätze angeben (0 oder mehr).")
                continue
            }
            if let maximum = row.number("maximum"), number > maximum {
                errors.add("frei-\(index)", "Es gibt höchstens \(GermanFormat.number(maximum)) Plätze.")
                continue
            }
            available.append((row.id, String(Int(number))))
        }
        if errors.isEmpty, let status {
            try editing.updateCapacity(serviceID: id, status: status, note: values["capacity_note"], available: available, by: account)
            return .redirect(to: URLs.editorOrganization(organization, notice: "gespeichert"))
        }
        let form = page(serviceName: stored.service?.text("name"), serviceID: id, organization: organization, counts: stored.counts,
                        values: values, errors: errors)
        return try form.render(request, errors: errors)
    }

    /// The form page for `values` (status, note, free places per counted unit).
    static func page(serviceName: String?, serviceID: String, organization: String, counts: [DirectoryEditing.CapacityCount],
                     values: [String: String], errors: FormErrors) -> FormPage {
        let name = serviceName ?? "Angebot"
        var form = FormPage(heading: "Freie Plätze: \(name)", action: URLs.editCapacity(serviceID), submitLabel: "Plätze speichern",
                            back: (URLs.editorOrganization(organization), "Zurück zur Übersicht"))
        form.intro = "Die Angabe gilt sofort nach dem Speichern; als Stand gilt heute."
        var items = [FormPage.field(statusField, values["capacity_status"] ?? "unknown", errors), FormPage.field(noteField, values["capacity_note"] ?? "", errors)]
        for (index, count) in counts.enumerated() {
            let row = count.record
            let what = row.text("description") ?? count.unitName ?? "Plätze"
            let field = FormField(name: "frei-\(index)", label: "Frei: \(what)", kind: .number,
                                  hint: row.number("maximum").map { "Von insgesamt \(GermanFormat.number($0))." }, optional: false)
            items.append(FormPage.field(field, values["frei-\(index)"] ?? "", errors))
        }
        form.section(nil, items)
        return form
    }
}

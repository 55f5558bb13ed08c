// OpeningHoursForm: `/pflege/angebote/:id/zeiten` — a service's weekly opening hours as rows
// of days, from, to and a note. They apply at once (no review): Verification replaces the
// simple weekly blocks; monthly, fortnightly and seasonal times stay and are listed.
import HTTP
import LotseCore
import Templating

/// The opening hours form.
enum OpeningHoursForm {
    /// Day codes and German names.
    static let days: [(code: String, name: String, short: String)] = [
        ("MO", "Montag", "Mo"), ("TU", "Dienstag", "Di"), ("WE", "Mittwoch", "Mi"), ("TH", "Donnerstag", "Do"),
        ("FR", "Freitag", "Fr"), ("SA", "Samstag", "Sa"), ("SU", "Sonntag", "So"),
    ]

    /// "Mo, Mi" for "MO,WE" (other rules as written).
    static func dayLabels(_ byday: String) -> String {
        byday.split(separator: ",").map { code in days.first { $0.code == code }?.short ?? String(code) }.joined(separator: ", ")
    }

    /// The most rows the form accepts.
    static let maximumBlocks = 20

    /// `GET /pflege/angebote/:id/zeiten`.
    static func edit(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let editing = EditorAccess.editing(request.context)
        let blocks = try editing.schedules(serviceID: id)
            .filter(Verification.isSimpleWeekly)
            .map { Verification.OpeningBlock(days: ($0.text("byday") ?? "").split(separator: ",").map(String.init),
                                             opens: GermanFormat.time($0.text("opens_at")) ?? "", closes: GermanFormat.time($0.text("closes_at")) ?? "",
                                             note: $0.text("description")) }
        let form = try page(editing, serviceID: id, organization: organization, blocks: blocks + [.init(days: [], opens: "", closes: ""), .init(days: [], opens: "", closes: "")],
                            errors: FormErrors())
        return try form.render(request, errors: FormErrors())
    }

    /// `POST /pflege/angebote/:id/zeiten`.
    static func save(_ request: PageRequest) throws -> Response {
        let (account, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let input = try request.input
        let count = min(max(Int(input.text("bloecke")) ?? 0, 0), maximumBlocks)
        var typed: [Verification.OpeningBlock] = []
        var errors = FormErrors()
        var blocks: [Verification.OpeningBlock] = []
        for index in 0..<count {
            let block = Verification.OpeningBlock(days: input.values("tage-\(index)"), opens: input.text("von-\(index)"), closes: input.text("bis-\(index)"),
                                                   note: input.optional("hinweis-\(index)"))
            typed.append(block)
            if block.days.isEmpty && block.opens.isEmpty && block.closes.isEmpty && block.note == nil { continue }
            if block.days.isEmpty || !block.days.allSatisfy({ day in days.contains { $0.code == day } }) {
                errors.add("tage-\(index)", "Bitte mindestens einen Wochentag wählen.")
            }
            let opens = normalizedTime(block.opens), closes = normalizedTime(block.closes)
            if opens == nil { errors.add("von-\(index)", "Bitte die Anfangszeit als Uhrzeit angeben, z. B. 09:00.") }
            if closes == nil { errors.add("bis-\(index)", "Bitte die Endzeit als Uhrzeit angeben, z. B. 16:30.") }
            if let opens, let closes, closes <= opens, closes != "00:00" {
                errors.add("bis-\(index)", "Das Ende muss nach dem Beginn liegen.")
            }
            blocks.append(.init(days: block.days, opens: opens ?? "", closes: closes ?? "", note: block.note))
        }
        if errors.isEmpty {
            do {
                try EditorAccess.editing(request.context).replaceOpeningHours(serviceID: id, blocks: blocks, by: account)
                return .redirect(to: URLs.editorOrganization(organization, notice: "gespeichert"))
            } catch let rejected as DirectoryWriter.Rejected {
                errors.add(rejected)
            }
        }
        let form = try page(EditorAccess.editing(request.context), serviceID: id, organization: organization, blocks: typed, errors: errors)
        return try form.render(request, errors: errors)
    }

    /// `HH:MM` for `9:00`, `09:00` or `9.00`; nil when not a time of day.
    static func normalizedTime(_ text: String) -> String? {
        let parts = text.replacingOccurrences(of: ".", with: ":").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0, parts[0].count <= 2 else { return nil }
        return (hour < 10 ? "0" : "") + "\(hour):" + parts[1]
    }

    /// The form page: one section per opening block, then the special times that stay.
    static func page(_ editing: DirectoryEditing, serviceID: String, organization: String, blocks: [Verification.OpeningBlock], errors: FormErrors) throws -> FormPage {
        let name = try editing.name(of: "service", id: serviceID) ?? "Angebot"
        var form = FormPage(heading: "Öffnungszeiten: \(name)", action: URLs.editHours(serviceID), submitLabel: "Öffnungszeiten speichern",
                            back: (URLs.editorOrganization(organization), "Zurück zur Übersicht"))
        form.intro = "Öffnungszeiten gelten sofort nach dem Speichern. Eine Zeile je Zeitraum; leere Zeilen werden ignoriert. Um eine Zeile zu löschen, Tage und Zeiten leeren."
        form.hidden = [("bloecke", String(blocks.count))]
        for (index, block) in blocks.enumerated() {
            let group = ChoiceGroup(name: "tage-\(index)", legend: "Wochentage", hint: nil,
                                    sections: [.init(heading: nil, choices: days.map { .init(value: $0.code, label: $0.name) })])
            form.section("Zeitraum \(index + 1)", [
                FormPage.choices(group, Set(block.days), errors),
                FormPage.field(FormField(name: "von-\(index)", label: "von (Uhrzeit)", hint: index == 0 ? "Zum Beispiel 09:00." : nil), block.opens, errors),
                FormPage.field(FormField(name: "bis-\(index)", label: "bis (Uhrzeit)"), block.closes, errors),
                FormPage.field(FormField(name: "hinweis-\(index)", label: "Hinweis", hint: index == 0 ? "Zum Beispiel: nur mit Termin." : nil), block.note ?? "", errors),
            ])
        }
        let others = try editing.schedules(serviceID: serviceID, byOpeningTime: false).filter { !Verification.isSimpleWeekly($0) }
        if !others.isEmpty {
            form.section("Weitere Zeiten", text: "Diese besonderen Zeiten (monatlich, 14-täglich, saisonal oder an einem Standort) bleiben beim Speichern erhalten; ändern kann sie die Koordination: "
                         + others.compactMap(OpeningHours.describe).joined(separator: "; ") + ".", [])
        }
        return form
    }
}

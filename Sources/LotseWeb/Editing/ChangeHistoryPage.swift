// ChangeHistoryPage: `/pflege/angebote/:id/verlauf` and `/pflege/organisationen/:id/verlauf` —
// the field history of a service (with its times, links, languages and places) or of an
// organization (with its locations, addresses, contacts and cooperations): who, when, field,
// old → new, as ChangeHistory reads it. The `.json` twin is the download of the same records
// as HSDS metadata.
import HTTP
import LotseCore
import Templating

/// The change history pages.
enum ChangeHistoryPage {
    /// Rows shown on the page (the download has all).
    static let pageLimit = 500

    /// `GET /pflege/angebote/:id/verlauf`.
    static func service(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "service")
        let id = request.id
        let entries = try ChangeHistory(store: request.context.store).service(id, described: pageLimit)
        return try respond(request, organization: organization, file: "verlauf-angebot-\(id).json",
                           title: "Änderungsverlauf: \(entries.name ?? "Angebot")", entries: entries)
    }

    /// `GET /pflege/organisationen/:id/verlauf`.
    static func organization(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        let entries = try ChangeHistory(store: request.context.store).organization(organization, described: pageLimit)
        return try respond(request, organization: organization, file: "verlauf-organisation-\(organization).json",
                           title: "Änderungsverlauf: \(entries.name ?? "Organisation")", entries: entries)
    }

    private static func respond(_ request: PageRequest, organization: String, file: String, title: String,
                                entries: ChangeHistory.Entries) throws -> Response {
        let records = entries.records
        if request.wantsJSON {
            var writer = JSONWriter(capacity: 4096)
            writer.beginArray()
            for record in records { HSDSJSON.write(HSDSNode(record), to: &writer, now: request.context.now()) }
            writer.endArray()
            var response = Response.json(bytes: writer.bytes)
            response.headers["Content-Disposition"] = "attachment; filename=\"\(file)\""
            return response
        }
        let rows = records.prefix(pageLimit).filter { !FieldLabels.quiet.contains($0.text("field_name") ?? "") }.map { row(of: $0, names: entries.lookup) }
        let page: [String: TemplateValue] = [
            "heading": .string(title), "rows": .array(rows), "count": .int(records.count), "limited": .bool(records.count > pageLimit),
            "back": .string(URLs.editorOrganization(organization)), "download": .string(URLs.json(request.path)),
        ]
        return try request.context.site.page("pflege/verlauf", title: title, context: page, request: request)
    }

    /// One history row for the page.
    static func row(of record: Record, names: RecordLookup) -> TemplateValue {
        let field = record.text("field_name") ?? ""
        let action: String
        switch record.text("last_action_type") {
        case "create": action = "neu"
        case "delete": action = "gelöscht"
        default: action = "geändert"
        }
        return .object([
            "when": .string(GermanFormat.dateTime(record.text("last_action_date")) ?? record.text("last_action_date") ?? ""),
            "who": .string(record.text("updated_by") ?? ""), "record": .string(FieldLabels.table(record.text("resource_type") ?? "")),
            "action": .string(action), "field": .string(FieldLabels.column(field)),
            "old": .string(FieldLabels.value(field, record.text("previous_value") ?? "", names: names)),
            "new": .string(FieldLabels.value(field, record.text("replacement_value") ?? "", names: names)),
        ])
    }
}

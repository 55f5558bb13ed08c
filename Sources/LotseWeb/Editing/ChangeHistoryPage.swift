// ChangeHistoryPage: `/pflege/angebote/:id/verlauf` and `/pflege/organisationen/:id/verlauf` —
// the field history of a service (with its times, links, languages and places) or of an
// organization (with its locations, addresses, contacts and cooperations): who, when, field,
// old → new. The `.json` twin is the download of the same records as HSDS metadata.
import HTTP
import LotseCore
import SQLite
import Templating

/// The change history pages.
enum ChangeHistoryPage {
    /// Rows shown on the page (the download has all).
    static let pageLimit = 500

    /// `GET /pflege/angebote/:id/verlauf`.
    static func service(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, context, table: "service")
        let id = request.pathParameters["id"] ?? ""
        return try respond(request, context, organization: organization, file: "verlauf-angebot-\(id).json") { db in
            let name = try db.scalarString("SELECT name FROM service WHERE id = ?", id) ?? "Angebot"
            var ids: Set<String> = [id]
            for table in ["schedule", "language", "service_at_location", "contact", "phone", "service_capacity", "funding", "cost_option",
                          "required_document", "service_area", "url"] {
                ids.formUnion(try db.query("SELECT id FROM \(table) WHERE service_id = ?", id) { $0.string(0) })
            }
            ids.formUnion(try db.query("SELECT id FROM attribute WHERE link_entity = 'service' AND link_id = ?", id) { $0.string(0) })
            ids.formUnion(try referring(["service_id", "link_id"], to: [id], db: db))
            return ("Änderungsverlauf: \(name)", ids)
        }
    }

    /// `GET /pflege/organisationen/:id/verlauf`.
    static func organization(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, context, table: "organization")
        return try respond(request, context, organization: organization, file: "verlauf-organisation-\(organization).json") { db in
            let name = try db.scalarString("SELECT name FROM organization WHERE id = ?", organization) ?? "Organisation"
            var ids: Set<String> = [organization]
            let locations = Set(try db.query("SELECT id FROM location WHERE organization_id = ?", organization) { $0.string(0) })
                .union(try referring(["organization_id"], to: [organization], db: db, table: "location"))
            ids.formUnion(locations)
            ids.formUnion(try db.query("SELECT id FROM cooperation WHERE organization_id = ?1 OR partner_id = ?1", organization) { $0.string(0) })
            let contacts = Set(try db.query("SELECT id FROM contact WHERE organization_id = ?", organization) { $0.string(0) })
                .union(try referring(["organization_id"], to: [organization], db: db, table: "contact"))
            ids.formUnion(contacts)
            ids.formUnion(try db.query("SELECT id FROM phone WHERE organization_id = ?", organization) { $0.string(0) })
            for location in locations {
                ids.formUnion(try db.query("SELECT id FROM address WHERE location_id = ?", location) { $0.string(0) })
                ids.formUnion(try db.query("SELECT id FROM attribute WHERE link_entity = 'location' AND link_id = ?", location) { $0.string(0) })
            }
            ids.formUnion(try referring(["location_id", "link_id"], to: locations, db: db))
            ids.formUnion(try referring(["contact_id"], to: contacts, db: db))
            ids.formUnion(try referring(["organization_id", "partner_id"], to: [organization], db: db, table: "cooperation"))
            return ("Änderungsverlauf: \(name)", ids)
        }
    }

    /// Records (also deleted ones) whose history says they pointed at one of `targets`.
    static func referring(_ fields: [String], to targets: Set<String>, db: Database, table: String? = nil) throws -> Set<String> {
        var found = Set<String>()
        for target in targets {
            for field in fields {
                found.formUnion(try db.query("""
                    SELECT resource_id FROM metadata WHERE field_name = ?1 AND (replacement_value = ?2 OR previous_value = ?2)
                      AND (?3 IS NULL OR resource_type = ?3)
                    """, field, target, table) { $0.string(0) })
            }
        }
        return found
    }

    private static func respond(_ request: Request, _ context: AppContext, organization: String, file: String,
                                _ scope: (Database) throws -> (title: String, ids: Set<String>)) throws -> Response {
        let (title, records, rows) = try context.store.pool.read { db -> (String, [Record], [TemplateValue]) in
            let (title, ids) = try scope(db)
            let records = try TableColumns.load("metadata", where: "resource_id IN (SELECT value FROM json_each(?))",
                                                [jsonArray(ids.sorted())], order: "last_action_date DESC, rowid DESC", in: db)
            let rows = records.prefix(pageLimit).filter { !FieldLabels.quiet.contains($0.text("field_name") ?? "") }.map { row(of: $0, db: db) }
            return (title, records, rows)
        }
        if Site.wantsJSON(request) {
            var writer = JSONWriter(capacity: 4096)
            writer.beginArray()
            for record in records { HSDSJSON.write(HSDSNode(record), to: &writer, now: context.now()) }
            writer.endArray()
            var response = Response.json(bytes: writer.bytes)
            response.headers["Content-Disposition"] = "attachment; filename=\"\(file)\""
            return response
        }
        let page: [String: TemplateValue] = [
            "heading": .string(title), "rows": .array(rows), "count": .int(records.count), "limited": .bool(records.count > pageLimit),
            "back": .string(URLs.editorOrganization(organization)), "download": .string(URLs.json(request.path)),
        ]
        return try context.site.page("pflege/verlauf", title: title, context: page, request: request)
    }

    /// One history row for the page.
    static func row(of record: Record, db: Database) -> TemplateValue {
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
            "old": .string(FieldLabels.value(field, record.text("previous_value") ?? "", db: db)),
            "new": .string(FieldLabels.value(field, record.text("replacement_value") ?? "", db: db)),
        ])
    }

    /// A JSON array of strings (for `json_each`).
    static func jsonArray(_ values: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MembersPage: `/koordination/mitglieder` — applicants, members, suspended and former members;
// admit (applicant → member), suspend and re-admit, written through DirectoryWriter so that
// the organization's history records who did it.
import HTTP
import LotseCore
import SQLite
import Templating

/// The members page.
enum MembersPage {
    /// What the buttons do: form value, new status, label, notice code.
    static let actions: [(value: String, to: MembershipStatus, from: [MembershipStatus], label: String, notice: String)] = [
        ("aufnehmen", .member, [.applicant], "Aufnehmen", "aufgenommen"),
        ("ruhen", .suspended, [.member], "Ruhen lassen", "ruht"),
        ("wieder", .member, [.suspended, .left], "Wieder aufnehmen", "aufgenommen"),
    ]

    /// `GET /koordination/mitglieder`.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let rows = try context.store.pool.read { db in
            try db.query("SELECT id, name, kind, membership_status, member_since FROM organization ORDER BY name, id") {
                (id: $0.string(0), name: $0.string(1), kind: $0.string(2), status: $0.string(3), since: $0.optionalString(4))
            }
        }
        let groups = [MembershipStatus.applicant, .member, .suspended, .left].map { status -> TemplateValue in
            let members = rows.filter { $0.status == status.rawValue }
            return .object([
                "key": .string(status.rawValue), "heading": .string(heading(status)), "count": .int(members.count),
                "organizations": .array(members.map { row in
                    .object(["name": .string(row.name), "url": .string(URLs.editorOrganization(row.id)),
                             "kind": .string(OrganizationKind(rawValue: row.kind)?.label ?? row.kind), "since": TemplateValue(GermanFormat.date(row.since)),
                             "actions": .array(actions.filter { $0.from.contains(status) }.map { action in
                                 .object(["action": .string(URLs.memberStatus(row.id)), "value": .string(action.value), "label": .string(action.label),
                                          "style": .string(action.to == .member ? "" : "secondary")])
                             })])
                }),
            ])
        }
        return try context.site.page("koordination/mitglieder", title: "Mitglieder", context: [
            "groups": .array(groups), "notice": TemplateValue(CoordinationNotice.text(request)),
        ], request: request)
    }

    /// The heading of a membership group.
    static func heading(_ status: MembershipStatus) -> String {
        switch status {
        case .applicant: "Aufnahme beantragt"
        case .member: "Mitglieder"
        case .suspended: "Mitgliedschaft ruht"
        case .left: "Ausgetreten"
        }
    }

    /// `POST /koordination/mitglieder/:id` with `aktion` aufnehmen, ruhen or wieder.
    static func change(_ request: Request, _ context: AppContext) throws -> Response {
        let account = try EditorAccess.account(request, context)
        let id = request.pathParameters["id"] ?? ""
        let input = try FormInput(request)
        guard let action = actions.first(where: { $0.value == input.text("aktion") }) else {
            throw LotseError(.invalidInput, "Bitte »Aufnehmen«, »Ruhen lassen« oder »Wieder aufnehmen« wählen.")
        }
        let now = context.now()
        try context.store.pool.write { db in
            guard let current = try db.queryFirst("SELECT membership_status, member_since FROM organization WHERE id = ?", id,
                                                  transform: { ($0.string(0), $0.optionalString(1)) }) else {
                throw LotseError(.notFound, "Diese Organisation gibt es nicht.")
            }
            guard action.from.contains(where: { $0.rawValue == current.0 }) else {
                throw LotseError(.conflict, "Das passt nicht zum jetzigen Stand (\(MembershipStatus(rawValue: current.0)?.label ?? current.0)).")
            }
            var values: [String: String?] = ["membership_status": action.to.rawValue]
            if action.to == .member && current.1 == nil { values["member_since"] = BerlinTime(now).dateString }
            let writer = try DirectoryWriter(db: db, actor: account.displayName, now: now)
            try writer.write(table: "organization", id: id, values: values)
            try writer.finish()
        }
        return .redirect(to: URLs.members + "?hinweis=" + action.notice)
    }
}

// MembersPage: `/koordination/mitglieder` — the members' register: applicants, members,
// suspended and former members with kind, since and (former members) when and why they left;
// admit (applicant → member), suspend and re-admit (also rejoining) through the Members service
// (with the organization's history); links to leaving, the CSV download and the applications.
import HTTP
import LotseCore
import Templating

/// The members page.
enum MembersPage {
    /// What the buttons do: form value, membership change, label, notice code.
    static let actions: [(value: String, change: Members.Change, label: String, notice: String)] = [
        ("aufnehmen", .admit, "Aufnehmen", "aufgenommen"),
        ("ruhen", .suspend, "Ruhen lassen", "ruht"),
        ("wieder", .readmit, "Wieder aufnehmen", "aufgenommen"),
    ]

    /// `GET /koordination/mitglieder`.
    static func show(_ request: PageRequest) throws -> Response {
        let rows = try MembershipRegister(store: request.context.store).rows()
        let waiting = try request.context.store.pool.read { try MembershipApplications.openCount($0) }
        let groups = [MembershipStatus.applicant, .member, .suspended, .left].map { status -> TemplateValue in
            let members = rows.filter { $0.status == status.rawValue }
            return .object([
                "key": .string(status.rawValue), "heading": .string(heading(status)), "count": .int(members.count),
                "organizations": .array(members.map { row in
                    .object(["name": .string(row.name), "url": .string(URLs.editorOrganization(row.id)),
                             "kind": .string(OrganizationKind(rawValue: row.kind)?.label ?? row.kind), "since": TemplateValue(GermanFormat.date(row.since)),
                             "leftOn": TemplateValue(GermanFormat.date(row.leftOn)), "leftReason": TemplateValue(row.leftReason),
                             "leaveURL": TemplateValue(status == .member || status == .suspended ? URLs.memberLeaving(row.id) : nil),
                             "actions": .array(actions.filter { $0.change.from.contains(status) }.map { action in
                                 .object(["action": .string(URLs.memberStatus(row.id)), "value": .string(action.value), "label": .string(action.label),
                                          "style": .string(action.change.to == .member ? "" : "secondary")])
                             })])
                }),
            ])
        }
        return try request.context.site.page("koordination/mitglieder", title: "Mitglieder", context: [
            "groups": .array(groups), "notice": TemplateValue(request.notice == "ausgetreten" ? "Der Austritt ist eingetragen; die Einträge sind nicht mehr öffentlich." : CoordinationNotice.text(request)),
            "waitingApplications": .int(waiting),
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
    static func change(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let id = request.id
        let input = try request.input
        guard let action = actions.first(where: { $0.value == input.text("aktion") }) else {
            throw LotseError(.invalidInput, "Bitte »Aufnehmen«, »Ruhen lassen« oder »Wieder aufnehmen« wählen.")
        }
        let now = request.context.now()
        try Members(store: request.context.store, now: now).apply(action.change, to: id, by: account)
        return .redirect(to: URLs.with(notice: action.notice, URLs.members))
    }
}

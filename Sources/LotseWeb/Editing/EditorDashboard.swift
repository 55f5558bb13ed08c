// EditorDashboard: `/pflege` — a provider's organizations with their services, locations and
// contacts, stale markers and one-click "Angaben unverändert bestätigen", changes waiting for
// review or returned with the coordinator's comment, and open correction suggestions.
// Coordinators get the list of all organizations and the same block for any of them.
import HTTP
import LotseCore
import Templating

/// The editing dashboard.
enum EditorDashboard {
    /// `GET /pflege`.
    static func home(_ request: PageRequest) throws -> Response {
        let account = try request.account
        let today = BerlinTime(request.context.now()).dateString
        let editing = EditorAccess.editing(request.context)
        let page: [String: TemplateValue]
        if account.role == .coordinator {
            let organizations = try editing.organizations().map { entry -> TemplateValue in
                .object(["name": .string(entry.name), "url": .string(URLs.editorOrganization(entry.id)),
                         "membership": .string(entry.membership?.label ?? entry.membershipCode)])
            }
            page = ["isCoordinator": true, "organizations": .array(organizations)]
        } else {
            let ids = try editing.sortedByName(account.organizations)
            page = ["blocks": .array(try ids.map { try OrganizationBlock.context($0, editing: editing, today: today, here: URLs.editorHome) })]
        }
        var full = page
        full["notice"] = TemplateValue(notice(request))
        return try request.context.site.page("pflege/start", title: "Einträge pflegen", context: full, request: request)
    }

    /// `GET /pflege/organisationen/:id`.
    static func organization(_ request: PageRequest) throws -> Response {
        let (_, organization) = try EditorAccess.authorize(request, table: "organization")
        let today = BerlinTime(request.context.now()).dateString
        let block = try OrganizationBlock.context(organization, editing: EditorAccess.editing(request.context), today: today,
                                                  here: URLs.editorOrganization(organization))
        let name = block["name"].stringValue ?? "Organisation"
        return try request.context.site.page("pflege/organisation", title: "Einträge pflegen: \(name)",
                                     context: ["block": block, "notice": TemplateValue(notice(request))], request: request)
    }

    /// The German notice for the `hinweis` code of a redirect after a form, if any.
    static func notice(_ request: PageRequest) -> String? {
        switch request.notice {
        case "eingereicht": "Ihre Änderung ist eingereicht und wartet auf Prüfung durch die Koordination. Bis zur Freigabe sieht die Öffentlichkeit die bisherigen Angaben."
        case "gespeichert": "Gespeichert. Die Änderung ist sofort sichtbar."
        case "bestaetigt": "Danke! Die Angaben sind als unverändert bestätigt."
        case "unveraendert": "Es gab nichts zu ändern."
        case "zurueckgezogen": "Die Änderung ist zurückgezogen."
        case "erledigt": "Der Vorschlag ist bearbeitet."
        default: nil
        }
    }
}

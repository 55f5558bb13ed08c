// OrganizationPage: `GET /organisationen/:id`, a network member for the public — who it is,
// how to reach it, its services and public locations, and whom it cooperates with.
import HTTP
import LotseCore

/// The public organization page.
enum OrganizationPage {
    /// Renders the organization, or throws `notFound` when the public may not see it.
    static func handle(_ request: PageRequest) throws -> Response {
        let id = request.id
        let (node, today) = try request.context.read(.public) { reader in (try reader.organization(id), reader.today) }
        guard let node else { throw LotseError(.notFound, "Diese Organisation gibt es nicht (mehr) im öffentlichen Verzeichnis.") }
        let page = OrganizationView.context(node, today: today)
        return try request.context.site.page("organization", title: node.record.text("name") ?? "Organisation", context: page, request: request)
    }
}

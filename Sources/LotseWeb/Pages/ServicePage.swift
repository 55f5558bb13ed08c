// ServicePage: `GET /angebote/:id`, one service for the public — what, who, where, when, how
// to reach it, costs, capacity and when it was last checked. Unknown or hidden ids are 404.
import HTTP
import LotseCore

/// The public service page.
enum ServicePage {
    /// Renders the service, or throws `notFound` when the public may not see it.
    static func handle(_ request: Request, _ context: AppContext) throws -> Response {
        let id = request.pathParameters["id"] ?? ""
        let (node, today) = try context.read(.public) { reader in (try reader.service(id), reader.today) }
        guard let node else { throw LotseError(.notFound, "Dieses Angebot gibt es nicht (mehr) im öffentlichen Verzeichnis.") }
        let page = ServiceView.context(node, today: today)
        return try context.site.page("service", title: node.record.text("name") ?? "Angebot", context: page, request: request)
    }
}

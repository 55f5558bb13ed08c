// HelpPage: `GET /hilfe` — for signed-in people, the pages and actions their role can use,
// generated from the route table's German summaries, so the help cannot drift from the site.
import HTTP
import LotseCore
import Templating

/// The help page.
enum HelpPage {
    /// `GET /hilfe`: the routes open to the viewer's role, pages (GET) apart from actions (POST);
    /// pages without path parameters are links.
    static func show(_ request: PageRequest) throws -> Response {
        let role = try request.account.role
        let open = Routes.table.filter { $0.access != .public && $0.access.allows(role) }
        func entry(_ route: (method: String, pattern: String, name: String, access: Access, summary: String, handler: PageHandler)) -> TemplateValue {
            let linkable = route.method == "GET" && !route.pattern.contains(":") && !route.pattern.contains("*")
            return .object(["summary": .string(route.summary), "pattern": .string(route.pattern),
                            "url": linkable ? .string(route.pattern) : .null])
        }
        let values: [String: TemplateValue] = [
            "role": .string(role.label),
            "pages": .array(open.filter { $0.method == "GET" }.map(entry)),
            "actions": .array(open.filter { $0.method != "GET" }.map(entry)),
        ]
        return try request.page("hilfe", title: "Hilfe", context: values)
    }
}

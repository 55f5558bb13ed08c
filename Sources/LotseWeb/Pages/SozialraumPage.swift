// SozialraumPage: placeholder until the page lands.
import HTTP
import LotseCore

/// The SozialraumPage.
enum SozialraumPage {
    /// Handles the request.
    static func handle(_ request: Request, _ context: AppContext) throws -> Response {
        try context.site.page("error", title: "In Arbeit", context: ["heading": "In Arbeit", "message": "Diese Seite entsteht gerade."], request: request)
    }
}

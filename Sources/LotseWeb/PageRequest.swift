// PageRequest: the one per-request value every page and API handler receives. The access layer
// (AccessControl) fills it once: who is asking, the route's path parameters, the decoded form,
// whether the JSON twin was asked for, and the application context. No handler looks the
// session up again, and no internal state travels in request headers.
import Foundation
import HTTP
import LotseCore
import Templating

/// A routed request as a handler sees it.
public struct PageRequest: Sendable {
    /// The parsed HTTP request (path without a `.json` twin suffix; `X-Lotse-*` headers removed).
    public let http: Request
    /// Store, search, templates, settings and clock.
    public let context: AppContext
    /// Who is asking (anonymous visitors have no account but a CSRF token).
    public let viewer: Viewer
    /// The route that matched; nil for error pages of unrouted paths.
    public let route: RouteInfo?
    /// True when the client asked for the page's JSON twin (`/path.json`).
    public let wantsJSON: Bool
    /// The real client address: the socket's peer, or behind a trusted proxy the address it
    /// forwarded (`AccessControl.clientAddress`). Throttling and rate limits key on it.
    public let clientAddress: String
    /// The decoded body of a form submission (nil for requests without one), or the reason it
    /// could not be decoded.
    let decodedForm: Result<FormData, HTTPError>?

    /// Creates the context of one request (done by the access layer, and by tests); the client
    /// address defaults to the peer.
    init(http: Request, context: AppContext, viewer: Viewer, route: RouteInfo?, wantsJSON: Bool, clientAddress: String? = nil) {
        self.http = http
        self.context = context
        self.viewer = viewer
        self.route = route
        self.wantsJSON = wantsJSON
        self.clientAddress = clientAddress ?? http.remoteAddress
        if AccessControl.unsafeMethods.contains(http.method) || !http.body.isEmpty {
            do throws(HTTPError) { decodedForm = .success(try http.form) } catch { decodedForm = .failure(error) }
        } else {
            decodedForm = nil
        }
    }

    // MARK: Who is asking

    /// The signed-in account. The route table lets only signed-in roles through to non-public
    /// routes, so this throws (403) only on public routes without a login.
    public var account: Account {
        get throws {
            guard let account = viewer.account else { throw LotseError(.forbidden, "Bitte zuerst anmelden.") }
            return account
        }
    }

    /// How the viewer sees the directory.
    public var audience: Audience { viewer.audience }

    // MARK: Path parameters

    /// The route's `:id`.
    public var id: String { parameter("id") }
    /// The route's `:token` (links from e-mails).
    public var token: String { parameter("token") }
    /// The route's `:code` (Sozialraum codes).
    public var code: String { parameter("code") }
    /// The route's `:format` (downloads).
    public var format: String { parameter("format") }

    /// The path parameter `name` of the route's pattern ("" when the pattern has none; a
    /// programming error in debug builds).
    public func parameter(_ name: String) -> String {
        assert(http.routePattern.map { $0.contains(":" + name) || $0.contains("*" + name) } ?? true,
               "route \(http.routePattern ?? "") has no parameter \(name)")
        return http.pathParameters[name] ?? ""
    }

    // MARK: Form and query

    /// The submitted form (400 with a German message when it is malformed).
    public var input: FormInput {
        get throws {
            switch decodedForm {
            case .success(let form): return FormInput(form: form)
            case .failure(let error): throw LotseError(.invalidInput, "Das Formular konnte nicht gelesen werden (\(error.publicText)).")
            case nil: return FormInput(form: FormData())
            }
        }
    }

    /// The first query value called `name`, or nil.
    public func queryValue(_ name: String) -> String? { http.queryValue(name) }
    /// Every query value called `name`, in order.
    public func queryValues(_ name: String) -> [String] { http.queryValues(name) }
    /// Decoded query pairs in order.
    public var query: [(name: String, value: String)] { http.query }
    /// The decoded path (without the twin suffix).
    public var path: String { http.path }
    /// The path and query as requested, for links back to this page.
    public var target: String { http.target.isEmpty ? http.path : http.target }
    /// The method.
    public var method: String { http.method }
    /// The request's cookies.
    public var cookies: [String: String] { http.cookies }
    /// The request's id (logs and 500 pages).
    public var requestID: String { http.requestID }
    /// The notice code of a redirect after a form (`?hinweis=…`), decoded in one place.
    public var notice: String? { queryValue(URLs.noticeParameter) }

    // MARK: Rendering

    /// Renders `template` in the layout (or as the JSON twin) for this request.
    public func page(_ template: String, title: String, context values: [String: TemplateValue], status: Int = 200) throws -> Response {
        try context.site.page(template, title: title, context: values, request: self, status: status)
    }
}

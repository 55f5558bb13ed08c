// WebApp: the running site — store, search, templates and the route table — as one request
// handler for the HTTP server, `lotse http` and in-process tests.
import Foundation
import HTTP
import LotseCore
import Templating

/// Settings of the web application.
public struct WebConfiguration: Sendable {
    /// The URL users reach the site at (links in e-mails; `Secure` cookies when https).
    public var publicURL: String
    /// Templates/: layout.html, pages, partials, mail templates and static/ (built in, or a folder).
    public var templates: FileTree
    /// Environment for mail settings (LOTSE_MAIL_FROM, LOTSE_SENDMAIL).
    public var environment: [String: String]
    /// The reverse proxies whose X-Forwarded-For is believed (LOTSE_TRUSTED_PROXIES; none by default).
    public var trustedProxies: TrustedProxies

    /// Creates a configuration; trusted proxies come from LOTSE_TRUSTED_PROXIES in `environment`
    /// (malformed entries are ignored with a warning on stderr).
    public init(publicURL: String = "http://127.0.0.1:8080", templates: FileTree,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.publicURL = publicURL
        self.templates = templates
        self.environment = environment
        trustedProxies = TrustedProxies(environment["LOTSE_TRUSTED_PROXIES"] ?? "")
        if !trustedProxies.ignoredEntries.isEmpty {
            FileHandle.standardError.write(Data("LOTSE_TRUSTED_PROXIES: ignoriert (keine IP-Adresse oder CIDR-Bereich): \(trustedProxies.ignoredEntries.joined(separator: ", "))\n".utf8))
        }
    }

    /// A configuration whose templates are the folder `templatesDirectory` (tests, a checkout).
    public init(publicURL: String = "http://127.0.0.1:8080", templatesDirectory: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(publicURL: publicURL, templates: FileTree(folder: templatesDirectory), environment: environment)
    }
}

/// What every handler gets besides the request.
public struct AppContext: Sendable {
    /// The database.
    public let store: Store
    /// The search index holder.
    public let search: SearchService
    /// Page rendering.
    public let site: Site
    /// Settings.
    public let configuration: WebConfiguration
    /// The clock (tests fix it).
    public let now: @Sendable () -> Date
    /// Encoded JSON of directory objects, cleared on every commit.
    public let cache: JSONCache
    /// Result lines of the results page, cleared on every commit.
    public let resultLines: ResultLineCache
    /// Account e-mails (login links, invitations, password resets).
    public let mailer: AccountMailer
    /// The outbox sender of those e-mails (`lotse serve` starts its background thread).
    public let mailQueue: MailQueue
    /// Request metrics, the scheduler and the /metrics allow-list, for /healthz and /metrics.
    public let monitor: Monitor

    /// Runs `body` with a directory reader for `audience` in one read transaction.
    public func read<T>(_ audience: Audience = .public, _ body: (DirectoryReader) throws -> T) throws -> T {
        try store.pool.read { try body(DirectoryReader(db: $0, audience: audience, now: now())) }
    }
}

/// The web application.
public final class WebApp: Sendable {
    /// Shared state of the handlers.
    public let context: AppContext
    /// The route table.
    public let router: Router<RouteInfo>

    /// Loads templates and static files and builds the route table.
    /// `monitor` defaults to fresh metrics with LOTSE_METRICS_FROM from the configuration's
    /// environment. `templateLibrary`, the configuration's templates already parsed (`lotse
    /// serve` parses them while the store opens), saves parsing them here.
    public init(store: Store, configuration: WebConfiguration, search: SearchService? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, monitor: Monitor? = nil,
                templateLibrary: TemplateLibrary? = nil) throws {
        let templates = try templateLibrary ?? configuration.templates.templateLibrary()
        let staticFiles = StaticFiles(files: configuration.templates.subtree("static"))
        let network = try store.networkIdentity()
        let (name, sample) = (network.name, network.isSampleData)
        let site = Site(templates: templates, staticFiles: staticFiles, networkName: name, isSampleData: sample)
        let cache = JSONCache()
        let resultLines = ResultLineCache()
        store.pool.onCommit {
            cache.clear()
            resultLines.clear()
        }
        let mail = MailSettings.fromEnvironment(configuration.environment, networkName: name, publicURL: configuration.publicURL,
                                                templates: templates, links: URLs.mailLinks)
            .applying(try SettingsEditor(store: store).values())  // the sender chosen in the settings
        let mailer = AccountMailer(settings: mail, networkName: name)
        context = AppContext(store: store, search: search ?? SearchService(store: store, now: now), site: site,
                             configuration: configuration, now: now, cache: cache, resultLines: resultLines,
                             mailer: mailer, mailQueue: MailQueue(store: store, mailer: mailer, now: now),
                             monitor: monitor ?? Monitor.fromEnvironment(configuration.environment))
        router = Routes.make()
    }

    /// The handler for the server: removes every `X-Lotse-*` header a client sent, strips a
    /// `.json` suffix into the twin flag, decides who is asking, routes through the access
    /// layer, and turns user errors into German error pages (JSON for the API and twins).
    public var handler: Handler {
        let router = self.router
        let context = self.context
        return { incoming in
            var request = incoming
            for (name, _) in request.headers.fields where isInternal(name) { request.headers.remove(name) }
            var wantsJSON = false
            if let last = request.pathSegments.last, last.hasSuffix(".json"), last.count > 5 {
                let stripped = String(last.dropLast(5))
                wantsJSON = true
                if stripped == "index" && request.pathSegments.count == 1 {
                    request.pathSegments = []
                    request.path = "/"
                } else {
                    request.pathSegments[request.pathSegments.count - 1] = stripped
                    request.path = String(request.path.dropLast(5))
                }
            }
            let client = AccessControl.clientAddress(request, context)
            let viewer: Viewer
            do {
                viewer = try AccessControl.viewer(request, context)
            } catch let error where StorageTrouble(error) != nil {
                let anonymous = Viewer(account: nil, session: nil, csrfToken: "")
                let page = PageRequest(http: request, context: context, viewer: anonymous, route: nil, wantsJSON: wantsJSON, clientAddress: client)
                var response = storageFailure(StorageTrouble(error)!, request: page)
                AccessControl.finish(&response, viewer: anonymous, context: context)
                return response
            }
            var routedRequest = request
            var routeInfo: RouteInfo?
            var response: Response
            do {
                response = try router.respond(to: request) { routed, route in
                    routedRequest = routed
                    routeInfo = route.metadata
                    let page = PageRequest(http: routed, context: context, viewer: viewer, route: route.metadata, wantsJSON: wantsJSON,
                                           clientAddress: client)
                    return try AccessControl.serve(page, handler: route.metadata.handler)
                }
            } catch let error as LotseError {
                let page = PageRequest(http: routedRequest, context: context, viewer: viewer, route: routeInfo, wantsJSON: wantsJSON, clientAddress: client)
                response = context.site.error(status: error.httpStatus, message: error.message, request: page)
            } catch let error as HTTPError where [404, 405].contains(error.status) && request.method != "HEAD" {
                let page = PageRequest(http: routedRequest, context: context, viewer: viewer, route: routeInfo, wantsJSON: wantsJSON, clientAddress: client)
                response = context.site.error(status: error.status,
                                              message: error.status == 404 ? "Diese Seite gibt es nicht (mehr)." : "Diese Methode ist hier nicht erlaubt.",
                                              request: page)
                for (name, value) in error.headers { response.headers[name] = value }
            } catch let error where StorageTrouble(error) != nil {
                let page = PageRequest(http: routedRequest, context: context, viewer: viewer, route: routeInfo, wantsJSON: wantsJSON, clientAddress: client)
                response = storageFailure(StorageTrouble(error)!, request: page)
            }
            if response.routePattern == nil { response.routePattern = routedRequest.routePattern }  // error pages count under their route
            AccessControl.finish(&response, viewer: viewer, context: context)
            return response
        }
    }
}

/// The answer when the database could not take a write (busy past the timeout, disk full,
/// file replaced): 503 with `Retry-After` and a German page, never a 500. Logged on stderr,
/// since an operator has to act on a full disk or a replaced file.
private func storageFailure(_ trouble: StorageTrouble, request: PageRequest) -> Response {
    if trouble.kind != .busy {
        FileHandle.standardError.write(Data("Lotse: \(request.http.method) \(request.path) abgelehnt: \(trouble.message)\n".utf8))
    }
    var response = request.context.site.error(status: 503, message: trouble.message, request: request)
    response.headers["Retry-After"] = String(trouble.retryAfterSeconds)
    response.headers["Cache-Control"] = "no-store"
    return response
}

/// True for a header name in Lotse's own namespace (`X-Lotse-…`, any case), which clients may
/// not send: no internal state travels in headers, and none is taken from them.
private func isInternal(_ headerName: String) -> Bool {
    let prefix = "x-lotse-".utf8
    let name = headerName.utf8
    guard name.count >= prefix.count else { return false }
    return zip(name, prefix).allSatisfy { byte, expected in byte | 0x20 == expected }  // ASCII case folding; names are tokens
}

extension LotseError {
    /// The HTTP status of this kind of error.
    public var httpStatus: Int {
        switch kind {
        case .invalidInput, .unusableData: 400
        case .notFound: 404
        case .forbidden: 403
        case .conflict: 409
        }
    }
}

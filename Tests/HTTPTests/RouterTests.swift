// RouterTests: pattern matching, specificity, HEAD via GET, 404/405 with Allow, OPTIONS, the
// public route table and metadata handed to middleware, all in process without sockets.
import Testing
@testable import HTTP

@Suite struct RouterTests {
    private func makeRouter() -> Router<[String: String]> {
        var router = Router<[String: String]>()
        router.add("GET", "/dienste", metadata: ["access": "public"]) { _ in .text("list") }
        router.add("GET", "/dienste/neu", metadata: ["access": "editor"]) { _ in .text("new") }
        router.add("GET", "/dienste/:id", metadata: ["access": "public"]) { request in
            .text("show \(request.pathParameters["id"] ?? "?") \(request.routePattern ?? "")")
        }
        router.add("POST", "/dienste/:id", metadata: ["access": "editor"]) { _ in .text("update") }
        router.add("GET", "/dateien/*pfad", metadata: [:]) { request in .text("file \(request.pathParameters["pfad"] ?? "?")") }
        return router
    }

    private func body(_ router: Router<[String: String]>, _ method: String, _ target: String) throws -> String {
        let response = try router.respond(to: Request(method: method, target: target))
        return String(decoding: response.bodyBytes ?? [], as: UTF8.self)
    }

    private func thrownStatus(_ router: Router<[String: String]>, _ method: String, _ target: String) -> HTTPError? {
        do {
            _ = try router.respond(to: Request(method: method, target: target))
            return nil
        } catch {
            return error as? HTTPError
        }
    }

    @Test func matchesLiteralsParametersAndWildcards() throws {
        let router = makeRouter()
        #expect(try body(router, "GET", "/dienste") == "list")
        #expect(try body(router, "GET", "/dienste/42") == "show 42 /dienste/:id")
        #expect(try body(router, "GET", "/dienste/st%C3%A4dte") == "show städte /dienste/:id")
        #expect(try body(router, "GET", "/dateien/a/b/c.pdf") == "file a/b/c.pdf")
        #expect(try body(router, "GET", "/dateien") == "file ")
    }

    @Test func literalBeatsParameterRegardlessOfOrder() throws {
        #expect(try body(makeRouter(), "GET", "/dienste/neu") == "new")
        var reversed = Router<Void>()
        reversed.add("GET", "/a/:x") { _ in .text("param") }
        reversed.add("GET", "/a/b") { _ in .text("literal") }
        let response = try reversed.respond(to: Request(target: "/a/b"))
        #expect(response.bodyBytes == Array("literal".utf8))
    }

    @Test func headIsAnsweredByGet() throws {
        #expect(try body(makeRouter(), "HEAD", "/dienste/1") == "show 1 /dienste/:id")
    }

    @Test func unknownPathIs404() {
        #expect(thrownStatus(makeRouter(), "GET", "/nirgends")?.status == 404)
        #expect(thrownStatus(makeRouter(), "GET", "/dienste/1/2")?.status == 404)
    }

    @Test func wrongMethodIs405WithAllow() {
        let error = thrownStatus(makeRouter(), "DELETE", "/dienste/1")
        #expect(error?.status == 405)
        #expect(error?.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
        #expect(thrownStatus(makeRouter(), "POST", "/dienste")?.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func optionsListsAllowedMethods() throws {
        let response = try makeRouter().respond(to: Request(method: "OPTIONS", target: "/dienste/1"))
        #expect(response.status == 204)
        #expect(response.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
    }

    @Test func routeTableIsPublicWithMetadata() {
        let routes = makeRouter().routes
        #expect(routes.map { "\($0.method) \($0.pattern)" } == [
            "GET /dienste", "GET /dienste/neu", "GET /dienste/:id", "POST /dienste/:id", "GET /dateien/*pfad",
        ])
        #expect(routes.filter { $0.metadata["access"] == "editor" }.count == 2)
    }

    @Test func middlewareSeesMetadataAndCanRefuse() throws {
        var router = makeRouter()
        router.middleware = { request, route, next in
            guard route.metadata["access"] != "editor" || request.headers["X-Role"] == "editor" else {
                throw HTTPError.forbidden
            }
            return try next(request)
        }
        #expect(thrownStatus(router, "GET", "/dienste/neu")?.status == 403)
        #expect(try body(router, "GET", "/dienste/7") == "show 7 /dienste/:id")
        let allowed = try router.respond(to: Request(target: "/dienste/neu", headers: ["X-Role": "editor"]))
        #expect(allowed.bodyBytes == Array("new".utf8))
    }

    @Test func routerIsAHandler() throws {
        let handler: Handler = makeRouter().handler
        #expect(try handler(Request(target: "/dienste")).bodyBytes == Array("list".utf8))
    }
}

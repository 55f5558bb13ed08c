// RequestTests: target decoding and normalisation, query access, keep-alive rules, cookies and
// content negotiation on a Request built in process.
import Testing
@testable import HTTP

@Suite struct RequestTests {
    @Test(arguments: [
        ("/", "/", [String]()),
        ("/a//b/./c/", "/a/b/c/", ["a", "b", "c"]),
        ("/a/%2e/b", "/a/b", ["a", "b"]),
        ("/st%C3%A4dte/k%C3%B6ln", "/städte/köln", ["städte", "köln"]),
        ("/a%2Fb/c", "/a/b/c", ["a/b", "c"]),
        ("/with+plus", "/with+plus", ["with+plus"]),
    ])
    func normalisesThePath(_ target: String, _ path: String, _ segments: [String]) throws {
        let request = try Request(target: target)
        #expect(request.path == path)
        #expect(request.pathSegments == segments)
        #expect(request.rawPath == target)
    }

    @Test func rejectsUnsafePaths() {
        for target in ["/../x", "/a/%2E%2E", "/a%00", "x", "/a%g0", "/%C3"] {
            #expect(throws: HTTPError.self, "\(target)") { try Request(target: target) }
        }
        #expect((try? Request(target: "/../x")) == nil)
    }

    @Test func decodesTheQuery() throws {
        let request = try Request(target: "/s?q=Hilfe+f%C3%BCr&tag=a&tag=b&leer&=x")
        #expect(request.queryValue("q") == "Hilfe für")
        #expect(request.queryValues("tag") == ["a", "b"])
        #expect(request.queryValue("leer") == "")
        #expect(request.queryValue("missing") == nil)
        #expect(request.query.count == 5)
        #expect(request.rawPath == "/s")
    }

    @Test func keepAliveFollowsVersionAndConnectionHeader() throws {
        #expect(try Request(target: "/").keepAlive)
        #expect(try !Request(target: "/", headers: ["Connection": "close"]).keepAlive)
        #expect(try !Request(target: "/", headers: ["Connection": "Upgrade, Close"]).keepAlive)
        #expect(try !Request(target: "/", version: .http1_0).keepAlive)
        #expect(try Request(target: "/", headers: ["Connection": "Keep-Alive"], version: .http1_0).keepAlive)
    }

    @Test func readsCookies() throws {
        let request = try Request(target: "/", headers: HTTPHeaders([("Cookie", "sid=abc; theme=\"dark\""),
                                                                     ("Cookie", "sid=later; x=1")]))
        #expect(request.cookies == ["sid": "abc", "theme": "dark", "x": "1"])
        #expect(try Request(target: "/").cookies.isEmpty)
    }

    @Test func negotiatesContent() throws {
        let browser = try Request(target: "/", headers: ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"])
        #expect(browser.accepts("text/html"))
        #expect(browser.accepts("application/json"))
        #expect(browser.preferredMediaType(from: ["application/json", "text/html"]) == "text/html")

        let api = try Request(target: "/", headers: ["Accept": "application/json"])
        #expect(api.accepts("application/json"))
        #expect(!api.accepts("text/html"))
        #expect(api.preferredMediaType(from: ["text/html"]) == nil)

        let refusesJSON = try Request(target: "/", headers: ["Accept": "*/*, application/json;q=0"])
        #expect(!refusesJSON.accepts("application/json"))
        #expect(refusesJSON.accepts("text/csv"))

        #expect(try Request(target: "/").accepts("image/png"))
        #expect(try Request(target: "/", headers: ["Accept": "text/*"]).accepts("text/csv"))
    }

    @Test func requestIDsAreUnique() throws {
        let ids = try (0..<1000).map { _ in try Request(target: "/").requestID }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.count <= 12 })
    }
}

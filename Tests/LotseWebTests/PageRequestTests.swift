// PageRequest and the access layer: internal state never comes from a client's headers, the
// viewer and the twin flag are decided once per request, and every response — routed or not —
// carries the security headers.
import Foundation
import HTTP
import LotseCore
import Testing
@testable import LotseWeb

@Suite struct PageRequestTests {
    let site = WebFixture.seeded

    private func send(_ method: String, _ target: String, headers extra: [(String, String)] = [],
                      form: [(String, String)]? = nil) throws -> Response {
        var headers: HTTPHeaders = ["Host": "lotse.example.org"]
        for (name, value) in extra { headers[name] = value }
        var body: [UInt8] = []
        if let form {
            body = Array(URLEncoding.formEncoded(form.map { (name: $0.0, value: $0.1) }).utf8)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Content-Length"] = String(body.count)
        }
        return try site.app.handler(Request(method: method, target: target, headers: headers, body: body))
    }

    @Test func aClientCannotAskForTheTwinThroughAnInternalHeader() throws {
        for spelling in ["X-Lotse-Twin", "x-lotse-twin", "X-LOTSE-TWIN"] {
            let page = try send("GET", "/", headers: [(spelling, "json")])
            #expect(page.status == 200)
            #expect(page.headers["Content-Type"]?.hasPrefix("text/html") == true, "\(spelling)")
        }
        let twin = try send("GET", "/index.json")
        #expect(twin.headers["Content-Type"]?.hasPrefix("application/json") == true)
    }

    @Test func aClientCannotPlantACSRFTokenThroughAnInternalHeader() throws {
        let forged = SecretToken.make()
        let response = try send("POST", "/anmelden", headers: [("X-Lotse-CSRF", forged)],
                                form: [("csrf", forged), ("email", "niemand@example.org"), ("passwort", "falsch-falsch")])
        #expect(response.status == 403)
    }

    @Test func unroutedAnswersCarryTheSecurityHeaders() throws {
        for response in [try send("GET", "/gibt-es-nicht"), try send("DELETE", "/")] {
            #expect([404, 405].contains(response.status))
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["X-Frame-Options"] == "DENY")
            #expect(response.headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test func pathParametersAreTypedByTheRoute() throws {
        let routed = try Request(target: "/angebote/abc")
        var seen: String?
        let matched = try Routes.make().respond(to: routed) { request, route in
            let page = PageRequest(http: request, context: site.app.context, viewer: Viewer(account: nil, session: nil, csrfToken: ""),
                                   route: route.metadata, wantsJSON: false)
            seen = page.id
            return .text("ok")
        }
        #expect(matched.status == 200)
        #expect(seen == "abc")
    }
}

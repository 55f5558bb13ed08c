// ResponseTests: the convenience responses carry the right status, Content-Type with charset
// and body; redirects default to 303.
import Testing
@testable import HTTP

@Suite struct ResponseTests {
    @Test func conveniencesSetContentTypes() {
        let text = Response.text("hallo", status: 201)
        #expect(text.status == 201)
        #expect(text.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(text.bodyBytes == Array("hallo".utf8))
        #expect(Response.html("<p>ä</p>").headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(Response.html("<p>ä</p>").bodyBytes == Array("<p>ä</p>".utf8))
        #expect(Response.json("{}").headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(Response.json(bytes: [0x5B, 0x5D], status: 202).status == 202)
    }

    @Test func redirectDefaultsToSeeOther() {
        let redirect = Response.redirect(to: "/dienste/4")
        #expect(redirect.status == 303)
        #expect(redirect.headers["Location"] == "/dienste/4")
        #expect(Response.redirect(to: "/x", status: 301).status == 301)
    }

    @Test func streamedBodiesHaveNoBytes() {
        let response = Response(body: .stream { writer in try writer.write("x") })
        #expect(response.bodyBytes == nil)
    }

    @Test func httpErrorBecomesAPlainTextResponse() {
        let error = HTTPError(405, "Nicht erlaubt", headers: ["Allow": "GET"])
        let response = error.response
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET")
        #expect(response.bodyBytes == Array("Nicht erlaubt\n".utf8))
        #expect(HTTPError(418).publicText == "Client Error")
        #expect(HTTPError(404).publicText == "Not Found")
    }
}

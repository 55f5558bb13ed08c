// BodyLimitAndHeaderTests: per-route body limits refused early (from Content-Length before the
// body is read, and while a chunked body is read), and the configured default headers on every
// answer the HTTP layer makes itself.
import Foundation
import Glibc
import Testing
@testable import HTTP

@Suite struct BodyLimitAndHeaderTests {
    /// /public/… routes allow 64 KiB, /signed/… 1 MiB, everything else 64 KiB.
    static let bodyLimit: @Sendable (String, [String]) -> Int = { _, segments in
        segments.first == "signed" ? 1024 * 1024 : 64 * 1024
    }

    static var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.bodyLimit = bodyLimit
        return configuration
    }

    private func parse(_ text: String) -> [String] {
        var parser = RequestParser(limits: Limits(), bodyLimit: Self.bodyLimit)
        parser.append(Array(text.utf8))
        var events: [String] = []
        while let event = parser.next() { events.append(event.summary) }
        return events
    }

    @Test func declaredBodyOverTheRouteLimitIs413FromTheHeadAlone() {
        #expect(parse("POST /public/form HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n") == ["fail 413"])
        #expect(parse("POST /public/form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=b") == ["POST /public/form 3"])
        // The signed-in route takes 100 KiB; its body is read.
        let body = String(repeating: "a", count: 100 * 1024)
        #expect(parse("POST /signed/form HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                == ["POST /signed/form 102400"])
        // The global maxBodySize stays the ceiling whatever the hook says.
        var limits = Limits()
        limits.maxBodySize = 1000
        var parser = RequestParser(limits: limits, bodyLimit: { _, _ in 1 << 40 })
        parser.append(Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n".utf8))
        #expect(parser.next()?.summary == "fail 413")
    }

    @Test func chunkedBodyOverTheRouteLimitIsRefusedWhileRead() {
        let chunk = String(repeating: "a", count: 40 * 1024)
        let head = "POST /public/form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        let size = String(chunk.utf8.count, radix: 16)
        // Two chunks of 40 KiB exceed 64 KiB: refused at the second chunk's size line.
        #expect(parse(head + "\(size)\r\n\(chunk)\r\n\(size)\r\n") == ["fail 413"])
        #expect(parse(head + "\(size)\r\n\(chunk)\r\n0\r\n\r\n") == ["POST /public/form 40960"])
    }

    @Test func serverRefusesAnOversizedPublicFormBeforeTheBodyIsSent() throws {
        let reached = LogCollector()
        try withServer(configuration: Self.configuration, handler: { request in
            reached.logger.log("handler \(request.body.count)")
            return .text("ok")
        }) { _, port in
            // Only the head: the 413 arrives without the server waiting for the body.
            let client = try TestClient(port: port)
            client.send("POST /public/form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n")
            let refused = client.readResponse(timeout: 2)
            #expect(refused?.status == 413)
            #expect(refused?.header("Connection") == "close")
            #expect(refused?.header("X-Content-Type-Options") == "nosniff")

            // A chunked body over the limit is refused while it arrives.
            let chunked = try TestClient(port: port)
            chunked.send("POST /public/form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 16 * 1024)
            for _ in 0..<5 { chunked.send(Array("4000\r\n".utf8) + piece + [13, 10]) }
            #expect(chunked.readResponse(timeout: 2)?.status == 413)

            // 100 KiB to a signed-in form route passes the body stage.
            let signed = try TestClient(port: port)
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 100 * 1024)
            signed.send(Array("POST /signed/form HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            #expect(signed.readResponse(timeout: 3)?.text == "ok")
            #expect(reached.all == ["handler 102400"])
        }
    }

    @Test func answersOfTheHTTPLayerCarryTheDefaultHeaders() throws {
        var limits = testLimits()
        limits.headerTimeout = .milliseconds(200)
        try withServer(limits: limits, handler: { request in
            if request.path == "/fail" { throw CocoaError(.fileNoSuchFile) }
            if request.path == "/teapot" { throw HTTPError(418, "Teekanne") }
            return .text("ok")
        }) { _, port in
            func expectSecurityHeaders(_ response: RawResponse?, _ status: Int) {
                #expect(response?.status == status)
                #expect(response?.header("X-Content-Type-Options") == "nosniff")
                #expect(response?.header("X-Frame-Options") == "DENY")
                #expect(response?.header("Referrer-Policy") == "same-origin")
                #expect(response?.header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'")
            }
            let cases: [(String, Int)] = [
                ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
                ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                ("BREW / HTTP/1.1\r\nHost: x\r\n\r\n", 501),
                ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413),
                ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "b", count: 17_000) + "\r\n\r\n", 431),
                ("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n", 500),
                ("GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n", 418),
            ]
            for (request, status) in cases {
                let client = try TestClient(port: port)
                client.send(request)
                expectSecurityHeaders(client.readResponse(timeout: 3), status)
            }
            let slow = try TestClient(port: port)
            slow.send("GET / HTTP/1.1\r\n")
            expectSecurityHeaders(slow.readResponse(timeout: 3), 408)
            // A normal answer of the application is left as the handler made it.
            let plain = try TestClient(port: port)
            plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(plain.readResponse()?.header("X-Frame-Options") == nil)
        }
        // One-shot mode (`lotse http`) answers the same way.
        let raw = OneShot.respond(toRawRequest: Array("GET / HTTP/1.1\r\n\r\n".utf8), handler: { _ in .text("ok") })
        let response = decodeResponses(raw).first
        #expect(response?.status == 400)
        #expect(response?.header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'")
        let limited = OneShot.respond(toRawRequest: Array("POST /public/x HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n".utf8),
                                      handler: { _ in .text("ok") }, configuration: Self.configuration)
        #expect(decodeResponses(limited).first?.status == 413)
    }
}

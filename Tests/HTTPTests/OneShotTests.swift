// OneShotTests: whole exchanges through `OneShot.respond(toRawRequest:)`: response framing
// (Date, Server, Content-Length, HEAD, chunked streams), error responses for every limit with a
// text and `Connection: close`, pipelined answers in order, and the 500 page.
import Glibc
import Testing
@testable import HTTP

@Suite struct OneShotTests {
    private static let handler: Handler = { request in
        switch request.path {
        case "/boom": throw SecretError()
        case "/missing": throw HTTPError(404, "Nicht gefunden", cause: SecretError())
        case "/stream":
            return Response(body: .stream { writer in
                try writer.write("hello ")
                try writer.write(Array("world".utf8))
            })
        case "/empty": return Response(status: 204)
        case "/inject": return .redirect(to: "/x\r\nSet-Cookie: evil=1")
        default: return .text("path \(request.path) body \(request.body.count)")
        }
    }

    struct SecretError: Error, CustomStringConvertible {
        var description: String { "database password is hunter2" }
    }

    private func exchange(_ raw: String, limits: Limits = Limits(), logs: LogCollector = LogCollector(),
                          headRequests: Set<Int> = []) -> [RawResponse] {
        decodeResponses(OneShot.respond(toRawRequest: Array(raw.utf8), handler: Self.handler, limits: limits,
                                        remoteAddress: "192.0.2.1", logger: logs.logger),
                        headRequests: headRequests)
    }

    @Test func answersWithDateServerAndContentLength() throws {
        let response = try #require(exchange("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").first)
        #expect(response.status == 200)
        #expect(response.text == "path /a body 0")
        #expect(response.header("Content-Length") == "14")
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.header("Server") == "Lotse")
        #expect(response.header("Date").flatMap(HTTPDate.parse) != nil)
        #expect(response.header("Connection") == nil)
    }

    @Test func headSendsTheGetLengthWithoutBody() {
        let bytes = OneShot.respond(toRawRequest: Array("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n".utf8), handler: Self.handler)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Content-Length: 14\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func pipelinedRequestsAreAnsweredInOrderUntilClose() {
        let raw = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            + "GET /4 HTTP/1.1\r\nHost: x\r\n\r\n"
        let responses = exchange(raw)
        #expect(responses.map(\.text) == ["path /1 body 0", "path /2 body 3", "path /3 body 0"])
        #expect(responses.last?.header("Connection") == "close")
    }

    @Test func http10KeepAliveOnlyWhenAsked() {
        let kept = exchange("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\nGET /3 HTTP/1.0\r\n\r\n")
        #expect(kept.map(\.text) == ["path /1 body 0", "path /2 body 0"])
        #expect(kept.first?.header("Connection") == "keep-alive")
        #expect(kept.last?.header("Connection") == "close")
    }

    static let limitCases: [(raw: String, status: Int, text: String)] = [
        ("GET / HTTP/1.1\nHost: x\r\n\r\n", 400, "bare LF"),
        ("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: x\r\n\r\n", 414, "URI Too Long"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "a", count: 300))\r\n\r\n", 431, "Header Fields Too Large"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", 413, "Content Too Large"),
        ("BREW / HTTP/1.1\r\nHost: x\r\n\r\n", 501, "Not Implemented"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "chunked"),
        ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505, "Version Not Supported"),
        ("GET / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", 417, "Expectation Failed"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Le", 400, "incomplete request"),
    ]

    @Test(arguments: limitCases)
    func limitBreachesGetStatusTextAndClose(_ testCase: (raw: String, status: Int, text: String)) throws {
        var limits = Limits()
        limits.maxRequestLineLength = 100
        limits.maxHeaderBytes = 200
        limits.maxBodySize = 100
        let incomplete = testCase.text == "incomplete request"
        let responses = exchange(testCase.raw + (incomplete ? "" : "GET /after HTTP/1.1\r\nHost: x\r\n\r\n"), limits: limits)
        #expect(responses.count == 1)
        let response = try #require(responses.first)
        #expect(response.status == testCase.status)
        #expect(response.text.contains(testCase.text))
        #expect(response.header("Connection") == "close")
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    }

    @Test func internalErrorsShowOnlyTheRequestID() throws {
        let logs = LogCollector()
        let response = try #require(exchange("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n", logs: logs).first)
        #expect(response.status == 500)
        #expect(response.text.hasPrefix("Interner Fehler (Anfrage-ID "))
        #expect(!response.text.contains("hunter2"))
        #expect(response.header("Connection") == "close")
        let requestID = String(response.text.dropFirst("Interner Fehler (Anfrage-ID ".count).prefix { $0 != ")" })
        #expect(logs.all.contains { $0.hasPrefix("\(requestID) error GET /boom") && $0.contains("hunter2") })
        #expect(logs.all.contains { $0.hasPrefix("\(requestID) 192.0.2.1 GET /boom 500 ") })
    }

    @Test func httpErrorsSendTheirTextAndLogTheCause() throws {
        let logs = LogCollector()
        let response = try #require(exchange("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", logs: logs).first)
        #expect(response.status == 404)
        #expect(response.text == "Nicht gefunden\n")
        #expect(logs.all.contains { $0.contains("404 GET /missing") && $0.contains("hunter2") })
    }

    @Test func streamsAreChunkedForHTTP11AndRawForHTTP10() throws {
        let chunked = try #require(exchange("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").first)
        #expect(chunked.header("Transfer-Encoding") == "chunked")
        #expect(chunked.text == "hello world")
        let raw = try #require(exchange("GET /stream HTTP/1.0\r\n\r\n").first)
        #expect(raw.header("Transfer-Encoding") == nil)
        #expect(raw.header("Connection") == "close")
        #expect(raw.text == "hello world")
    }

    @Test func noContentHasNoLength() throws {
        let response = try #require(exchange("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n").first)
        #expect(response.status == 204)
        #expect(response.header("Content-Length") == nil)
    }

    @Test func headerValuesCannotSplitTheResponse() throws {
        let response = try #require(exchange("GET /inject HTTP/1.1\r\nHost: x\r\n\r\n").first)
        #expect(response.status == 303)
        #expect(response.header("Set-Cookie") == nil)
        #expect(response.header("Location") == "/x  Set-Cookie: evil=1")
    }

    @Test func accessLogLineHasTheDocumentedFormat() throws {
        let logs = LogCollector()
        _ = exchange("GET /a/b?q=geheim HTTP/1.1\r\nHost: x\r\n\r\n", logs: logs)
        let line = try #require(logs.all.last)
        let fields = line.split(separator: " ")
        #expect(fields.count == 7)
        #expect(fields[1] == "192.0.2.1")
        #expect(fields[2] == "GET")
        #expect(fields[3] == "/a/b")  // no query string: it may hold personal search terms
        #expect(fields[4] == "200")
        #expect(fields[5] == "16")  // "path /a/b body 0"
        #expect(Double(fields[6]) != nil)
        #expect(!line.contains("geheim"))
    }

    @Test func servesRequestsFromADescriptor() throws {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        let raw = Array("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        _ = raw.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
        close(input[1])
        OneShot.serve(input: input[0], output: output[1], handler: Self.handler, logger: .discard)
        close(input[0])
        close(output[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        close(output[0])
        #expect(decodeResponses(bytes).map(\.text) == ["path /1 body 0", "path /2 body 0"])
    }
}

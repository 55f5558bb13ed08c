// RequestParserTests: the incremental parser from raw request text: valid requests, every
// hostile case with its exact status, pipelining split at every byte, chunked bodies, limits.
import Testing
@testable import HTTP

@Suite struct RequestParserTests {
    @Test func parsesASimpleGet() throws {
        let request = try #require(parseRequest("GET /dienste/4?q=a+b&x=%C3%A4 HTTP/1.1\r\nHost: a\r\nX-Test: one\r\nx-test: two\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.target == "/dienste/4?q=a+b&x=%C3%A4")
        #expect(request.path == "/dienste/4")
        #expect(request.pathSegments == ["dienste", "4"])
        #expect(request.queryValue("q") == "a b")
        #expect(request.queryValue("x") == "ä")
        #expect(request.version == .http1_1)
        #expect(request.headers["X-TEST"] == "one")
        #expect(request.headers.values("x-test") == ["one", "two"])
        #expect(request.body.isEmpty)
        #expect(!request.requestID.isEmpty)
    }

    @Test func parsesAContentLengthBody() throws {
        let request = try #require(parseRequest("POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(request.body == Array("hello".utf8))
    }

    @Test func acceptsHTTP10WithoutHost() throws {
        let request = try #require(parseRequest("GET / HTTP/1.0\r\n\r\n"))
        #expect(request.version == .http1_0)
        #expect(!request.keepAlive)
    }

    @Test func acceptsAbsoluteForm() throws {
        let request = try #require(parseRequest("GET http://example.org:8080/a/b?c=d HTTP/1.1\r\nHost: other\r\n\r\n"))
        #expect(request.path == "/a/b")
        #expect(request.queryValue("c") == "d")
        #expect(request.host == "example.org:8080")  // RFC 9112 §3.2.2: the target's authority wins
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() throws {
        let events = parseEvents("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(events.map(\.summary) == ["GET / 0"])
    }

    static let hostileCases: [(name: String, raw: String, status: Int)] = [
        ("bare LF ends request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
        ("bare LF ends header line", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
        ("bare CR inside header value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", 400),
        ("whitespace before first header", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
        ("space between name and colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        ("tab between name and colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
        ("header without colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400),
        ("empty field name", "GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", 400),
        ("invalid char in field name", "GET / HTTP/1.1\r\nHo(st: a\r\nHost: a\r\n\r\n", 400),
        ("control char in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", 400),
        ("DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}b\r\n\r\n", 400),
        ("Content-Length and Transfer-Encoding",
         "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("duplicate Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
        ("Content-Length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\nx", 400),
        ("non-numeric Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", 400),
        ("negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("signed Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\nx", 400),
        ("overflowing Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("invalid method token", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("unknown method", "BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        ("lower-case method is unknown", "get / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        ("CONNECT not implemented", "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        ("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
        ("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("invalid Host value", "GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400),
        ("gzip transfer coding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("gzip then chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505),
        ("HTTP/0.9 style", "GET / HTTP/0.9\r\n\r\n", 505),
        ("malformed version", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", 400),
        ("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
        ("missing version", "GET /\r\nHost: a\r\n\r\n", 400),
        ("double space in request line", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("space in target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("dot-dot segment", "GET /a/../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("encoded dot-dot segment", "GET /a/%2e%2E/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("NUL in path", "GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("malformed escape in path", "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("invalid UTF-8 in path", "GET /a%ff HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("malformed escape in query", "GET /a?x=%4 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("target not starting with slash", "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("non-http absolute form", "GET ftp://a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("unknown expectation", "POST / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", 417),
        ("invalid chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("chunk data without CRLF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400),
        ("chunk size with bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),
        ("obs-fold in trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n", 400),
    ]

    @Test(arguments: hostileCases)
    func rejectsHostileRequests(_ testCase: (name: String, raw: String, status: Int)) {
        #expect(failureStatus(testCase.raw) == testCase.status, "\(testCase.name)")
    }

    @Test func failureEndsTheStream() {
        let events = parseEvents("GET / HTTP/1.1\r\nHost : a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(events.map(\.summary) == ["fail 400"])
    }

    @Test func failureCarriesAShortReason() {
        guard case .failure(let error)? = parseEvents("GET / HTTP/1.1\r\nX: a\r\n b\r\nHost: a\r\n\r\n").first else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.publicText.contains("obsolete line folding"))
    }

    // MARK: Limits

    @Test func requestLineTooLongIs414EvenBeforeItEnds() {
        var limits = Limits()
        limits.maxRequestLineLength = 64
        #expect(failureStatus("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == 414)
        #expect(failureStatus("GET /\(String(repeating: "a", count: 100))", limits: limits) == 414)
        #expect(failureStatus("GET /\(String(repeating: "a", count: 40)) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == nil)
    }

    @Test func headerSectionTooLargeIs431() {
        var limits = Limits()
        limits.maxHeaderBytes = 100
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 120))\r\n\r\n", limits: limits) == 431)
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 120))", limits: limits) == 431)
        let manySmall = (0..<20).map { "X\($0): y\r\n" }.joined()
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\n\(manySmall)\r\n", limits: limits) == 431)
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n", limits: limits) == nil)
    }

    @Test func tooManyHeadersIs431() {
        var limits = Limits()
        limits.maxHeaderCount = 5
        let fields = (0..<5).map { "X\($0): y\r\n" }.joined()
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n", limits: limits) == 431)
        #expect(failureStatus("GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n\r\n", limits: limits) == nil)
    }

    @Test func bodyTooLargeIs413BeforeTheBodyArrives() {
        var limits = Limits()
        limits.maxBodySize = 10
        #expect(failureStatus("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
        #expect(failureStatus("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits) == nil)
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n"
        #expect(failureStatus(chunked, limits: limits) == 413)
    }

    // MARK: Pipelining

    static let pipeline = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
        + "PUT /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1;ext=1\r\nc\r\n0\r\nT: v\r\n\r\n"
        + "DELETE /d HTTP/1.1\r\nHost: a\r\n\r\n"
    static let pipelineSummary = ["GET /a 0", "POST /b 3", "PUT /c 3", "DELETE /d 0"]

    @Test func pipelinedRequestsComeOutInOrder() {
        #expect(parseEvents(Self.pipeline).map(\.summary) == Self.pipelineSummary)
    }

    @Test func pipelineSplitAtEveryByteBoundaryGivesTheSameRequests() {
        let bytes = Array(Self.pipeline.utf8)
        for split in 0...bytes.count {
            var parser = RequestParser()
            var events: [String] = []
            parser.append(Array(bytes[..<split]))
            while let event = parser.next() { events.append(event.summary) }
            parser.append(Array(bytes[split...]))
            while let event = parser.next() { events.append(event.summary) }
            #expect(events == Self.pipelineSummary, "split at \(split)")
        }
    }

    @Test func pipelineFedOneByteAtATimeGivesTheSameRequests() {
        var parser = RequestParser()
        var events: [String] = []
        for byte in Self.pipeline.utf8 {
            parser.append([byte])
            while let event = parser.next() { events.append(event.summary) }
        }
        #expect(events == Self.pipelineSummary)
        #expect(parser.phase == .idle)
    }

    @Test func chunkedBodyIsDecoded() throws {
        let raw = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n7 ; a=b\r\n, world\r\n0\r\n\r\n"
        let request = try #require(parseRequest(raw))
        #expect(String(decoding: request.body, as: UTF8.self) == "hello, world")
    }

    // MARK: Expect and phases

    @Test func expectContinueIsSignalledBeforeTheBody() {
        var parser = RequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.next()?.summary == "100")
        #expect(parser.next() == nil)
        #expect(parser.phase == .body)
        parser.append(Array("ok".utf8))
        #expect(parser.next()?.summary == "POST / 2")
    }

    @Test func expectContinueIsSkippedWhenTheBodyIsAlreadyThere() {
        let events = parseEvents("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(events.map(\.summary) == ["POST / 2"])
    }

    @Test func expectContinueIsIgnoredForHTTP10() {
        var parser = RequestParser()
        parser.append(Array("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.next() == nil)
    }

    @Test func phasesFollowTheMessage() {
        var parser = RequestParser()
        #expect(parser.phase == .idle)
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\n".utf8))
        #expect(parser.next() == nil)
        #expect(parser.phase == .head)
        parser.append(Array("Content-Length: 4\r\n\r\nab".utf8))
        #expect(parser.next() == nil)
        #expect(parser.phase == .body)
        parser.append(Array("cd".utf8))
        #expect(parser.next()?.summary == "POST / 4")
        #expect(parser.phase == .idle)
    }

    @Test func incompleteRequestAtEndOfInputIs400() {
        var parser = RequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        #expect(parser.next() == nil)
        #expect(parser.finish()?.summary == "fail 400")
        var idle = RequestParser()
        #expect(idle.finish() == nil)
    }
}

extension RequestParser.Event: Equatable {
    public static func == (left: RequestParser.Event, right: RequestParser.Event) -> Bool {
        left.summary == right.summary
    }
}

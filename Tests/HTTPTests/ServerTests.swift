// ServerTests: a live server on port 0 over real sockets: keep-alive, pipelining order, HEAD,
// Expect: 100-continue, 413 before the body, timeouts, connection limit, graceful shutdown,
// the 500 page, the access log, and streamed downloads with backpressure.
import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTP

@Suite struct ServerTests {
    struct SecretError: Error, CustomStringConvertible {
        var description: String { "secret cause 4711" }
    }

    static let handler: Handler = { request in
        switch request.path {
        case "/slow":
            usleep(UInt32(request.queryValue("ms").flatMap(Int.init) ?? 300) * 1000)
            return .text("slow \(request.queryValue("n") ?? "")")
        case "/echo":
            return Response(status: 200, bytes: request.body)
        case "/boom":
            throw SecretError()
        default:
            return .text("fast \(request.queryValue("n") ?? "")")
        }
    }

    @Test func keepsConnectionsAlive() throws {
        try withServer(handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /a?n=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.text == "fast 1")
            client.send("GET /a?n=2 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.text == "fast 2")
            client.send("GET /a?n=3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let last = client.readResponse()
            #expect(last?.text == "fast 3")
            #expect(last?.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test(arguments: [1, 16])
    func answersPipelinedRequestsInOrder(maxPipelined: Int) throws {
        var limits = testLimits()
        limits.maxPipelinedRequests = maxPipelined
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /slow?ms=200&n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /fast?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n3"
                        + "GET /slow?ms=50&n=4 HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /fast?n=5 HTTP/1.1\r\nHost: x\r\n\r\n")
            let bodies = (0..<5).map { _ in client.readResponse()?.text ?? "missing" }
            #expect(bodies == ["slow 1", "fast 2", "3", "slow 4", "fast 5"])
        }
    }

    @Test func headHasLengthButNoBody() throws {
        try withServer(handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("HEAD /a?n=xyz HTTP/1.1\r\nHost: x\r\n\r\nGET /a?n=2 HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = client.readResponse(headRequest: true)
            #expect(head?.status == 200)
            #expect(head?.header("Content-Length") == "8")
            // Had the HEAD response carried a body, this would read it instead.
            #expect(client.readResponse()?.text == "fast 2")
        }
    }

    @Test func sendsContinueBeforeReadingTheBody() throws {
        try withServer(handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(client.readResponse()?.status == 100)
            client.send("hello")
            let response = client.readResponse()
            #expect(response?.status == 200)
            #expect(response?.text == "hello")
        }
    }

    @Test func rejectsAnOversizedBodyBeforeItIsSent() throws {
        var limits = testLimits()
        limits.maxBodySize = 1000
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
            let response = client.readResponse(timeout: 2)
            #expect(response?.status == 413)
            #expect(response?.text.contains("Content Too Large") == true)
            #expect(response?.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func malformedRequestGets400AndClose() throws {
        try withServer(handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n")
            let response = client.readResponse()
            #expect(response?.status == 400)
            #expect(response?.text.contains("RFC 9112 §5.1") == true)
            #expect(response?.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func slowHeaderGets408() throws {
        var limits = testLimits()
        limits.headerTimeout = .milliseconds(300)
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            let started = Date()
            client.send("GET / HTTP/1.1\r\nHo")
            let response = client.readResponse(timeout: 3)
            let elapsed = Date().timeIntervalSince(started)
            #expect(response?.status == 408)
            #expect(response?.text.contains("header") == true)
            #expect(response?.header("Connection") == "close")
            #expect(elapsed >= 0.25 && elapsed < 2)
            #expect(client.isClosedByServer())
        }
    }

    @Test func slowBodyGets408() throws {
        var limits = testLimits()
        limits.bodyTimeout = .milliseconds(300)
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let response = client.readResponse(timeout: 3)
            #expect(response?.status == 408)
            #expect(response?.text.contains("body") == true)
        }
    }

    @Test func idleConnectionIsClosedQuietly() throws {
        var limits = testLimits()
        limits.idleTimeout = .milliseconds(300)
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            #expect(client.staysSilent(for: 0.1))
            // Nothing more arrives: no response, just the end of the stream.
            #expect(client.readResponse(timeout: 2) == nil)
            #expect(client.isClosedByServer(timeout: 0.5))
        }
    }

    @Test func connectionsBeyondTheLimitGet503() throws {
        var limits = testLimits()
        limits.maxConnections = 2
        try withServer(limits: limits, handler: Self.handler) { _, port in
            let first = try TestClient(port: port)
            let second = try TestClient(port: port)
            for client in [first, second] {
                client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(client.readResponse()?.status == 200)
            }
            let third = try TestClient(port: port)
            let refused = third.readResponse(timeout: 2)
            #expect(refused?.status == 503)
            #expect(refused?.text.contains("too many connections") == true)
            #expect(refused?.header("Connection") == "close")
            #expect(third.isClosedByServer())
            // The admitted connections keep working.
            first.send("GET /a?n=again HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(first.readResponse()?.text == "fast again")
        }
    }

    @Test func internalErrorPageCarriesTheRequestIDOnly() throws {
        let logs = LogCollector()
        try withServer(logs: logs, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 500)
            #expect(!response.text.contains("4711"))
            let prefix = "Interner Fehler (Anfrage-ID "
            #expect(response.text.hasPrefix(prefix))
            let requestID = String(response.text.dropFirst(prefix.count).prefix { $0 != ")" })
            #expect(!requestID.isEmpty)
            #expect(logs.waitForLine { $0.hasPrefix("\(requestID) error GET /boom") && $0.contains("secret cause 4711") } != nil)
        }
    }

    @Test func writesOneAccessLineWithoutQuery() throws {
        let logs = LogCollector()
        try withServer(logs: logs, handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /fast/x?n=private+search HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = client.readResponse()
            let line = try #require(logs.waitForLine { $0.contains(" GET /fast/x ") })
            let pattern = #/^[a-z0-9]{4}-[a-z0-9]+ 127\.0\.0\.1 GET /fast/x 200 19 \d+\.\d$/#  // body "fast private search"
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
            #expect(!logs.all.contains { $0.contains("private") })
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequests() throws {
        let logs = LogCollector()
        let server = Server(host: "127.0.0.1", port: 0, limits: testLimits(), logger: logs.logger, handler: Self.handler)
        try server.start()
        let port = server.boundPort
        let client = try TestClient(port: port)
        let idle = try TestClient(port: port)
        client.send("GET /slow?ms=400&n=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /fast?n=2 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(100_000)  // the slow handler is running
        server.shutdown()
        let first = client.readResponse()
        let second = client.readResponse()
        #expect(first?.text == "slow 1")
        #expect(second?.text == "fast 2")
        #expect(second?.header("Connection") == "close")
        #expect(idle.isClosedByServer())
        server.wait()
        #expect(throws: SocketError.self) { try TestClient(port: port) }
    }

    @Test func streamsLargeBodiesChunked() throws {
        let size = 8 * 1024 * 1024
        let handler: Handler = { _ in
            Response(body: .stream { writer in
                var block = [UInt8](repeating: 0, count: 10_000)
                var sent = 0
                while sent < size {
                    let count = min(block.count, size - sent)
                    for index in 0..<count { block[index] = UInt8(truncatingIfNeeded: sent + index) }
                    try writer.write(block[..<count])
                    sent += count
                }
            })
        }
        try withServer(handler: handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse(timeout: 10))
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.body.count == size)
            #expect(response.body.enumerated().allSatisfy { $0.element == UInt8(truncatingIfNeeded: $0.offset) })
            client.send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse(timeout: 10)?.body.count == size)
        }
    }

    @Test func streamingWaitsForASlowReader() throws {
        let progress = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let chunk = [UInt8](repeating: 65, count: 64 * 1024)
        let handler: Handler = { _ in
            Response(body: .stream { writer in
                do {
                    for _ in 0..<(512 * 16) {  // 512 MiB if nobody stopped it
                        try writer.write(chunk)
                        progress.add(chunk.count, ordering: .relaxed)
                    }
                } catch {
                    failed.store(true, ordering: .relaxed)
                    throw error
                }
            })
        }
        var limits = testLimits()
        limits.writeTimeout = .milliseconds(500)
        try withServer(limits: limits, handler: handler) { _, port in
            let client = try TestClient(port: port)
            var size = Int32(64 * 1024)
            setsockopt(client.descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
            usleep(300_000)
            let stalled = progress.load(ordering: .relaxed)
            usleep(200_000)
            // Backpressure: the writer is blocked, not buffering the whole body.
            let later = progress.load(ordering: .relaxed)
            #expect(later == stalled)
            #expect(stalled < 32 * 1024 * 1024)
            // The stalled client is given up after the write timeout.
            let deadline = Date().addingTimeInterval(3)
            while !failed.load(ordering: .relaxed) && Date() < deadline { usleep(20_000) }
            let streamFailed = failed.load(ordering: .relaxed)
            #expect(streamFailed)
        }
    }

    @Test func acceptsChunkedUploads() throws {
        try withServer(handler: Self.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n")
            #expect(client.readResponse()?.text == "Wikipedia")
        }
    }

    @Test func sigtermShutsDownGracefully() throws {
        let server = Server(host: "127.0.0.1", port: 0, limits: testLimits(), logger: .discard, handler: Self.handler)
        try server.start()
        server.installSignalHandlers()
        let done = Atomic<Bool>(false)
        let waiter = Thread {
            server.wait()
            done.store(true, ordering: .relaxed)
        }
        waiter.start()
        // Repeated in case the first signal arrives before the dispatch source is active.
        let deadline = Date().addingTimeInterval(3)
        while !done.load(ordering: .relaxed) && Date() < deadline {
            kill(getpid(), SIGTERM)
            usleep(100_000)
        }
        let finished = done.load(ordering: .relaxed)
        #expect(finished)
    }
}

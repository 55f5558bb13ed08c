// ServerHostileClientTests: clients that request streamed exports and never read must not take
// the site down: a fresh client is answered within 100 ms, the stalled ones are closed after the
// idle-write timeout (freeing their stream threads), and the stream caps answer 429/503 with
// Retry-After at once.
import Foundation
import Glibc
import Testing
@testable import HTTP

@Suite(.serialized) struct ServerHostileClientTests {
    /// Sixty-four clients that request a 50 MB stream and never read.
    @Test func nonReadingClientsNeitherStarveOthersNorHoldThreadsForever() throws {
        var limits = testLimits()  // 4 workers
        limits.writeTimeout = .seconds(2)
        limits.maxStreamsPerAddress = 64  // all clients share 127.0.0.1; let the server-wide cap act
        limits.maxConcurrentStreams = 16
        let probe = StreamProbe()
        try withServer(limits: limits, handler: probe.handler) { _, port in
            let stalled = try (0..<64).map { _ in try TestClient(port: port) }
            for client in stalled {
                client.setReceiveBuffer(64 * 1024)
                client.send("GET /export HTTP/1.1\r\nHost: x\r\n\r\n")
            }
            #expect(waitUntil(timeout: 10) { probe.startedCount >= 16 }, "only \(probe.startedCount) streams started")
            usleep(300_000)  // let the producers fill their budgets and block

            var worst = 0.0
            for path in ["/", "/api/services?search=x", "/", "/api/services?search=y", "/"] {
                let started = Date()
                let fresh = try TestClient(port: port)
                fresh.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = fresh.readResponse(timeout: 3)
                worst = max(worst, Date().timeIntervalSince(started))
                #expect(response?.text == "ok")
            }
            #expect(worst < 0.1, "slowest fresh response took \(Int(worst * 1000)) ms")
            // Memory stays bounded: no more streams than the cap, each produced only its budget
            // plus what the two socket buffers hold; the producers wait.
            #expect(probe.startedCount == 16)
            #expect(probe.finishedCount == 0)
            let perStream = probe.written.load(ordering: .relaxed) / 16
            #expect(perStream < 12 * 1024 * 1024, "a stalled stream produced \(perStream) bytes")

            // After the idle-write timeout every stalled stream is closed and its producer ends.
            #expect(waitUntil(timeout: 8) { probe.failedCount >= 16 }, "only \(probe.failedCount) producers ended")
            #expect(probe.finishedCount == 0)
            // The stream threads are free again: a reading client gets a whole stream.
            let reader = try TestClient(port: port)
            reader.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(reader.readResponse(timeout: 5)?.body.count == 100_000)
        }
    }

    @Test func streamCapsAnswer429And503AtOnceWithRetryAfter() throws {
        var limits = testLimits()
        limits.writeTimeout = .seconds(30)
        limits.maxStreamsPerAddress = 2
        limits.maxConcurrentStreams = 3
        limits.streamRetryAfter = .seconds(7)
        var configuration = ServerConfiguration()
        configuration.clientAddress = { $0.headers["X-Test-Client"] ?? $0.remoteAddress }  // as a proxy hook would
        let probe = StreamProbe()
        try withServer(limits: limits, configuration: configuration, handler: probe.handler) { _, port in
            func stall(_ client: String) throws -> TestClient {
                let connection = try TestClient(port: port)
                connection.setReceiveBuffer(64 * 1024)
                connection.send("GET /export HTTP/1.1\r\nHost: x\r\nX-Test-Client: \(client)\r\n\r\n")
                return connection
            }
            var a1: TestClient? = try stall("a")
            let a2 = try stall("a")
            #expect(waitUntil(timeout: 5) { probe.startedCount == 2 })

            // A third stream for the same address: 429 at once, the producer never runs.
            let a3 = try TestClient(port: port)
            let started = Date()
            a3.send("GET /export HTTP/1.1\r\nHost: x\r\nX-Test-Client: a\r\n\r\n")
            let tooMany = a3.readResponse(timeout: 3)
            #expect(Date().timeIntervalSince(started) < 1)
            #expect(tooMany?.status == 429)
            #expect(tooMany?.header("Retry-After") == "7")
            #expect(tooMany?.text.contains("Zu viele gleichzeitige Downloads") == true)
            #expect(tooMany?.header("X-Content-Type-Options") == "nosniff")
            #expect(tooMany?.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            // The refused client's connection stays usable.
            a3.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(a3.readResponse(timeout: 3)?.text == "ok")

            let b1 = try stall("b")
            #expect(waitUntil(timeout: 5) { probe.startedCount == 3 })
            // Server-wide cap: 503 with Retry-After for another address.
            let c1 = try TestClient(port: port)
            c1.send("GET /export HTTP/1.1\r\nHost: x\r\nX-Test-Client: c\r\n\r\n")
            let busy = c1.readResponse(timeout: 3)
            #expect(busy?.status == 503)
            #expect(busy?.header("Retry-After") == "7")
            #expect(busy?.text.contains("ausgelastet") == true)
            #expect(busy?.header("X-Frame-Options") == "DENY")
            // HEAD produces no body, so it needs no stream slot.
            c1.send("HEAD /export HTTP/1.1\r\nHost: x\r\nX-Test-Client: c\r\n\r\n")
            #expect(c1.readResponse(headRequest: true, timeout: 3)?.status == 200)
            #expect(probe.startedCount == 3)

            // A stalled client that goes away frees its slot at once (its producer's write throws).
            a1 = nil  // closes the socket
            #expect(waitUntil(timeout: 5) { probe.failedCount == 1 })
            let c2 = try TestClient(port: port)
            c2.send("GET /small HTTP/1.1\r\nHost: x\r\nX-Test-Client: c\r\n\r\n")
            #expect(c2.readResponse(timeout: 5)?.body.count == 100_000)
            _ = (a1, a2, b1)
        }
    }

    /// Pipelining and keep-alive around a stream: the responses before it, the stream and the one
    /// after it arrive in order on one connection.
    @Test func pipelinedRequestsAroundAStreamStayInOrder() throws {
        let probe = StreamProbe()
        try withServer(handler: probe.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /small HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.text == "ok")
            let streamed = client.readResponse()
            #expect(streamed?.header("Transfer-Encoding") == "chunked")
            #expect(streamed?.body.count == 100_000)
            #expect(client.readResponse()?.text == "ok")
            // HTTP/1.0: close-delimited stream.
            let old = try TestClient(port: port)
            old.send("GET /small HTTP/1.0\r\n\r\n")
            let closeDelimited = old.readResponse()
            #expect(closeDelimited?.header("Connection") == "close")
            #expect(closeDelimited?.body.count == 100_000)
        }
    }
}

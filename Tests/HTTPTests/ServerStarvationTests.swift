// ServerStarvationTests: with 1,000 idle connections and slowloris clients trickling header
// bytes, a fresh client must still be answered within 100 ms (the event loop never blocks).
import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTP

@Suite(.serialized) struct ServerStarvationTests {
    /// Raises the soft descriptor limit so 1,000 client and 1,000 server sockets fit.
    private func raiseDescriptorLimit(to wanted: rlim_t) throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        try #require(limit.rlim_cur >= 2_200, "descriptor limit \(limit.rlim_cur) too low for this test")
    }

    @Test func freshClientIsServedPromptlyDespiteIdleAndSlowlorisConnections() throws {
        try raiseDescriptorLimit(to: 4_096)
        var limits = testLimits()
        limits.maxConnections = 2_000
        limits.headerTimeout = .seconds(30)
        try withServer(limits: limits, handler: { _ in .text("ok") }) { _, port in
            let idle = try (0..<1_000).map { _ in try TestClient(port: port) }
            let slowloris = try (0..<5).map { _ in try TestClient(port: port) }
            let stop = Atomic<Bool>(false)
            let trickler = Thread {
                for client in slowloris { client.send("GET / HTTP/1.1\r\n") }
                var round = 0
                while !stop.load(ordering: .relaxed) {
                    for client in slowloris { client.send([UInt8(ascii: "X") + UInt8(round % 20)]) }
                    round += 1
                    usleep(5_000)
                }
            }
            trickler.start()
            defer { stop.store(true, ordering: .relaxed) }
            // Make sure the idle connections are accepted: the last one must be usable.
            idle.last?.send("GET /warm HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(idle.last?.readResponse()?.text == "ok")

            var worst = 0.0
            for _ in 0..<5 {
                let started = Date()
                let fresh = try TestClient(port: port)
                fresh.send("GET /fresh HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = fresh.readResponse(timeout: 2)
                worst = max(worst, Date().timeIntervalSince(started))
                #expect(response?.text == "ok")
            }
            #expect(worst < 0.1, "slowest fresh response took \(Int(worst * 1000)) ms")
            // The slowloris clients were not answered: their header is still incomplete.
            #expect(slowloris.allSatisfy { $0.staysSilent(for: 0.01) })
            _ = idle.count
        }
    }
}

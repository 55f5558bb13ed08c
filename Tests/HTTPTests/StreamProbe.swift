// StreamProbe: a streaming handler for the hostile-client tests that counts what its producers
// do — started, ended by a failed write, finished, bytes written — so tests can wait for them.
import Foundation
import Glibc
import Synchronization
@testable import HTTP

/// Streams `size` bytes per request under /export (100 KB under /small) and counts.
final class StreamProbe: Sendable {
    /// Producers that began.
    let started = Atomic<Int>(0)
    /// Producers whose write threw (client gone or idle-write timeout).
    let failed = Atomic<Int>(0)
    /// Producers that wrote everything.
    let finished = Atomic<Int>(0)
    /// Body bytes accepted by all writers.
    let written = Atomic<Int>(0)
    private let size: Int

    /// A probe whose /export streams write `size` bytes.
    init(size: Int = 50_000_000) {
        self.size = size
    }

    /// The handler: /export and /small stream, everything else is "ok".
    var handler: Handler {
        { [self] request in
            guard request.pathSegments.first == "export" || request.pathSegments.first == "small" else {
                return .text("ok")
            }
            let total = request.pathSegments.first == "small" ? 100_000 : size
            return Response(headers: ["Content-Type": "application/x-ndjson"], body: .stream { [self] writer in
                started.add(1, ordering: .relaxed)
                let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
                var sent = 0
                do {
                    while sent < total {
                        let count = min(piece.count, total - sent)
                        try writer.write(piece[..<count])
                        sent += count
                        written.add(count, ordering: .relaxed)
                    }
                } catch {
                    failed.add(1, ordering: .relaxed)
                    throw error
                }
                finished.add(1, ordering: .relaxed)
            })
        }
    }

    /// Producers started so far.
    var startedCount: Int { started.load(ordering: .relaxed) }
    /// Producers whose write threw so far.
    var failedCount: Int { failed.load(ordering: .relaxed) }
    /// Producers that wrote everything so far.
    var finishedCount: Int { finished.load(ordering: .relaxed) }
}

/// Polls `condition` every 10 ms for up to `timeout` seconds; whether it became true.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

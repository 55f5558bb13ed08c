// Logger: where the server writes its access lines and error reports. One line per request:
// `request-id remote method path status bytes duration-ms`. The path is logged without its query
// string, because queries may carry personal search terms.
import Glibc

/// A line-oriented log sink.
public struct Logger: Sendable {
    /// Receives each line without a trailing newline.
    public let sink: @Sendable (String) -> Void

    /// A logger writing to `sink`.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Writes each line to standard error with one `write(2)` (atomic for lines under PIPE_BUF).
    public static let standardError = Logger { line in
        var bytes = Array(line.utf8)
        bytes.append(ASCII.lf)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// Drops every line.
    public static let discard = Logger { _ in }

    /// Writes one line.
    public func log(_ line: String) {
        sink(line)
    }

    /// Writes the access line for one answered request. `path` must be the raw path (printable
    /// ASCII, no query); `bytes` counts body bytes sent; the duration is in milliseconds with one
    /// decimal, e.g. `k3f9-1a 127.0.0.1 GET /dienste/4 200 2048 0.4`.
    func logAccess(requestID: String, remoteAddress: String, method: String, path: String, status: Int,
                   bytes: Int, startedAt: UInt64) {
        let elapsed = SystemClock.monotonicNanoseconds() &- startedAt
        let tenths = Int(elapsed / 100_000)
        sink("\(requestID) \(remoteAddress) \(method) \(path) \(status) \(bytes) \(tenths / 10).\(tenths % 10)")
    }
}

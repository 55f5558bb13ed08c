// Logger: where the server writes its access lines and error reports. One line per request:
// `request-id remote method path status bytes duration-ms`. The path is logged without its query
// string, because queries may carry personal search terms, and every path segment that looks
// like a secret (a link token from an e-mail) is logged as `:token`, the name the route table
// gives it, so that a log file never holds a working link.
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
        sink("\(requestID) \(remoteAddress) \(method) \(Self.withoutTokens(path)) \(status) \(bytes) \(tenths / 10).\(tenths % 10)")
    }

    /// `path` with every segment that could be a secret replaced by `:token`: 40 or more
    /// characters of the URL-safe base64 alphabet and `.`, with upper- and lower-case letters —
    /// the random tokens (43 characters) and signed links of e-mails. Ids (UUIDs have 36
    /// characters) and lower-case slugs stay readable.
    static func withoutTokens(_ path: String) -> String {
        guard path.utf8.count >= 41 else { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            isSecretLike(segment.utf8) ? ":token" : String(segment)
        }.joined(separator: "/")
    }

    private static func isSecretLike(_ segment: Substring.UTF8View) -> Bool {
        guard segment.count >= 40 else { return false }
        var upper = false, lower = false
        for byte in segment {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): break
            default: return false
            }
        }
        return upper && lower
    }
}

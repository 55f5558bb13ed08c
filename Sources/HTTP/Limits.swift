// Limits: every bound the server enforces, in one place (docs/architecture.md, Practice 3).
// Each request limit is answered with its status and a short text, then the connection is
// closed; none is a silent close.
import Glibc

/// Size, time and concurrency limits for parsing requests and serving connections.
public struct Limits: Sendable {
    /// Longest request line without CRLF; longer → 414 (RFC 9112 §3). Default 8 KiB.
    public var maxRequestLineLength = 8 * 1024
    /// Largest header section (all field lines incl. CRLFs, and chunked trailers); larger → 431
    /// (RFC 6585 §5). Default 16 KiB.
    public var maxHeaderBytes = 16 * 1024
    /// Most header field lines; more → 431. Default 100.
    public var maxHeaderCount = 100
    /// Largest request body (declared or chunked); larger → 413 before reading it. Default 10 MiB.
    /// The ceiling for every per-route limit (`ServerConfiguration.bodyLimit`).
    public var maxBodySize = 10 * 1024 * 1024
    /// Body limit of form routes anyone may call (and of unknown routes). Default 64 KiB.
    public var maxPublicFormBodySize = 64 * 1024
    /// Body limit of form routes for signed-in accounts. Default 1 MiB.
    public var maxSignedInFormBodySize = 1024 * 1024
    /// The whole header section must arrive within this time of its first byte (slowloris);
    /// otherwise → 408. Default 10 s.
    public var headerTimeout: Duration = .seconds(10)
    /// The whole body must arrive within this time of the end of the header; otherwise → 408.
    /// Default 60 s.
    public var bodyTimeout: Duration = .seconds(60)
    /// An idle persistent connection (no request bytes) is closed quietly after this time; no
    /// response is due, as there is no request. Also applies to a new connection. Default 30 s.
    public var idleTimeout: Duration = .seconds(30)
    /// A client that reads nothing of a response for this long is disconnected (no response is
    /// possible); a streamed response's producer then stops at its next write (idle-write
    /// timeout). Default 10 s.
    public var writeTimeout: Duration = .seconds(10)
    /// After a response with `Connection: close`, unread input is drained for at most this long
    /// so that the client sees the response instead of a reset (lingering close). Default 2 s.
    public var lingerTimeout: Duration = .seconds(2)
    /// Open connections served at once. One more is accepted, answered 503 and closed.
    /// Default 1,000 (mind the process file-descriptor limit).
    public var maxConnections = 1_000
    /// Parsed requests buffered per connection while earlier ones are answered (pipelining);
    /// reading pauses when this many wait. Default 16.
    public var maxPipelinedRequests = 16
    /// Send budget of one streamed response: the producer waits while this many bytes are
    /// produced but not yet taken by the socket. Default 256 KiB.
    public var streamBufferSize = 256 * 1024
    /// Streamed responses (downloads, exports) produced at once, server-wide; each has its own
    /// stream thread. One more is answered 503 with `Retry-After`. Default 16.
    public var maxConcurrentStreams = 16
    /// Streamed responses produced at once for one client address (see
    /// `ServerConfiguration.clientAddress`); one more is answered 429 with `Retry-After`. Default 4.
    public var maxStreamsPerAddress = 4
    /// The `Retry-After` sent with those 429 and 503 answers. Default 10 s.
    public var streamRetryAfter: Duration = .seconds(10)
    /// Threads that run handlers. Default: twice the processor count, at least 4.
    public var workerCount = Limits.defaultWorkerCount
    /// How long `shutdown()` waits for in-flight requests before cutting connections. Default 10 s.
    public var shutdownGracePeriod: Duration = .seconds(10)

    /// The defaults documented on each property.
    public init() {}

    /// Twice the number of active processors, but at least 4.
    public static var defaultWorkerCount: Int {
        max(4, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

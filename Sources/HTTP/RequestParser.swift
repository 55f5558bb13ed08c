// RequestParser: an incremental HTTP/1.1 request parser (RFC 9112) over raw bytes, usable
// without sockets. Feed bytes with `append`, pull events with `next`; pipelined requests come out
// in order, and the first violation ends the stream with a failure carrying its status.
import Glibc

/// Parses a stream of requests from bytes.
public struct RequestParser: Sendable {
    /// What the parser found.
    public enum Event: Sendable {
        /// A complete request.
        case request(Request)
        /// The head of a request with `Expect: 100-continue` is complete and its body has not begun:
        /// the server should send `100 Continue` now (RFC 9110 §10.1.1).
        case continueExpected
        /// The stream violates the protocol or a limit. No further events follow; the server answers
        /// with `error.status` and closes the connection.
        case failure(HTTPError)
    }

    /// Where the parser stands in the current message (for timeouts).
    public enum Phase: Sendable, Equatable {
        /// No byte of a next request has arrived.
        case idle
        /// Receiving the request line and header section.
        case head
        /// Receiving the body.
        case body
    }

    /// What the parser expects next.
    enum State: Equatable {
        case requestLine, headerLines, fixedBody, chunkSize, chunkData, chunkDataEnd, trailerLines, failed
    }

    /// The outcome of looking for one line.
    enum LineResult {
        case line(Range<Int>)
        case needMore
        case tooLong
        case bareLineFeed
    }

    /// The limits applied to every message.
    public let limits: Limits
    /// The peer address copied into each request.
    public var remoteAddress: String
    /// The per-route body limit, asked once a head is parsed (see `ServerConfiguration.bodyLimit`);
    /// nil: `limits.maxBodySize` for every request.
    public var bodyLimit: (@Sendable (_ method: String, _ pathSegments: [String]) -> Int)?

    /// Received bytes; those before `position` are consumed.
    var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    var position = 0
    /// Where the search for the next LF resumes, so trickled bytes are scanned once.
    var scanPosition = 0
    /// The parsing state.
    var state = State.requestLine
    /// The message being assembled.
    var message = MessageInProgress()

    /// A parser applying `limits` and the per-route `bodyLimit`; requests carry `remoteAddress`.
    public init(limits: Limits = Limits(), remoteAddress: String = "-",
                bodyLimit: (@Sendable (_ method: String, _ pathSegments: [String]) -> Int)? = nil) {
        self.limits = limits
        self.remoteAddress = remoteAddress
        self.bodyLimit = bodyLimit
    }

    /// Adds received bytes.
    public mutating func append(_ raw: UnsafeRawBufferPointer) {
        compact()
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        var bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: raw.count)
        // Large bodies go straight into the request body instead of through the buffer.
        if state == .fixedBody && position == buffer.count && message.remainingBody > 0 {
            let direct = min(message.remainingBody, bytes.count)
            message.body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<direct]))
            message.remainingBody -= direct
            bytes = UnsafeBufferPointer(rebasing: bytes[direct...])
        }
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next event, or nil when more bytes are needed (or after a failure).
    public mutating func next() -> Event? {
        while true {
            let step: Step
            switch state {
            case .failed: return nil
            case .requestLine: step = parseRequestLine()
            case .headerLines: step = parseHeaderLine()
            case .fixedBody: step = parseFixedBody()
            case .chunkSize: step = parseChunkSize()
            case .chunkData: step = parseChunkData()
            case .chunkDataEnd: step = parseChunkDataEnd()
            case .trailerLines: step = parseTrailerLine()
            }
            switch step {
            case .needMore: return nil
            case .progress: continue
            case .event(let event): return event
            case .failure(let error):
                state = .failed
                return .failure(error)
            }
        }
    }

    /// Call at end of input: a partially received request is a 400; nil otherwise.
    public mutating func finish() -> Event? {
        guard state != .failed, phase != .idle else { return nil }
        state = .failed
        return .failure(.badRequest("incomplete request"))
    }

    /// Where the current message stands.
    public var phase: Phase {
        switch state {
        case .requestLine: return position < buffer.count ? .head : .idle
        case .headerLines: return .head
        case .failed: return .idle
        default: return .body
        }
    }

    /// Whether a failure has ended parsing.
    public var hasFailed: Bool { state == .failed }

    /// Bytes received but not yet consumed.
    public var bufferedByteCount: Int { buffer.count - position }

    /// The result of one parsing step.
    enum Step {
        case needMore
        case progress
        case event(Event)
        case failure(HTTPError)
    }

    /// Finds the next CRLF-terminated line of at most `limit` bytes (RFC 9112 §2.2: a bare LF
    /// is rejected here; a bare CR is rejected by the callers' byte validation).
    mutating func readLine(limit: Int) -> LineResult {
        let searchStart = max(scanPosition, position)
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard searchStart < bytes.count, let base = bytes.baseAddress else { return nil }
            guard let hit = memchr(base + searchStart, Int32(ASCII.lf), bytes.count - searchStart) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let lineFeed = found else {
            scanPosition = buffer.count
            return buffer.count - position > limit + 1 ? .tooLong : .needMore
        }
        guard lineFeed > position, buffer[lineFeed - 1] == ASCII.cr else { return .bareLineFeed }
        let line = position..<(lineFeed - 1)
        if line.count > limit { return .tooLong }
        position = lineFeed + 1
        scanPosition = position
        return .line(line)
    }

    /// Drops consumed bytes so the buffer does not grow across a long connection.
    private mutating func compact() {
        if position == buffer.count {
            if position > 0 {
                buffer.removeAll(keepingCapacity: buffer.capacity <= 256 * 1024)
                position = 0
                scanPosition = 0
            }
        } else if position > 16 * 1024 && position * 2 > buffer.count {
            buffer.removeSubrange(0..<position)
            scanPosition -= position
            position = 0
        }
    }
}

/// The parts of the message being parsed.
struct MessageInProgress {
    /// Method token.
    var method = ""
    /// Request-target as received.
    var target = ""
    /// The decoded target.
    var parsedTarget: RequestTarget?
    /// Protocol version.
    var version = HTTPVersion.http1_1
    /// Header fields so far.
    var fields: [HTTPHeaders.Field] = []
    /// Bytes of the header section so far.
    var headerBytes = 0
    /// Bytes of empty lines skipped before the request line.
    var skippedEmptyLineBytes = 0
    /// Number of Host fields.
    var hostCount = 0
    /// Number of Content-Length fields.
    var contentLengthCount = 0
    /// The (last) Content-Length value.
    var contentLengthValue: String?
    /// Values of all Transfer-Encoding fields.
    var transferEncodings: [String] = []
    /// Values of all Expect fields.
    var expectations: [String] = []
    /// The body so far.
    var body: [UInt8] = []
    /// Body bytes still expected: the rest of a Content-Length body or of the current chunk.
    var remainingBody = 0
    /// The largest body allowed for this request (per route, at most `Limits.maxBodySize`).
    var bodyLimit = 0
    /// Bytes of the trailer section so far.
    var trailerBytes = 0
}

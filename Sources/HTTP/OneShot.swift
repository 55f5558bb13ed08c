// OneShot: answers the requests in one byte stream without a server, as `fossil http` does: for
// `lotse http` on stdin/stdout (inetd, tests) and as a pure function over bytes. Same parser,
// limits and error responses as the server.
import Glibc

/// Serves requests read from a file descriptor or a byte array.
public enum OneShot {
    /// Parses every request in `rawRequest` (pipelined ones in order), runs `handler` for each and
    /// returns all response bytes. Stops after a response that closes the connection; an incomplete
    /// final request is answered with 400.
    public static func respond(toRawRequest rawRequest: [UInt8], handler: @escaping Handler,
                               limits: Limits = Limits(), configuration: ServerConfiguration = ServerConfiguration(),
                               remoteAddress: String = "-", logger: Logger = .discard) -> [UInt8] {
        let sink = MemorySink()
        var session = OneShotSession(responder: Responder(handler: handler, logger: logger, configuration: configuration),
                                     sink: sink)
        session.remoteAddress = remoteAddress
        var parser = RequestParser(limits: limits, remoteAddress: remoteAddress, bodyLimit: configuration.bodyLimit)
        parser.append(rawRequest)
        while let event = parser.next() {
            guard session.handle(event) else { return sink.bytes }
        }
        if let event = parser.finish() { _ = session.handle(event) }
        return sink.bytes
    }

    /// Reads requests from `input` until the connection closes, writing responses to `output`.
    /// Applies the header, body and idle timeouts of `limits` (408 / quiet end). The remote address
    /// is the socket peer when `input` is a socket (inetd), else "-".
    public static func serve(input: Int32 = 0, output: Int32 = 1, handler: @escaping Handler,
                             limits: Limits = Limits(), configuration: ServerConfiguration = ServerConfiguration(),
                             logger: Logger = .standardError) {
        let sink = FileDescriptorSink(descriptor: output, writeTimeout: limits.writeTimeout)
        var session = OneShotSession(responder: Responder(handler: handler, logger: logger, configuration: configuration),
                                     sink: sink)
        session.sendsContinue = true
        var parser = RequestParser(limits: limits, remoteAddress: Socket.peerAddress(of: input) ?? "-",
                                   bodyLimit: configuration.bodyLimit)
        session.remoteAddress = parser.remoteAddress
        var phase = parser.phase
        var phaseStarted = SystemClock.monotonicNanoseconds()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            while let event = parser.next() {
                guard session.handle(event) else { return }
            }
            if parser.phase != phase {
                phase = parser.phase
                phaseStarted = SystemClock.monotonicNanoseconds()
            }
            let allowed: Duration = switch phase {
            case .idle: limits.idleTimeout
            case .head: limits.headerTimeout
            case .body: limits.bodyTimeout
            }
            let elapsed = SystemClock.monotonicNanoseconds() &- phaseStarted
            let remaining = allowed.nanoseconds > elapsed ? allowed.nanoseconds - elapsed : 0
            guard Socket.waitReadable(input, timeoutNanoseconds: remaining) else {
                if phase != .idle { _ = session.handle(.failure(ServerErrors.timeout(phase: phase, limits: limits))) }
                return
            }
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if let event = parser.finish() { _ = session.handle(event) }
                return
            }
            chunk.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}

/// Errors the server itself produces outside the parser.
enum ServerErrors {
    /// 408 for a head or body that did not arrive in time.
    static func timeout(phase: RequestParser.Phase, limits: Limits) -> HTTPError {
        if phase == .body {
            return HTTPError(408, "Request Timeout: body not received within \(limits.bodyTimeout)")
        }
        return HTTPError(408, "Request Timeout: header not received within \(limits.headerTimeout)")
    }
}

/// Answers parser events one after another into a sink.
struct OneShotSession {
    /// Runs the handler.
    let responder: Responder
    /// Receives the response bytes.
    let sink: any ByteSink
    /// The peer address for the access log of failures.
    var remoteAddress = "-"
    /// Whether `100 Continue` is written (a live peer); a byte array already holds the body.
    var sendsContinue = false

    /// Answers `event`; false when the connection ends after it.
    mutating func handle(_ event: RequestParser.Event) -> Bool {
        switch event {
        case .continueExpected:
            if sendsContinue { try? sink.write(ResponseEncoder.continueResponse) }
            return true
        case .failure(let error):
            let requestID = RequestID.next()
            let started = SystemClock.monotonicNanoseconds()
            let response = responder.decorate(error.response)
            let encoded = ResponseEncoder.encode(response, method: "-", version: .http1_1, keepAlive: false)
            try? sink.write(encoded.head)
            _ = try? send(encoded.body)
            responder.logger.logAccess(requestID: requestID, remoteAddress: remoteAddress, method: "-", path: "-",
                                       status: error.status, bytes: response.bodyBytes?.count ?? 0, startedAt: started)
            return false
        case .request(let request):
            let (response, isError) = responder.respond(to: request)
            var encoded = ResponseEncoder.encode(response, method: request.method, version: request.version,
                                                 keepAlive: request.keepAlive && !isError)
            var bytes = 0
            do {
                try sink.write(encoded.head)
                bytes = try send(encoded.body)
            } catch {
                encoded.closesConnection = true
            }
            responder.logger.logAccess(requestID: request.requestID, remoteAddress: request.remoteAddress,
                                       method: request.method, path: request.rawPath, status: encoded.status,
                                       bytes: bytes, startedAt: request.receivedAt)
            return !encoded.closesConnection
        }
    }

    /// Writes a body with its framing; returns the body bytes written.
    @discardableResult
    private func send(_ body: EncodedResponse.Body) throws -> Int {
        switch body {
        case .none: return 0
        case .bytes(let bytes):
            try sink.write(bytes)
            return bytes.count
        case .fixedStream(let write, _), .closeDelimitedStream(let write):
            let writer = SinkBodyWriter(sink: sink, chunked: false)
            try write(writer)
            return writer.written
        case .chunkedStream(let write):
            let writer = SinkBodyWriter(sink: sink, chunked: true)
            try write(writer)
            try sink.write(Array("0\r\n\r\n".utf8))  // RFC 9112 §7.1: last-chunk and empty trailer
            return writer.written
        }
    }
}

/// Somewhere response bytes go.
protocol ByteSink {
    /// Writes all of `bytes` or throws.
    func write(_ bytes: [UInt8]) throws
}

/// Collects bytes in memory.
final class MemorySink: ByteSink {
    /// Everything written so far.
    private(set) var bytes: [UInt8] = []
    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws { self.bytes.append(contentsOf: bytes) }
}

/// Writes to a blocking or non-blocking file descriptor.
struct FileDescriptorSink: ByteSink {
    /// The output descriptor.
    let descriptor: Int32
    /// How long one write may wait for the descriptor.
    let writeTimeout: Duration
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try Socket.writeAll(descriptor, $0, timeout: writeTimeout) }
    }
}

/// A BodyWriter over a sink, framing each write as one chunk when `chunked`.
final class SinkBodyWriter: BodyWriter {
    private let sink: any ByteSink
    private let chunked: Bool
    /// Body bytes written so far.
    private(set) var written = 0

    /// A writer into `sink`.
    init(sink: any ByteSink, chunked: Bool) {
        self.sink = sink
        self.chunked = chunked
    }

    /// Writes `bytes`, as one chunk when chunked.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if chunked {
            try sink.write(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + Array(bytes) + [ASCII.cr, ASCII.lf])
        } else {
            try sink.write(Array(bytes))
        }
        written += bytes.count
    }
}

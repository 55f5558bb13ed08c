// TestSupport: helpers shared by the HTTP tests: parsing raw request text, decoding raw response
// bytes, a small blocking socket client, a log collector and a server started on port 0.
import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTP

/// Parses `text` completely and returns every event.
func parseEvents(_ text: String, limits: Limits = Limits()) -> [RequestParser.Event] {
    parseEvents(Array(text.utf8), limits: limits)
}

/// Parses `bytes` completely and returns every event.
func parseEvents(_ bytes: [UInt8], limits: Limits = Limits()) -> [RequestParser.Event] {
    var parser = RequestParser(limits: limits)
    parser.append(bytes)
    var events: [RequestParser.Event] = []
    while let event = parser.next() { events.append(event) }
    return events
}

/// The single request parsed from `text`, or nil.
func parseRequest(_ text: String, limits: Limits = Limits()) -> Request? {
    let events = parseEvents(text, limits: limits)
    guard events.count == 1, case .request(let request) = events[0] else { return nil }
    return request
}

/// The status of the failure that ends parsing `text`, or nil if there is none.
func failureStatus(_ text: String, limits: Limits = Limits()) -> Int? {
    for event in parseEvents(text, limits: limits) {
        if case .failure(let error) = event { return error.status }
    }
    return nil
}

extension RequestParser.Event {
    /// A short description for comparing event sequences.
    var summary: String {
        switch self {
        case .request(let request): return "\(request.method) \(request.target) \(request.body.count)"
        case .continueExpected: return "100"
        case .failure(let error): return "fail \(error.status)"
        }
    }
}

/// A response decoded from raw bytes.
struct RawResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first header value called `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Decodes responses from a byte stream; `more` supplies bytes and returns false at end of stream.
struct ResponseReader {
    var buffer: [UInt8] = []

    /// The next complete response. `headRequest` suppresses the body. Nil at a clean end of stream.
    mutating func next(headRequest: Bool = false, more: (inout [UInt8]) -> Bool) -> RawResponse? {
        func fill(_ count: Int) -> Bool {
            while buffer.count < count { if !more(&buffer) { return false } }
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = find([13, 10, 13, 10])
            if headEnd == nil && !more(&buffer) { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = Int(statusLine[1])!
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        if headRequest || status == 204 || status == 304 || (100..<200).contains(status) { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            guard fill(length) else { return nil }
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding") == "chunked" {
            while true {
                while find([13, 10]) == nil { if !more(&buffer) { return nil } }
                let lineEnd = find([13, 10])!
                let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self), radix: 16)!
                buffer.removeFirst(lineEnd + 2)
                guard fill(size + 2) else { return nil }
                response.body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else {
            while more(&buffer) {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for index in 0...(buffer.count - pattern.count) where buffer[index..<(index + pattern.count)].elementsEqual(pattern) {
            return index
        }
        return nil
    }
}

/// Decodes all responses in `bytes`.
func decodeResponses(_ bytes: [UInt8], headRequests: Set<Int> = []) -> [RawResponse] {
    var reader = ResponseReader(buffer: bytes)
    var responses: [RawResponse] = []
    while let response = reader.next(headRequest: headRequests.contains(responses.count), more: { _ in false }) {
        responses.append(response)
    }
    return responses
}

/// A blocking TCP client for tests, with timeouts on every read. Unchecked Sendable: a test may
/// send from one thread while it polls from another; reads stay on one thread.
final class TestClient: @unchecked Sendable {
    let descriptor: Int32
    private var reader = ResponseReader()

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw SocketError(operation: "connect")
        }
    }

    deinit { close(descriptor) }

    /// Sends text.
    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends bytes (ignoring errors: the server may have closed).
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads the next response; nil on end of stream or timeout.
    func readResponse(headRequest: Bool = false, timeout: Double = 5) -> RawResponse? {
        reader.next(headRequest: headRequest) { buffer in readMore(into: &buffer, timeout: timeout) }
    }

    /// Whether the server closes the connection (end of stream or reset) within `timeout`,
    /// discarding anything received first.
    func isClosedByServer(timeout: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var scratch: [UInt8] = []
        while Date() < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { return false }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
            scratch += chunk[..<count]
        }
        return false
    }

    /// Sets the receive buffer (before connecting data flows), so a client that never reads
    /// stalls the server sooner.
    func setReceiveBuffer(_ bytes: Int32) {
        var size = bytes
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Whether nothing arrives within `timeout` (and the connection stays open).
    func staysSilent(for timeout: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(timeout * 1000)) == 0
    }

    private func readMore(into buffer: inout [UInt8], timeout: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }
}

/// Collects log lines.
final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger appending here.
    var logger: Logger { Logger { line in self.lines.withLock { $0.append(line) } } }

    /// Lines so far.
    var all: [String] { lines.withLock { $0 } }

    /// Waits up to `timeout` for a line matching `predicate`.
    func waitForLine(timeout: Double = 2, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let line = all.first(where: predicate) { return line }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }
}

/// Limits with short timeouts for live tests.
func testLimits() -> Limits {
    var limits = Limits()
    limits.workerCount = 4
    limits.lingerTimeout = .milliseconds(300)
    return limits
}

/// Starts a server on port 0, runs `body`, then shuts it down and waits.
func withServer(limits: Limits = testLimits(), configuration: ServerConfiguration = ServerConfiguration(),
                logs: LogCollector = LogCollector(), handler: @escaping Handler,
                _ body: (Server, Int) throws -> Void) throws {
    let server = Server(host: "127.0.0.1", port: 0, limits: limits, configuration: configuration, logger: logs.logger,
                        handler: handler)
    try server.start()
    defer {
        server.shutdown()
        server.wait()
    }
    try body(server, server.boundPort)
}

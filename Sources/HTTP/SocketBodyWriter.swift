// SocketBodyWriter: writes a streamed response body from a worker thread with constant memory:
// a bounded buffer, sent chunked (RFC 9112 §7.1) or raw, blocking on a full socket up to the
// write timeout. The response head goes out with the first piece, so a stream that fails before
// writing anything can still be answered with a 500.

/// A BodyWriter bound to one socket.
final class SocketBodyWriter: BodyWriter {
    /// How body bytes are framed.
    enum Framing {
        /// Each flush is one chunk; `finish` sends the last chunk.
        case chunked
        /// Bytes are sent as they are; `expectedLength` (Content-Length) must be met exactly.
        case raw(expectedLength: Int?)
    }

    /// The buffer size; also the chunk size.
    static let bufferSize = 32 * 1024

    private let descriptor: Int32
    private let framing: Framing
    private let timeout: Duration
    private var pendingHead: [[UInt8]]
    private var buffer: [UInt8] = []
    /// Body bytes accepted so far.
    private(set) var written = 0
    /// Whether anything (the head) has reached the socket.
    var hasSentHead: Bool { pendingHead.isEmpty }

    /// A writer that sends `head` (earlier output plus the response head) before the first bytes.
    init(descriptor: Int32, head: [[UInt8]], framing: Framing, timeout: Duration) {
        self.descriptor = descriptor
        self.pendingHead = head
        self.framing = framing
        self.timeout = timeout
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Buffers `bytes`, sending full buffers; blocks while the client is slow.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if case .raw(let expected?) = framing, written + bytes.count > expected {
            throw HTTPError(500, "stream wrote more than its Content-Length")
        }
        written += bytes.count
        if buffer.count + bytes.count <= Self.bufferSize {
            buffer.append(contentsOf: bytes)
            if buffer.count == Self.bufferSize { try flush() }
            return
        }
        try flush()
        if bytes.count >= Self.bufferSize {
            try send(piece: bytes)  // large writes bypass the buffer
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Sends what is buffered and ends the body (last chunk for chunked framing).
    func finish() throws {
        if case .raw(let expected?) = framing, written != expected {
            throw HTTPError(500, "stream wrote \(written) of \(expected) declared bytes")
        }
        try flush()
        var tail: [[UInt8]] = pendingHead
        pendingHead = []
        if case .chunked = framing { tail.append(Array("0\r\n\r\n".utf8)) }  // last-chunk, no trailers
        try sendAll(tail.map { $0 })
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try send(piece: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(piece: UnsafeRawBufferPointer) throws {
        var parts: [[UInt8]] = pendingHead
        pendingHead = []
        if case .chunked = framing {
            parts.append(Array((String(piece.count, radix: 16) + "\r\n").utf8))
        }
        let lineEnd: [UInt8] = [ASCII.cr, ASCII.lf]
        try withArrayViews(parts) { views in
            var all = views
            all.append(piece)
            if case .chunked = framing {
                try lineEnd.withUnsafeBytes { end in
                    all.append(end)
                    try Socket.sendAll(descriptor, all, timeout: timeout)
                }
            } else {
                try Socket.sendAll(descriptor, all, timeout: timeout)
            }
        }
    }

    private func sendAll(_ parts: [[UInt8]]) throws {
        try withArrayViews(parts) { try Socket.sendAll(descriptor, $0, timeout: timeout) }
    }

    /// Calls `body` with raw views of all `arrays`.
    private func withArrayViews(_ arrays: [[UInt8]], _ body: ([UnsafeRawBufferPointer]) throws -> Void) throws {
        func collect(_ index: Int, _ views: [UnsafeRawBufferPointer]) throws {
            if index == arrays.count { return try body(views) }
            try arrays[index].withUnsafeBytes { try collect(index + 1, views + [$0]) }
        }
        try collect(0, [])
    }
}

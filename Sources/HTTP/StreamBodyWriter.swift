// StreamBodyWriter: the BodyWriter a streamed response's producer writes into. It frames the
// bytes (chunked, RFC 9112 §7.1, or raw) in pieces of 32 KiB and hands them to the connection's
// StreamChannel, waiting while the send budget is used up. The response head goes out with the
// first piece, so a stream that fails before writing anything can still be answered with a 500.

/// A BodyWriter feeding one connection's stream channel.
final class StreamBodyWriter: BodyWriter {
    /// How body bytes are framed.
    enum Framing {
        /// Each piece is one chunk; `finish` sends the last chunk.
        case chunked
        /// Bytes are sent as they are; `expectedLength` (Content-Length) must be met exactly.
        case raw(expectedLength: Int?)
    }

    /// The piece size; also the chunk size.
    static let pieceSize = 32 * 1024

    private let channel: StreamChannel
    private let framing: Framing
    private var pendingHead: [UInt8]?
    private var piece: [UInt8] = []
    /// Body bytes accepted so far.
    private(set) var written = 0
    /// Whether the head has been handed to the channel.
    var hasSentHead: Bool { pendingHead == nil }

    /// A writer that sends `head` before the first body bytes.
    init(channel: StreamChannel, head: [UInt8], framing: Framing) {
        self.channel = channel
        self.pendingHead = head
        self.framing = framing
        piece.reserveCapacity(Self.pieceSize)
    }

    /// Buffers `bytes`, handing over full pieces; waits while the client is slow.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if case .raw(let expected?) = framing, written + bytes.count > expected {
            throw HTTPError(500, "stream wrote more than its Content-Length")
        }
        written += bytes.count
        var rest = bytes[...]
        while !rest.isEmpty {
            let count = min(rest.count, Self.pieceSize - piece.count)
            piece.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(count)))
            rest = rest.dropFirst(count)
            if piece.count == Self.pieceSize { try flush() }
        }
    }

    /// Hands over what is buffered and ends the body (last chunk for chunked framing).
    func finish() throws {
        if case .raw(let expected?) = framing, written != expected {
            throw HTTPError(500, "stream wrote \(written) of \(expected) declared bytes")
        }
        try flush()
        var tail: [[UInt8]] = []
        if let head = pendingHead { tail.append(head) }
        if case .chunked = framing { tail.append(Array("0\r\n\r\n".utf8)) }  // last-chunk, no trailers
        try channel.push(tail)
        pendingHead = nil
    }

    private func flush() throws {
        guard !piece.isEmpty else { return }
        var parts: [[UInt8]] = []
        if let head = pendingHead { parts.append(head) }
        if case .chunked = framing {
            parts.append(Array((String(piece.count, radix: 16) + "\r\n").utf8))
            piece.append(ASCII.cr)
            piece.append(ASCII.lf)
        }
        parts.append(piece)
        try channel.push(parts)
        pendingHead = nil
        piece = []
        piece.reserveCapacity(Self.pieceSize)
    }
}

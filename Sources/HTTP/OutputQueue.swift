// OutputQueue: response bytes waiting to be sent on one connection, kept as the arrays the
// responses were built in (head, body) and sent with one `sendmsg` per flush, without copying.

/// Pending output of a connection.
struct OutputQueue {
    /// Result of a flush.
    enum FlushResult {
        /// Everything was sent.
        case drained
        /// The socket buffer is full; wait for EPOLLOUT. `progressed` tells whether bytes went out.
        case blocked(progressed: Bool)
        /// The peer is gone.
        case failed
    }

    private var chunks: [[UInt8]] = []
    private var offset = 0  // bytes of chunks[0] already sent
    /// Bytes not yet sent.
    private(set) var byteCount = 0

    /// Whether nothing is pending.
    var isEmpty: Bool { byteCount == 0 }

    /// Queues `bytes` after what is pending.
    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        chunks.append(bytes)
        byteCount += bytes.count
    }

    /// Removes and returns everything pending, as one array (for a blocking writer).
    mutating func takeAll() -> [[UInt8]] {
        guard !chunks.isEmpty else { return [] }
        var taken = chunks
        if offset > 0 { taken[0] = Array(taken[0][offset...]) }
        chunks.removeAll(keepingCapacity: true)
        offset = 0
        byteCount = 0
        return taken
    }

    /// Sends as much as the socket accepts without blocking.
    mutating func flush(to descriptor: Int32) -> FlushResult {
        var progressed = false
        while !chunks.isEmpty {
            let count = min(chunks.count, 8)
            guard let sent = withBuffers(upTo: count, { Socket.send(descriptor, $0) }) else { return .failed }
            if sent == 0 { return .blocked(progressed: progressed) }
            progressed = true
            consume(sent)
        }
        return .drained
    }

    private mutating func consume(_ sent: Int) {
        var rest = sent
        byteCount -= sent
        while rest > 0 {
            let available = chunks[0].count - offset
            if rest >= available {
                rest -= available
                chunks.removeFirst()
                offset = 0
            } else {
                offset += rest
                rest = 0
            }
        }
    }

    /// Calls `body` with raw views of the first `count` chunks (the first one from `offset`).
    private func withBuffers<Result>(upTo count: Int, _ body: ([UnsafeRawBufferPointer]) -> Result) -> Result {
        func collect(_ index: Int, _ collected: [UnsafeRawBufferPointer]) -> Result {
            if index == count { return body(collected) }
            return chunks[index].withUnsafeBytes { raw in
                let view = index == 0 ? UnsafeRawBufferPointer(rebasing: raw[offset...]) : raw
                return collect(index + 1, collected + [view])
            }
        }
        return collect(0, [])
    }
}

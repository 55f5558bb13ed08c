// Connection: the state of one client socket. It is owned either by the event loop (reading,
// draining output, timeouts) or by one worker (answering its ready requests); ownership changes
// under `ownership`, and only the owner touches the other fields.
import Synchronization

/// One accepted client connection.
final class Connection: @unchecked Sendable {
    /// Who may touch the connection's state.
    enum Owner {
        case loop
        case worker
    }

    /// The life stage of the connection.
    enum Mode {
        /// Requests are read and answered.
        case open
        /// The last response is sent and our side is shut; input is discarded until the client
        /// closes or `lingerDeadline` passes (lingering close, so the client is not reset).
        case lingering
    }

    /// The socket.
    let descriptor: Int32
    /// Distinguishes this connection from earlier ones that had the same descriptor.
    let generation: UInt32
    /// The peer's address.
    let remoteAddress: String
    /// Whether this connection was refused with 503 and only lingers (not counted as open).
    let isRejected: Bool
    /// The current owner; held while ownership changes and while re-arming epoll.
    let ownership = Mutex(Owner.loop)

    // Owned by the current owner.

    /// Parses incoming bytes.
    var parser: RequestParser
    /// Parsed events waiting to be answered, in order.
    var ready: [RequestParser.Event] = []
    /// Response bytes not yet sent.
    var output = OutputQueue()
    /// See `Mode`.
    var mode = Mode.open
    /// Close (linger) once `output` is drained.
    var closeAfterOutput = false
    /// The client has closed its sending side.
    var peerClosedInput = false
    /// The parser phase last seen, for timeouts.
    var phase = RequestParser.Phase.idle
    /// When `phase` began (monotonic ns).
    var phaseStarted: UInt64
    /// When a lingering connection is closed regardless.
    var lingerDeadline: UInt64 = 0
    /// When output last made progress, for the write timeout.
    var lastWriteProgress: UInt64 = 0
    /// The epoll events the connection is armed for.
    var interest: UInt32 = Epoll.readable
    /// The streamed response being produced on a stream thread, if any; the loop sends its bytes
    /// and answers nothing else on this connection until it has ended.
    var stream: StreamChannel?

    /// A connection in `.open` mode, idle since `now`.
    init(descriptor: Int32, generation: UInt32, remoteAddress: String, limits: Limits,
         bodyLimit: (@Sendable (String, [String]) -> Int)? = nil, isRejected: Bool = false, now: UInt64) {
        self.descriptor = descriptor
        self.generation = generation
        self.remoteAddress = remoteAddress
        self.isRejected = isRejected
        parser = RequestParser(limits: limits, remoteAddress: remoteAddress, bodyLimit: bodyLimit)
        phaseStarted = now
    }

    /// The epoll user data: generation in the high half, descriptor in the low half.
    var key: UInt64 { UInt64(generation) << 32 | UInt64(UInt32(bitPattern: descriptor)) }

    /// Moves parsed events into `ready` until `limit` wait (a failure ends parsing).
    func pullEvents(limit: Int) {
        while ready.count < limit, let event = parser.next() {
            ready.append(event)
        }
    }

    /// The next event to answer: a ready one, else one still in the parser's buffer.
    func nextEvent() -> RequestParser.Event? {
        if !ready.isEmpty { return ready.removeFirst() }
        return parser.next()
    }

    /// Whether another event is available now (pulls one from the parser if needed).
    var hasEvent: Bool {
        if !ready.isEmpty { return true }
        if let event = parser.next() {
            ready.append(event)
            return true
        }
        return false
    }

    /// Records a phase change of the parser at `now`.
    func notePhase(now: UInt64) {
        let current = parser.phase
        if current != phase {
            phase = current
            phaseStarted = now
        }
    }
}

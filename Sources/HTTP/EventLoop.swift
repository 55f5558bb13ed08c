// EventLoop: one thread running epoll over the listening socket and all connections. It accepts,
// reads and parses, sends pending output, enforces timeouts by a periodic sweep, and hands
// connections with complete requests to the worker pool. It never runs a handler.
import Glibc
import Synchronization

/// The server's I/O thread.
final class EventLoop: @unchecked Sendable {
    /// The epoll instance (shared with workers, which re-arm connections they hand back).
    let epoll: Epoll
    /// Limits in force.
    let limits: Limits
    /// Runs handlers and maps errors.
    let responder: Responder
    /// Access and error log.
    var logger: Logger { responder.logger }

    private static let listenerData = UInt64.max - 1
    private let shutdownRequested = Atomic<Bool>(false)
    private let shuttingDownFlag = Atomic<Bool>(false)
    private let listener: Int32
    private var listenerOpen = true
    private var acceptPaused = false
    private var workers: WorkerPool<Connection>!
    /// Threads that run the producers of streamed responses (never the request workers).
    private let streamPool: WorkerPool<StreamJob>
    /// The caps on streams being produced.
    let streamAdmission: StreamAdmission
    /// Streaming connections whose producer has queued bytes or ended while the loop waited.
    private let readyStreams = Mutex<[Connection]>([])

    // Loop-thread state.

    /// Connections indexed by descriptor.
    var connections: [Connection?] = []
    /// Connections being served (counted against `maxConnections`).
    var openCount = 0 {
        didSet { responder.configuration.metrics?.setOpenConnections(openCount) }
    }
    /// Connections refused with 503 that are still lingering.
    var rejectedCount = 0
    private var nextGeneration: UInt32 = 0
    /// Whether graceful shutdown is under way.
    var draining = false
    /// When remaining connections are cut during shutdown.
    var drainDeadline: UInt64 = 0
    /// Whether connections still held by workers have been shut down after the grace period.
    var forcedShutdown = false
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    /// A loop serving `listener` (already listening, non-blocking).
    init(listener: Int32, limits: Limits, responder: Responder) throws {
        self.listener = listener
        self.limits = limits
        self.responder = responder
        epoll = try Epoll()
        streamAdmission = StreamAdmission(limits: limits)
        streamPool = WorkerPool(count: limits.maxConcurrentStreams, name: "http-stream") { job in job.run() }
        try epoll.add(listener, events: Epoll.readable, data: Self.listenerData)
        workers = WorkerPool(count: limits.workerCount, name: "http-worker") { [unowned self] connection in
            connection.serveReadyEvents(in: self)
        }
        if let metrics = responder.configuration.metrics {
            metrics.setWorkerQueue { [weak workers] in workers?.pendingCount ?? 0 }
        }
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Whether graceful shutdown has begun (workers then close connections after the last answer).
    var isShuttingDown: Bool { shuttingDownFlag.load(ordering: .relaxed) }

    /// Tells workers that responses now close their connections.
    func markShuttingDown() {
        shuttingDownFlag.store(true, ordering: .relaxed)
    }

    /// Asks the loop to shut down gracefully. Safe from any thread.
    func requestShutdown() {
        shutdownRequested.store(true, ordering: .releasing)
        epoll.wake()
    }

    /// Runs until shutdown has completed: all connections closed and workers stopped.
    func run() {
        let sweepInterval = Self.sweepInterval(for: limits)
        var nextSweep = SystemClock.monotonicNanoseconds() &+ sweepInterval
        while true {
            let now = SystemClock.monotonicNanoseconds()
            let waitMilliseconds = nextSweep > now ? Int32((nextSweep - now) / 1_000_000) + 1 : 0
            epoll.wait(timeoutMilliseconds: waitMilliseconds) { event in handle(event) }
            let after = SystemClock.monotonicNanoseconds()
            serviceReadyStreams(now: after)
            if !draining && shutdownRequested.load(ordering: .acquiring) { beginDrain(now: after) }
            if after >= nextSweep {
                sweep(now: after)
                nextSweep = after &+ sweepInterval
            }
            if draining && openCount + rejectedCount == 0 { break }
        }
        workers.stop()
        streamPool.stop()
        if listenerOpen { close(listener) }
    }

    private func handle(_ event: Epoll.Event) {
        switch event.data {
        case Epoll.wakeData: return
        case Self.listenerData: acceptConnections()
        default:
            let descriptor = Int32(bitPattern: UInt32(truncatingIfNeeded: event.data))
            guard Int(descriptor) < connections.count, let connection = connections[Int(descriptor)],
                  connection.key == event.data else { return }
            handleEvent(connection, events: event.events)
        }
    }

    /// Accepts pending connections; beyond `maxConnections` each is answered 503 and closed.
    private func acceptConnections() {
        for _ in 0..<64 {
            let accepted: (descriptor: Int32, address: String)?
            do {
                accepted = try Socket.accept(listener)
            } catch {
                // Out of descriptors (EMFILE/ENFILE): pause accepting until the next sweep.
                logger.log("accept paused: \(error)")
                epoll.modify(listener, events: 0, data: Self.listenerData)
                acceptPaused = true
                return
            }
            guard let accepted else { return }
            let now = SystemClock.monotonicNanoseconds()
            if openCount >= limits.maxConnections {
                reject(accepted.descriptor, address: accepted.address, now: now)
            } else {
                register(Connection(descriptor: accepted.descriptor, generation: takeGeneration(),
                                    remoteAddress: accepted.address, limits: limits,
                                    bodyLimit: responder.configuration.bodyLimit, now: now))
                openCount += 1
            }
        }
    }

    /// Answers an over-limit connection with 503 and lets it linger briefly.
    private func reject(_ descriptor: Int32, address: String, now: UInt64) {
        let response = responder.decorate(Response.text("Service Unavailable: too many connections\n", status: 503))
        let encoded = ResponseEncoder.encode(response, method: "GET", version: .http1_1, keepAlive: false)
        let body = response.bodyBytes ?? []
        _ = encoded.head.withUnsafeBytes { head in body.withUnsafeBytes { Socket.send(descriptor, [head, $0]) } }
        logger.logAccess(requestID: RequestID.next(), remoteAddress: address, method: "-", path: "-", status: 503,
                         bytes: body.count, startedAt: now)
        responder.configuration.metrics?.record(method: "-", route: nil, status: 503, seconds: 0)
        Socket.shutdownWrite(descriptor)
        guard rejectedCount < 256 else {
            close(descriptor)
            return
        }
        let connection = Connection(descriptor: descriptor, generation: takeGeneration(), remoteAddress: address,
                                    limits: limits, isRejected: true, now: now)
        connection.mode = .lingering
        connection.lingerDeadline = now &+ limits.lingerTimeout.nanoseconds
        register(connection)
        rejectedCount += 1
    }

    private func register(_ connection: Connection) {
        let index = Int(connection.descriptor)
        if index >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(index + 1 - connections.count, 1024)))
        }
        connections[index] = connection
        do {
            try epoll.add(connection.descriptor, events: Epoll.readable | Epoll.oneShot, data: connection.key)
        } catch {
            logger.log("epoll add failed: \(error)")
            closeConnection(connection)
        }
    }

    private func takeGeneration() -> UInt32 {
        nextGeneration &+= 1
        return nextGeneration
    }

    /// Re-enables accepting after a pause for lack of descriptors.
    func resumeAcceptingIfPaused() {
        guard acceptPaused, listenerOpen else { return }
        acceptPaused = false
        epoll.modify(listener, events: Epoll.readable, data: Self.listenerData)
    }

    /// Stops accepting: the listening socket is closed.
    func closeListener() {
        guard listenerOpen else { return }
        epoll.remove(listener)
        close(listener)
        listenerOpen = false
    }

    /// Runs a stream producer on a stream thread (a slot was taken in `streamAdmission`).
    func submitStream(_ run: @escaping @Sendable () -> Void) {
        streamPool.submit(StreamJob(run: run))
    }

    /// Called by a stream producer: `connection` has bytes or its end for the loop. Any thread.
    func streamReady(_ connection: Connection) {
        readyStreams.withLock { $0.append(connection) }
        epoll.wake()
    }

    /// Continues the streaming connections that producers have reported.
    private func serviceReadyStreams(now: UInt64) {
        let ready = readyStreams.withLock { list -> [Connection] in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
        for connection in ready {
            let index = Int(connection.descriptor)
            guard index < connections.count, connections[index] === connection, connection.stream != nil,
                  connection.ownership.withLock({ $0 }) == .loop else { continue }
            pumpStream(connection, now: now)
        }
    }

    /// Hands a connection with ready events to a worker.
    func dispatch(_ connection: Connection) {
        connection.ownership.withLock { $0 = .worker }
        workers.submit(connection)
    }

    /// Re-arms a loop-owned connection for `interest`.
    func arm(_ connection: Connection, _ interest: UInt32) {
        connection.interest = interest
        epoll.modify(connection.descriptor, events: interest | Epoll.oneShot, data: connection.key)
    }

    /// Closes a loop-owned connection and forgets it (a stream's producer stops at its next write).
    func closeConnection(_ connection: Connection) {
        connection.stream?.cancel()
        connection.stream = nil
        epoll.remove(connection.descriptor)
        close(connection.descriptor)
        connections[Int(connection.descriptor)] = nil
        if connection.isRejected { rejectedCount -= 1 } else { openCount -= 1 }
    }

    /// Reads from a connection into the parser; nil on reset, else whether the peer closed.
    func read(_ connection: Connection) -> Bool? {
        var total = 0
        while total < 256 * 1024 {
            guard let count = Socket.receive(connection.descriptor, into: readBuffer) else { return nil }
            if count < 0 { return false }
            if count == 0 { return true }
            if connection.mode == .open {
                connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            }
            total += count
            if count < readBuffer.count { return false }
        }
        return false
    }

    /// The sweep period: a quarter of the shortest timeout, between 5 ms and 250 ms.
    private static func sweepInterval(for limits: Limits) -> UInt64 {
        let shortest = [limits.headerTimeout, limits.bodyTimeout, limits.idleTimeout, limits.writeTimeout,
                        limits.lingerTimeout].map(\.nanoseconds).min() ?? 1_000_000_000
        return min(250_000_000, max(5_000_000, shortest / 4))
    }
}

// EventLoop+Connections: what the loop does when a connection is readable or writable, and how
// it answers timeouts and drains connections during shutdown.

extension EventLoop {
    /// Handles readiness of a loop-owned connection.
    func handleEvent(_ connection: Connection, events: UInt32) {
        guard connection.ownership.withLock({ $0 }) == .loop else { return }
        let now = SystemClock.monotonicNanoseconds()
        if connection.mode == .lingering {
            // Discard input until the client closes; then close our side completely.
            switch read(connection) {
            case false?: arm(connection, Epoll.readable)
            default: closeConnection(connection)
            }
            return
        }
        if connection.stream != nil {
            pumpStream(connection, now: now)
            return
        }
        if connection.interest == Epoll.writable {
            flushOutput(connection, now: now)
            return
        }
        guard let peerClosed = read(connection) else {
            closeConnection(connection)
            return
        }
        if peerClosed { connection.peerClosedInput = true }
        proceed(connection, now: now)
    }

    /// After reading or draining output: answer ready events, or wait for more input.
    func proceed(_ connection: Connection, now: UInt64) {
        connection.pullEvents(limit: limits.maxPipelinedRequests)
        connection.notePhase(now: now)
        if connection.ready.isEmpty && connection.peerClosedInput {
            // The client sent its last byte: answer an incomplete request with 400, else close.
            guard let failure = connection.parser.finish() else {
                closeConnection(connection)
                return
            }
            connection.ready.append(failure)
        }
        if !connection.ready.isEmpty {
            dispatch(connection)
        } else if draining && connection.phase == .idle {
            closeConnection(connection)
        } else {
            arm(connection, Epoll.readable)
        }
    }

    /// Sends pending output; when drained, closes (lingering) or continues with the next request.
    func flushOutput(_ connection: Connection, now: UInt64) {
        switch connection.output.flush(to: connection.descriptor) {
        case .failed:
            closeConnection(connection)
        case .blocked(let progressed):
            if progressed { connection.lastWriteProgress = now }
            arm(connection, Epoll.writable)
        case .drained:
            if connection.closeAfterOutput {
                linger(connection, now: now)
            } else {
                connection.phase = connection.parser.phase
                connection.phaseStarted = now
                proceed(connection, now: now)
            }
        }
    }

    /// Half-closes and discards input until the client closes or the linger time passes.
    func linger(_ connection: Connection, now: UInt64) {
        Socket.shutdownWrite(connection.descriptor)
        connection.mode = .lingering
        let deadline = now &+ limits.lingerTimeout.nanoseconds
        connection.lingerDeadline = draining ? min(deadline, drainDeadline) : deadline
        arm(connection, Epoll.readable)
    }

    /// Answers a request that did not arrive in time with 408 and closes (never silently).
    func answerTimeout(_ connection: Connection, now: UInt64) {
        let error = ServerErrors.timeout(phase: connection.phase, limits: limits)
        let response = responder.decorate(error.response)
        let encoded = ResponseEncoder.encode(response, method: "-", version: .http1_1, keepAlive: false)
        connection.output.append(encoded.head)
        connection.output.append(response.bodyBytes ?? [])
        connection.parser = RequestParser(limits: limits, remoteAddress: connection.remoteAddress,
                                          bodyLimit: responder.configuration.bodyLimit)
        connection.closeAfterOutput = true
        connection.lastWriteProgress = now
        logger.logAccess(requestID: RequestID.next(), remoteAddress: connection.remoteAddress, method: "-", path: "-",
                         status: 408, bytes: response.bodyBytes?.count ?? 0, startedAt: now)
        flushOutput(connection, now: now)
    }

    /// Enforces timeouts on loop-owned connections; during shutdown closes idle ones and, after
    /// the grace period, cuts the rest.
    func sweep(now: UInt64) {
        resumeAcceptingIfPaused()
        let cutAll = draining && now >= drainDeadline
        for case let connection? in connections {
            guard connection.ownership.withLock({ $0 }) == .loop else {
                if cutAll && !forcedShutdown { Socket.shutdownBoth(connection.descriptor) }
                continue
            }
            if cutAll {
                closeConnection(connection)
                continue
            }
            switch connection.mode {
            case .lingering:
                if now >= connection.lingerDeadline { closeConnection(connection) }
            case .open:
                if !connection.output.isEmpty {
                    if Self.elapsed(from: connection.lastWriteProgress, to: now) > limits.writeTimeout.nanoseconds {
                        closeConnection(connection)  // the client stopped reading; nothing can be said
                    }
                    continue
                }
                if connection.stream != nil { continue }  // the producer is working on the next bytes
                // A worker may have stamped a time later than `now`, so never subtract past zero.
                let elapsed = Self.elapsed(from: connection.phaseStarted, to: now)
                switch connection.phase {
                case .idle:
                    // Not a request, so no response is due: close quietly.
                    if draining || elapsed > limits.idleTimeout.nanoseconds { closeConnection(connection) }
                case .head:
                    if elapsed > limits.headerTimeout.nanoseconds { answerTimeout(connection, now: now) }
                case .body:
                    if elapsed > limits.bodyTimeout.nanoseconds { answerTimeout(connection, now: now) }
                }
            }
        }
        if cutAll { forcedShutdown = true }
    }

    /// Nanoseconds from `start` to `end`, 0 if `start` is later.
    static func elapsed(from start: UInt64, to end: UInt64) -> UInt64 {
        end > start ? end - start : 0
    }

    /// Starts graceful shutdown: stop accepting, close idle connections, let the rest finish.
    func beginDrain(now: UInt64) {
        draining = true
        drainDeadline = now &+ limits.shutdownGracePeriod.nanoseconds
        markShuttingDown()
        closeListener()
        for case let connection? in connections where connection.ownership.withLock({ $0 }) == .loop {
            if connection.mode == .open && connection.output.isEmpty && connection.stream == nil
                && connection.ready.isEmpty && connection.parser.phase == .idle {
                closeConnection(connection)
            }
        }
    }
}

// Connection+Serving: the worker side. A worker that owns the connection answers its ready
// events strictly in order, sends the responses itself (non-blocking, batched per pipeline
// burst; streams with blocking writes), then hands the connection back to the event loop.

extension Connection {
    /// Answers ready events in order and hands the connection back. Runs on a worker thread.
    func serveReadyEvents(in loop: EventLoop) {
        var closes = false
        var broken = false
        while !closes, !broken, let event = nextEvent() {
            switch event {
            case .continueExpected:
                output.append(ResponseEncoder.continueResponse)
            case .failure(let error):
                queue(error: error, loop: loop)
                closes = true
            case .request(let request):
                let outcome = answer(request, loop: loop)
                closes = outcome.closes
                broken = outcome.broken
            }
            guard !broken else { break }
            // Batch the responses of one pipeline burst into a single send.
            if closes || output.byteCount >= 64 * 1024 || !hasEvent {
                switch output.flush(to: descriptor) {
                case .drained: continue
                case .blocked: break
                case .failed: broken = true
                }
                break  // output is pending; the loop sends it before answering more
            }
        }
        handBack(to: loop, closes: closes, broken: broken)
    }

    /// Runs the handler for `request` and queues or streams the response.
    private func answer(_ request: Request, loop: EventLoop) -> (closes: Bool, broken: Bool) {
        let (response, isError) = loop.responder.respond(to: request)
        // While shutting down, answer what has arrived and close after the last one.
        let keepAlive = request.keepAlive && !isError && !(loop.isShuttingDown && !hasEvent)
        let encoded = ResponseEncoder.encode(response, method: request.method, version: request.version,
                                             keepAlive: keepAlive)
        var bytes = 0
        var broken = false
        switch encoded.body {
        case .none:
            output.append(encoded.head)
        case .bytes(let body):
            output.append(encoded.head)
            output.append(body)
            bytes = body.count
        case .fixedStream(let write, let length):
            (bytes, broken) = stream(write, head: encoded.head, framing: .raw(expectedLength: length),
                                     request: request, loop: loop)
        case .chunkedStream(let write):
            (bytes, broken) = stream(write, head: encoded.head, framing: .chunked, request: request, loop: loop)
        case .closeDelimitedStream(let write):
            (bytes, broken) = stream(write, head: encoded.head, framing: .raw(expectedLength: nil),
                                     request: request, loop: loop)
        }
        loop.logger.logAccess(requestID: request.requestID, remoteAddress: remoteAddress, method: request.method,
                              path: request.rawPath, status: encoded.status, bytes: bytes, startedAt: request.receivedAt)
        return (encoded.closesConnection, broken)
    }

    /// Writes a streamed body with blocking sends. Returns the body bytes written and whether
    /// the connection is unusable (client gone, stream failed after the head went out).
    private func stream(_ write: @Sendable (any BodyWriter) throws -> Void, head: [UInt8],
                        framing: SocketBodyWriter.Framing, request: Request,
                        loop: EventLoop) -> (bytes: Int, broken: Bool) {
        let writer = SocketBodyWriter(descriptor: descriptor, head: output.takeAll() + [head], framing: framing,
                                      timeout: loop.limits.writeTimeout)
        do {
            try write(writer)
            try writer.finish()
            return (writer.written, false)
        } catch {
            if writer.hasSentHead {
                loop.logger.log("\(request.requestID) stream aborted \(request.method) \(request.rawPath): \(String(reflecting: error))")
                return (writer.written, true)
            }
            let page = loop.responder.internalError(error, request: request)
            let encoded = ResponseEncoder.encode(page, method: request.method, version: request.version, keepAlive: false)
            output.append(encoded.head)
            if case .bytes(let body) = encoded.body { output.append(body) }
            return (0, false)
        }
    }

    /// Queues the error response for a parser failure.
    private func queue(error: HTTPError, loop: EventLoop) {
        let response = error.response
        let encoded = ResponseEncoder.encode(response, method: "-", version: .http1_1, keepAlive: false)
        output.append(encoded.head)
        if case .bytes(let body) = encoded.body { output.append(body) }
        loop.logger.logAccess(requestID: RequestID.next(), remoteAddress: remoteAddress, method: "-", path: "-",
                              status: error.status, bytes: response.bodyBytes?.count ?? 0,
                              startedAt: SystemClock.monotonicNanoseconds())
    }

    /// Returns the connection to the loop, armed for what comes next.
    private func handBack(to loop: EventLoop, closes: Bool, broken: Bool) {
        let now = SystemClock.monotonicNanoseconds()
        ownership.withLock { owner in
            if broken {
                Socket.shutdownBoth(descriptor)
                mode = .lingering
                lingerDeadline = now
                interest = Epoll.readable
            } else if !output.isEmpty {
                closeAfterOutput = closes
                lastWriteProgress = now
                interest = Epoll.writable
            } else if closes {
                Socket.shutdownWrite(descriptor)
                mode = .lingering
                lingerDeadline = now &+ loop.limits.lingerTimeout.nanoseconds
                interest = Epoll.readable
            } else {
                // A partial next request gets a fresh window: its bytes waited while we answered.
                phase = parser.phase
                phaseStarted = now
                interest = Epoll.readable
            }
            owner = .loop
            loop.epoll.modify(descriptor, events: interest | Epoll.oneShot, data: key)
        }
    }
}

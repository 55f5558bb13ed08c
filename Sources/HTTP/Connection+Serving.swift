// Connection+Serving: the worker side. A worker that owns the connection answers its ready
// events strictly in order and queues the responses (sent non-blocking, batched per pipeline
// burst); a streamed body is handed to a stream thread and the event loop. Then the worker hands
// the connection back to the loop. A worker never waits for a client.

extension Connection {
    /// What answering one request left to do.
    private struct Outcome {
        var closes = false
        var broken = false
        /// A streamed body is being produced; the loop continues the connection.
        var streaming = false
    }

    /// Answers ready events in order and hands the connection back. Runs on a worker thread.
    func serveReadyEvents(in loop: EventLoop) {
        var outcome = Outcome()
        while !outcome.closes, !outcome.broken, !outcome.streaming, let event = nextEvent() {
            switch event {
            case .continueExpected:
                output.append(ResponseEncoder.continueResponse)
            case .failure(let error):
                queue(error: error, loop: loop)
                outcome.closes = true
            case .request(let request):
                outcome = answer(request, loop: loop)
            }
            guard !outcome.broken, !outcome.streaming else { break }
            // Batch the responses of one pipeline burst into a single send.
            if outcome.closes || output.byteCount >= 64 * 1024 || !hasEvent {
                switch output.flush(to: descriptor) {
                case .drained: continue
                case .blocked: break
                case .failed: outcome.broken = true
                }
                break  // output is pending; the loop sends it before answering more
            }
        }
        handBack(to: loop, outcome: outcome)
    }

    /// Runs the handler for `request` and queues the response, or starts its stream.
    private func answer(_ request: Request, loop: EventLoop) -> Outcome {
        let (response, isError) = loop.responder.respond(to: request)
        // While shutting down, answer what has arrived and close after the last one.
        let keepAlive = request.keepAlive && !isError && !(loop.isShuttingDown && !hasEvent)
        var encoded = ResponseEncoder.encode(response, method: request.method, version: request.version,
                                             keepAlive: keepAlive)
        var bytes = 0
        let streamed: (write: @Sendable (any BodyWriter) throws -> Void, framing: StreamBodyWriter.Framing)?
        switch encoded.body {
        case .none:
            output.append(encoded.head)
            streamed = nil
        case .bytes(let body):
            output.append(encoded.head)
            output.append(body)
            bytes = body.count
            streamed = nil
        case .fixedStream(let write, let length): streamed = (write, .raw(expectedLength: length))
        case .chunkedStream(let write): streamed = (write, .chunked)
        case .closeDelimitedStream(let write): streamed = (write, .raw(expectedLength: nil))
        }
        if let streamed {
            guard let refused = startStream(streamed.write, encoded: encoded, framing: streamed.framing,
                                            keepAlive: keepAlive, request: request, route: response.routePattern, loop: loop) else {
                return Outcome(closes: encoded.closesConnection, streaming: true)
            }
            encoded = refused
            bytes = queue(encoded)
        }
        loop.logger.logAccess(requestID: request.requestID, remoteAddress: remoteAddress, method: request.method,
                              path: request.rawPath, status: encoded.status, bytes: bytes, startedAt: request.receivedAt)
        loop.responder.configuration.metrics?.record(request, route: response.routePattern, status: encoded.status)
        return Outcome(closes: encoded.closesConnection)
    }

    /// Queues an encoded in-memory response; returns its body size.
    private func queue(_ encoded: EncodedResponse) -> Int {
        output.append(encoded.head)
        guard case .bytes(let body) = encoded.body else { return 0 }
        output.append(body)
        return body.count
    }

    /// Starts producing a streamed body on a stream thread, or returns the encoded 429/503 when
    /// the caps are reached (the producer is then never called).
    private func startStream(_ write: @escaping @Sendable (any BodyWriter) throws -> Void, encoded: EncodedResponse,
                             framing: StreamBodyWriter.Framing, keepAlive: Bool, request: Request, route: String?,
                             loop: EventLoop) -> EncodedResponse? {
        let address = loop.responder.configuration.clientAddress(request)
        let verdict = loop.streamAdmission.admit(address)
        guard verdict == .admitted else {
            let refusal = loop.responder.decorate(loop.streamAdmission.refusal(verdict))
            return ResponseEncoder.encode(refusal, method: request.method, version: request.version,
                                          keepAlive: keepAlive)
        }
        let channel = StreamChannel(capacity: loop.limits.streamBufferSize) { [weak self, unowned loop] in
            if let self { loop.streamReady(self) }
        }
        stream = channel
        let head = encoded.head
        let status = encoded.status
        let remoteAddress = remoteAddress
        loop.submitStream { [admission = loop.streamAdmission, responder = loop.responder] in
            defer { admission.release(address) }
            var finalStatus = status
            defer { responder.configuration.metrics?.record(request, route: route, status: finalStatus) }
            let writer = StreamBodyWriter(channel: channel, head: head, framing: framing)
            do {
                try write(writer)
                try writer.finish()
                channel.end(.complete(closes: false))
                responder.logger.logAccess(requestID: request.requestID, remoteAddress: remoteAddress,
                                           method: request.method, path: request.rawPath, status: status,
                                           bytes: writer.written, startedAt: request.receivedAt)
            } catch {
                if writer.hasSentHead || error is StreamChannel.Cancelled {  // nothing more can be said
                    responder.logger.log("\(request.requestID) stream aborted \(request.method) \(request.rawPath): \(String(reflecting: error))")
                    channel.end(.broken)
                    responder.logger.logAccess(requestID: request.requestID, remoteAddress: remoteAddress,
                                               method: request.method, path: request.rawPath, status: status,
                                               bytes: writer.written, startedAt: request.receivedAt)
                    return
                }
                let page = responder.internalError(error, request: request)
                let encoded = ResponseEncoder.encode(page, method: request.method, version: request.version,
                                                     keepAlive: false)
                var parts = [encoded.head]
                if case .bytes(let body) = encoded.body { parts.append(body) }
                try? channel.push(parts)
                channel.end(.complete(closes: true))
                finalStatus = 500
                responder.logger.logAccess(requestID: request.requestID, remoteAddress: remoteAddress,
                                           method: request.method, path: request.rawPath, status: 500,
                                           bytes: 0, startedAt: request.receivedAt)
            }
        }
        return nil
    }

    /// Queues the error response for a parser failure.
    private func queue(error: HTTPError, loop: EventLoop) {
        let response = loop.responder.decorate(error.response)
        let encoded = ResponseEncoder.encode(response, method: "-", version: .http1_1, keepAlive: false)
        output.append(encoded.head)
        if case .bytes(let body) = encoded.body { output.append(body) }
        loop.logger.logAccess(requestID: RequestID.next(), remoteAddress: remoteAddress, method: "-", path: "-",
                              status: error.status, bytes: response.bodyBytes?.count ?? 0,
                              startedAt: SystemClock.monotonicNanoseconds())
        loop.responder.configuration.metrics?.record(method: "-", route: nil, status: error.status, seconds: 0)
    }

    /// Returns the connection to the loop, armed for what comes next.
    private func handBack(to loop: EventLoop, outcome: Outcome) {
        let now = SystemClock.monotonicNanoseconds()
        ownership.withLock { owner in
            if outcome.broken {
                Socket.shutdownBoth(descriptor)
                mode = .lingering
                lingerDeadline = now
                interest = Epoll.readable
            } else if outcome.streaming {
                // The loop sends earlier output, then the stream's bytes as the socket takes them.
                closeAfterOutput = outcome.closes
                lastWriteProgress = now
                interest = Epoll.writable
            } else if !output.isEmpty {
                closeAfterOutput = outcome.closes
                lastWriteProgress = now
                interest = Epoll.writable
            } else if outcome.closes {
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

// EventLoop+Streams: how the loop sends a streamed response. The producer runs on a stream
// thread and fills the connection's StreamChannel; the loop sends earlier output, then takes the
// channel's bytes whenever the socket has taken everything before (EPOLLOUT), which frees the
// budget and wakes the producer. A client that stops reading is closed by the write timeout.

/// One producer run on a stream thread.
struct StreamJob: Sendable {
    /// Produces the whole body, then returns its admission slot.
    let run: @Sendable () -> Void
}

extension EventLoop {
    /// Sends what the socket takes of a streaming connection's output and channel; when the
    /// stream has ended and everything is sent, continues like any drained connection.
    func pumpStream(_ connection: Connection, now: UInt64) {
        while true {
            switch connection.output.flush(to: connection.descriptor) {
            case .failed:
                closeConnection(connection)
                return
            case .blocked(let progressed):
                if progressed { connection.lastWriteProgress = now }
                arm(connection, Epoll.writable)
                return
            case .drained:
                break
            }
            guard let channel = connection.stream else { return }
            let (parts, ending) = channel.take()
            if !parts.isEmpty {
                for part in parts { connection.output.append(part) }
                connection.lastWriteProgress = now  // the write timeout counts from fresh output
                continue
            }
            switch ending {
            case nil:
                return  // the producer reports its next bytes through `streamReady`
            case .broken?:
                closeConnection(connection)
                return
            case .complete(let closes)?:
                connection.stream = nil
                if closes || connection.closeAfterOutput {
                    linger(connection, now: now)
                } else {
                    connection.phase = connection.parser.phase
                    connection.phaseStarted = now
                    proceed(connection, now: now)
                }
                return
            }
        }
    }
}

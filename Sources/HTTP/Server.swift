// Server: the HTTP/1.1 server. `start()` binds and returns; an epoll event loop thread does all
// socket I/O and a fixed worker pool runs the handler; `shutdown()` drains gracefully.
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Serves a handler over HTTP/1.1 on one listening socket.
///
/// Design: one event-loop thread owns the listening socket and every connection (non-blocking,
/// epoll with one-shot registrations). It accepts, reads, parses incrementally and enforces
/// timeouts with a periodic sweep (header, body, idle, write, linger). A connection with complete
/// requests is handed to a fixed pool of `Limits.workerCount` threads; the worker runs the handler
/// for each ready request strictly in order, sends the response non-blocking (one `sendmsg` per
/// burst) and re-arms the connection for the loop, which sends what the socket did not take. A
/// streamed body is produced on one of `Limits.maxConcurrentStreams` stream threads into a
/// bounded buffer (`Limits.streamBufferSize`) that the loop drains on EPOLLOUT; over the stream
/// caps the answer is 429/503 with `Retry-After`. So slow handlers never stall I/O, clients that
/// do not read never hold a worker, and idle or slowloris connections cost no thread. Access
/// lines log the path without the query (queries may be personal).
public final class Server: Sendable {
    /// Host name or address to bind, e.g. "127.0.0.1", "0.0.0.0" or "::".
    public let host: String
    /// Requested port; 0 picks a free one (see `boundPort`).
    public let port: Int
    /// Limits in force.
    public let limits: Limits
    /// Receives one access line per request and error reports.
    public let logger: Logger
    /// Default headers, the per-route body limit and the client-address key.
    public let configuration: ServerConfiguration
    private let handler: Handler

    private struct State {
        var loop: EventLoop?
        var boundPort = 0
        var started = false
        var signalSources: [any DispatchSourceSignal] = []
    }

    private let state = Mutex(State())
    private let running = DispatchGroup()

    /// A server for `handler`; nothing is bound until `start()`.
    public init(host: String = "127.0.0.1", port: Int = 8080, limits: Limits = Limits(),
                configuration: ServerConfiguration = ServerConfiguration(), logger: Logger = .standardError,
                handler: @escaping Handler) {
        self.host = host
        self.port = port
        self.limits = limits
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
    }

    /// Binds and listens (SO_REUSEADDR), starts the event loop and workers, and returns.
    /// SIGPIPE is ignored process-wide (sends also use MSG_NOSIGNAL).
    public func start() throws {
        try state.withLock { state in
            precondition(!state.started, "Server.start() called twice")
            signal(SIGPIPE, SIG_IGN)
            let (listener, boundPort) = try Socket.listen(host: host, port: port)
            let loop: EventLoop
            do {
                loop = try EventLoop(listener: listener, limits: limits,
                                     responder: Responder(handler: handler, logger: logger,
                                                          configuration: configuration))
            } catch {
                close(listener)
                throw error
            }
            state.loop = loop
            state.boundPort = boundPort
            state.started = true
            running.enter()
            let thread = Thread { [running] in
                loop.run()
                running.leave()
            }
            thread.name = "http-event-loop"
            thread.start()
        }
    }

    /// The port actually bound (useful with port 0); 0 before `start()`.
    public var boundPort: Int { state.withLock { $0.boundPort } }

    /// Blocks until the server has shut down (returns at once if it never started).
    public func wait() {
        running.wait()
    }

    /// Starts the server if needed and blocks until it has shut down.
    public func run() throws {
        if !state.withLock({ $0.started }) { try start() }
        wait()
    }

    /// Graceful shutdown: stop accepting, close idle connections, finish requests already received
    /// (including pipelined ones), then close. After `Limits.shutdownGracePeriod` remaining
    /// connections are cut. Returns at once; use `wait()` to block until done.
    public func shutdown() {
        state.withLock { $0.loop }?.requestShutdown()
    }

    /// Makes SIGTERM and SIGINT trigger `shutdown()`, so that `run()` returns and the process can
    /// exit with status 0.
    public func installSignalHandlers() {
        state.withLock { state in
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in self?.shutdown() }
                source.resume()
                state.signalSources.append(source)
            }
        }
    }
}

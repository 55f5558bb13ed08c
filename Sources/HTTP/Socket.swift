// Socket: the BSD-socket calls the server needs (listen, accept, send with MSG_NOSIGNAL, poll),
// wrapped once so the event loop and connections speak in Swift types.
import CEpoll
import Glibc

/// A failed system call with its errno.
public struct SocketError: Error, CustomStringConvertible {
    /// The call that failed.
    public let operation: String
    /// errno at the time.
    public let code: Int32

    /// Captures the current errno for `operation`.
    init(operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    /// `operation: strerror(code)`.
    public var description: String { "\(operation): \(String(cString: strerror(code)))" }
}

/// Socket helpers over raw descriptors.
enum Socket {
    /// Opens a non-blocking listening TCP socket with SO_REUSEADDR on `host:port` (port 0 picks a
    /// free one) and returns it with the bound port.
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws -> (descriptor: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &info)
        guard status == 0, let first = info else {
            throw SocketError(operation: "getaddrinfo(\(host)): \(String(cString: gai_strerror(status)))", code: EINVAL)
        }
        defer { freeaddrinfo(info) }
        let descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
                                | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(operation: "socket") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let error = SocketError(operation: "bind(\(host):\(port))")
            close(descriptor)
            throw error
        }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            let error = SocketError(operation: "listen")
            close(descriptor)
            throw error
        }
        return (descriptor, boundPort(of: descriptor))
    }

    /// Accepts one pending connection as a non-blocking socket with TCP_NODELAY, or nil (EAGAIN).
    /// Throws for errors other than EAGAIN/EINTR/ECONNABORTED, e.g. EMFILE.
    static func accept(_ listener: Int32) throws -> (descriptor: Int32, address: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let descriptor = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                accept4(listener, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            }
        }
        guard descriptor >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
            default: throw SocketError(operation: "accept4")
            }
        }
        var yes: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return (descriptor, address(of: &storage))
    }

    /// The numeric address of the peer of `descriptor`, or nil if it is not a socket.
    static func peerAddress(of descriptor: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        return result == 0 ? address(of: &storage) : nil
    }

    /// The local port of a bound socket.
    static func boundPort(of descriptor: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    private static func address(of storage: inout sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(storage.ss_family)
        withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var address = $0.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                }
            } else if family == AF_INET {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    var address = $0.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                }
            }
        }
        let result = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return result.isEmpty ? "-" : result
    }

    /// Sends as much of `buffers` as the socket takes in one `sendmsg` (no SIGPIPE). Returns the
    /// byte count, 0 if it would block, or nil if the peer is gone.
    static func send(_ descriptor: Int32, _ buffers: [UnsafeRawBufferPointer]) -> Int? {
        var vectors = buffers.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        while true {
            let sent = vectors.withUnsafeMutableBufferPointer { vectorBuffer -> Int in
                var header = msghdr()
                header.msg_iov = vectorBuffer.baseAddress
                header.msg_iovlen = vectorBuffer.count
                return sendmsg(descriptor, &header, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 { return sent }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: return nil
            }
        }
    }

    /// Writes all of `bytes`, waiting up to `timeout` each time the descriptor is not writable.
    /// Works for sockets (MSG_NOSIGNAL) and other descriptors (pipes, files).
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, timeout: Duration) throws {
        var offset = 0
        while offset < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            var written = Glibc.send(descriptor, rest.baseAddress, rest.count, Int32(MSG_NOSIGNAL))
            if written < 0 && errno == ENOTSOCK { written = write(descriptor, rest.baseAddress, rest.count) }
            if written > 0 {
                offset += written
                continue
            }
            let error = errno
            if written < 0 && error == EINTR { continue }
            guard written < 0 && (error == EAGAIN || error == EWOULDBLOCK) else {
                throw SocketError(operation: "write", code: error)
            }
            guard waitWritable(descriptor, timeoutNanoseconds: timeout.nanoseconds) else {
                throw SocketError(operation: "write timeout", code: ETIMEDOUT)
            }
        }
    }

    /// Waits until `descriptor` is readable (or at end of file); false on timeout.
    static func waitReadable(_ descriptor: Int32, timeoutNanoseconds: UInt64) -> Bool {
        poll(descriptor, events: Int16(POLLIN), timeoutNanoseconds: timeoutNanoseconds)
    }

    /// Waits until `descriptor` is writable (or broken); false on timeout.
    static func waitWritable(_ descriptor: Int32, timeoutNanoseconds: UInt64) -> Bool {
        poll(descriptor, events: Int16(POLLOUT), timeoutNanoseconds: timeoutNanoseconds)
    }

    private static func poll(_ descriptor: Int32, events: Int16, timeoutNanoseconds: UInt64) -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let deadline = SystemClock.monotonicNanoseconds() &+ timeoutNanoseconds
        while true {
            let now = SystemClock.monotonicNanoseconds()
            guard now < deadline else { return false }
            let milliseconds = Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000))
            let result = Glibc.poll(&entry, 1, milliseconds)
            if result > 0 { return true }
            if result < 0 && errno != EINTR { return true }  // let the next call report the error
        }
    }

    /// Reads what is available into `buffer`: the count, 0 at end of stream, -1 if it would block,
    /// nil on error (reset).
    static func receive(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return -1
            default: return nil
            }
        }
    }

    /// Half-closes the sending side (FIN) so the peer sees the end of the response.
    static func shutdownWrite(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Shuts down both directions, making blocked sends on other threads fail; the descriptor
    /// stays open until its owner closes it.
    static func shutdownBoth(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }
}

extension Socket {
    /// Sends all of `buffers` in order, blocking up to `timeout` whenever the socket is full.
    static func sendAll(_ descriptor: Int32, _ buffers: [UnsafeRawBufferPointer], timeout: Duration) throws {
        var pending = buffers.filter { !$0.isEmpty }
        while !pending.isEmpty {
            guard let sent = send(descriptor, Array(pending.prefix(16))) else {
                throw SocketError(operation: "send", code: EPIPE)
            }
            if sent == 0 {
                guard waitWritable(descriptor, timeoutNanoseconds: timeout.nanoseconds) else {
                    throw SocketError(operation: "send timeout", code: ETIMEDOUT)
                }
                continue
            }
            var rest = sent
            while rest > 0 {
                if rest >= pending[0].count {
                    rest -= pending[0].count
                    pending.removeFirst()
                } else {
                    pending[0] = UnsafeRawBufferPointer(rebasing: pending[0][rest...])
                    rest = 0
                }
            }
        }
    }
}

// Epoll: a thin wrapper over one epoll instance (level-triggered, one-shot per connection) and a
// wake-up pipe, so other threads can interrupt `wait`. The calls and `struct epoll_event` come
// from the CEpoll shim (sys/epoll.h; the C header gets the packed x86_64 layout right).
import CEpoll
import Glibc

/// One epoll instance plus a self-pipe for wake-ups.
final class Epoll: @unchecked Sendable {
    /// A readiness report: the 64-bit user data given at registration and the event bits.
    struct Event {
        /// The user data given at registration.
        var data: UInt64
        /// The EPOLLIN/EPOLLOUT/… bits.
        var events: UInt32
    }

    /// EPOLLIN: readable.
    static let readable = EPOLLIN.rawValue
    /// EPOLLOUT: writable.
    static let writable = EPOLLOUT.rawValue
    /// EPOLLONESHOT: report once, then wait for EPOLL_CTL_MOD.
    static let oneShot = EPOLLONESHOT.rawValue

    /// The user data reported for the wake-up pipe.
    static let wakeData = UInt64.max

    private let descriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let eventBuffer: UnsafeMutablePointer<epoll_event>
    private let capacity: Int

    /// Creates the instance with room for `capacity` events per wait.
    init(capacity: Int = 256) throws {
        descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard descriptor >= 0 else { throw SocketError(operation: "epoll_create1") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe2(&pipeEnds, O_NONBLOCK | O_CLOEXEC) == 0 else {
            close(descriptor)
            throw SocketError(operation: "pipe2")
        }
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        self.capacity = capacity
        eventBuffer = .allocate(capacity: capacity)
        eventBuffer.initialize(repeating: epoll_event(), count: capacity)
        try add(wakeRead, events: Self.readable, data: Self.wakeData)
    }

    deinit {
        close(descriptor)
        close(wakeRead)
        close(wakeWrite)
        eventBuffer.deallocate()
    }

    /// Registers `fd`.
    func add(_ fd: Int32, events: UInt32, data: UInt64) throws {
        guard control(EPOLL_CTL_ADD, fd, events: events, data: data) == 0 else {
            throw SocketError(operation: "epoll_ctl(ADD)")
        }
    }

    /// Changes the interest of `fd` (and re-arms a one-shot registration).
    @discardableResult
    func modify(_ fd: Int32, events: UInt32, data: UInt64) -> Bool {
        control(EPOLL_CTL_MOD, fd, events: events, data: data) == 0
    }

    /// Deregisters `fd`.
    func remove(_ fd: Int32) {
        _ = control(EPOLL_CTL_DEL, fd, events: 0, data: 0)
    }

    /// Waits up to `timeoutMilliseconds` and calls `body` for each ready registration. Wake-ups are
    /// drained and reported with `wakeData`.
    func wait(timeoutMilliseconds: Int32, _ body: (Event) -> Void) {
        let count = epoll_wait(descriptor, eventBuffer, Int32(capacity), timeoutMilliseconds)
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let ready = eventBuffer[index]
            let event = Event(data: ready.data.u64, events: ready.events)
            if event.data == Self.wakeData { drainWakePipe() }
            body(event)
        }
    }

    /// Interrupts a `wait` in progress (or the next one). Safe from any thread.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while scratch.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }

    private func control(_ operation: Int32, _ fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        var event = epoll_event()
        event.events = events
        event.data.u64 = data
        return epoll_ctl(descriptor, operation, fd, &event)
    }
}

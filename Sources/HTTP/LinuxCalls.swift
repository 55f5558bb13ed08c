// LinuxCalls: Linux system calls that Swift's Glibc module does not export (sys/epoll.h and the
// _GNU_SOURCE functions accept4 and pipe2), bound once through dlsym with their C signatures.
// A `CEpoll` system-library shim would avoid this, but needs a Package.swift change.
import Glibc

/// C entry points looked up in the running process (glibc is always loaded).
enum LinuxCalls {
    /// C signatures of the bound functions.
    typealias EpollCreate1 = @Sendable @convention(c) (Int32) -> Int32
    /// See `epollControl`.
    typealias EpollControl = @Sendable @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    /// See `epollWait`.
    typealias EpollWait = @Sendable @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    /// See `accept4`.
    typealias Accept4 = @Sendable @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
    /// See `pipe2`.
    typealias Pipe2 = @Sendable @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    /// `int epoll_create1(int flags)`.
    static let epollCreate1: EpollCreate1 = symbol("epoll_create1")
    /// `int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)`.
    static let epollControl: EpollControl = symbol("epoll_ctl")
    /// `int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)`.
    static let epollWait: EpollWait = symbol("epoll_wait")
    /// `int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)`.
    static let accept4: Accept4 = symbol("accept4")
    /// `int pipe2(int pipefd[2], int flags)`.
    static let pipe2: Pipe2 = symbol("pipe2")

    // Linux ABI constants from <sys/epoll.h>.

    /// EPOLLIN: readable.
    static let epollIn: UInt32 = 0x001
    /// EPOLLOUT: writable.
    static let epollOut: UInt32 = 0x004
    /// EPOLLONESHOT: report once, then wait for EPOLL_CTL_MOD.
    static let epollOneShot: UInt32 = 1 << 30
    /// EPOLL_CTL_ADD.
    static let epollControlAdd: Int32 = 1
    /// EPOLL_CTL_DEL.
    static let epollControlDelete: Int32 = 2
    /// EPOLL_CTL_MOD.
    static let epollControlModify: Int32 = 3
    /// EPOLL_CLOEXEC equals O_CLOEXEC.
    static let epollCloseOnExec = Int32(O_CLOEXEC)

    /// `struct epoll_event` is packed on x86_64 (12 bytes), naturally aligned elsewhere (16).
    #if arch(x86_64)
    /// Size of one `struct epoll_event`.
    static let epollEventSize = 12
    /// Offset of its 64-bit data field.
    static let epollEventDataOffset = 4
    #else
    /// Size of one `struct epoll_event`.
    static let epollEventSize = 16
    /// Offset of its 64-bit data field.
    static let epollEventDataOffset = 8
    #endif

    private static func symbol<Function>(_ name: String) -> Function {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else {
            fatalError("\(name) not found in the C library")
        }
        return unsafeBitCast(pointer, to: Function.self)
    }
}

// LinuxCalls: Linux system calls that Swift's Glibc module does not export (sys/epoll.h and the
// _GNU_SOURCE functions accept4 and pipe2), bound once through dlsym with their C signatures.
// A `CEpoll` system-library shim would avoid this, but needs a Package.swift change.
import Glibc

/// C entry points looked up in the running process (glibc is always loaded).
enum LinuxCalls {
    typealias EpollCreate1 = @Sendable @convention(c) (Int32) -> Int32
    typealias EpollControl = @Sendable @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias EpollWait = @Sendable @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias Accept4 = @Sendable @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
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
    static let epollIn: UInt32 = 0x001
    static let epollOut: UInt32 = 0x004
    static let epollError: UInt32 = 0x008
    static let epollHangUp: UInt32 = 0x010
    static let epollOneShot: UInt32 = 1 << 30
    static let epollControlAdd: Int32 = 1
    static let epollControlDelete: Int32 = 2
    static let epollControlModify: Int32 = 3
    static let epollCloseOnExec = Int32(O_CLOEXEC)

    /// `struct epoll_event` is packed on x86_64 (12 bytes), naturally aligned elsewhere (16).
    #if arch(x86_64)
    static let epollEventSize = 12
    static let epollEventDataOffset = 4
    #else
    static let epollEventSize = 16
    static let epollEventDataOffset = 8
    #endif

    private static func symbol<Function>(_ name: String) -> Function {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else {
            fatalError("\(name) not found in the C library")
        }
        return unsafeBitCast(pointer, to: Function.self)
    }
}

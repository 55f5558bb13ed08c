// SendmailTransport: delivers a message by piping it into the configured command (default
// `/usr/sbin/sendmail -t -i`) with a timeout; a non-zero exit or a timeout is an error the
// caller records and retries. The command is started with posix_spawn (Foundation's Process
// costs ten times as much per message) and fed through a socket pair, so that a command which
// exits without reading yields an error rather than a SIGPIPE.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Pipes messages to a sendmail-compatible command.
public struct SendmailTransport: Sendable {
    /// The program and its arguments (no shell is involved).
    public let command: [String]
    /// Seconds before the command is killed.
    public let timeout: TimeInterval

    /// The default command.
    public static let defaultCommand = "/usr/sbin/sendmail -t -i"

    /// A delivery failure.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Creates a transport from a command line split at spaces (`LOTSE_SENDMAIL`).
    public init(commandLine: String = SendmailTransport.defaultCommand, timeout: TimeInterval = 30) {
        command = commandLine.split(separator: " ").map(String.init)
        self.timeout = timeout
    }

    /// Sends one message; throws `Failure` for a missing program, a non-zero exit or a timeout.
    public func send(_ message: [UInt8]) throws {
        guard let program = command.first else { throw Failure(description: "kein Versandbefehl konfiguriert") }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw Failure(description: "socketpair: \(String(cString: strerror(errno)))")
        }
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else {
            close(pair[0]); close(pair[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = program.contains("/")
            ? posix_spawn(&pid, program, &actions, nil, arguments, environ)
            : posix_spawnp(&pid, program, &actions, nil, arguments, environ)
        close(pair[1])
        close(errorPipe[1])
        let ours = pair[0], errors = errorPipe[0], child = pid
        // Forked delivery processes may keep stderr open: never block on it.
        _ = fcntl(errors, F_SETFL, fcntl(errors, F_GETFL) | O_NONBLOCK)
        guard spawned == 0 else {
            close(ours); close(errors)
            throw Failure(description: "\(program) lässt sich nicht starten: \(String(cString: strerror(spawned)))")
        }
        // A helper thread writes the message and waits for the command; this thread keeps time.
        let finished = DispatchSemaphore(value: 0)
        let outcome = StatusBox()
        let worker = Thread {
            message.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.send(ours, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                    if written < 0 { if errno == EINTR { continue } else { break } }
                    offset += written
                }
            }
            shutdown(ours, Int32(SHUT_WR))
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            outcome.set(status)
            finished.signal()
        }
        worker.start()
        defer { close(ours) }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(child, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(child, SIGKILL)
                finished.wait()
            }
            close(errors)
            throw Failure(description: "\(program) hat nach \(Int(timeout)) s nicht geantwortet und wurde beendet")
        }
        let detail = readAvailable(errors)
        close(errors)
        let status = outcome.get()
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            let reason = exited ? "endete mit Status \(code)" : "wurde durch Signal \(status & 0x7F) beendet"
            throw Failure(description: "\(program) \(reason)\(detail.isEmpty ? "" : ": \(detail)")")
        }
    }

    /// Up to 500 bytes of what the command wrote to stderr.
    private func readAvailable(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 500)
        let count = read(descriptor, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
}

/// The exit status handed from the waiting thread.
private final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int32 = 0
    func set(_ value: Int32) { lock.withLock { status = value } }
    func get() -> Int32 { lock.withLock { status } }
}

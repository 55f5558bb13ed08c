// SendmailTransport: delivers a message by handing it to the configured command (default
// `/usr/sbin/sendmail -t -i`) with a timeout. The message is written to an anonymous in-memory
// file that becomes the command's standard input, so the command always reads the complete
// message — also when Lotse dies meanwhile — and afterwards the file offset shows how much of
// it was read: a message counts as sent only when the command read all of it and exited 0.
// The command runs in its own process group (started with posix_spawn, no shell); the caller
// learns its id as soon as it runs (to record the hand-over before anything else happens), and
// the sender waits for the whole group, so that forked delivery processes belong to the run.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Pipes messages to a sendmail-compatible command.
public struct SendmailTransport: Sendable {
    /// The program and its arguments (no shell is involved).
    public let command: [String]
    /// Seconds before the command (and its process group) is killed.
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

    /// Sends one message; throws `Failure` for a missing program, a non-zero exit, a message not
    /// read to its end, or a timeout. `handedOver` gets the command's process (and process
    /// group) id right after it started, before the sender waits for it.
    public func send(_ message: [UInt8], handedOver: ((Int32) throws -> Void)? = nil) throws {
        guard let program = command.first else { throw Failure(description: "kein Versandbefehl konfiguriert") }
        let input = try Self.messageFile(message)
        defer { close(input) }
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        for descriptor in errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)   // its own group: a crash of Lotse does not signal it
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        var spawned: Int32 = 0
        // ETXTBSY: a program just written (a sendmail being replaced by the package manager)
        // is still open for writing in a process another thread forked; that passes in moments.
        for attempt in 0..<20 {
            if attempt > 0 { usleep(50_000) }
            spawned = program.contains("/")
                ? posix_spawn(&pid, program, &actions, &attributes, arguments, environ)
                : posix_spawnp(&pid, program, &actions, &attributes, arguments, environ)
            if spawned != ETXTBSY { break }
        }
        close(errorPipe[1])
        let errors = errorPipe[0], child = pid
        defer { close(errors) }
        // Forked delivery processes may keep stderr open: never block on it.
        _ = fcntl(errors, F_SETFL, fcntl(errors, F_GETFL) | O_NONBLOCK)
        guard spawned == 0 else {
            throw Failure(description: "\(program) lässt sich nicht starten: \(String(cString: strerror(spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var recordError: (any Error)?
        do { try handedOver?(child) } catch { recordError = error }
        // A helper thread waits for the command; this thread keeps time.
        let finished = DispatchSemaphore(value: 0)
        let outcome = StatusBox()
        let waiter = Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            outcome.set(status)
            finished.signal()
        }
        waiter.start()
        if finished.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .timedOut {
            kill(-child, SIGTERM)
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(-child, SIGKILL)
                finished.wait()
            }
            throw Failure(description: "\(program) hat nach \(Int(timeout)) s nicht geantwortet und wurde beendet")
        }
        let detail = readAvailable(errors)
        let status = outcome.get()
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            let reason = exited ? "endete mit Status \(code)" : "wurde durch Signal \(status & 0x7F) beendet"
            throw Failure(description: "\(program) \(reason)\(detail.isEmpty ? "" : ": \(detail)")")
        }
        let read = lseek(input, 0, SEEK_CUR)
        guard read >= message.count else {
            throw Failure(description: "\(program) hat nur \(max(0, read)) von \(message.count) Bytes der Nachricht gelesen")
        }
        Self.waitForGroup(child, until: deadline)
        if let recordError { throw recordError }
    }

    /// Waits until no process of group `group` is left, or `deadline` has passed.
    public static func waitForGroup(_ group: Int32, until deadline: Date) {
        while groupAlive(group) && Date() < deadline { usleep(5_000) }
    }

    /// Whether a process of group `group` still runs.
    public static func groupAlive(_ group: Int32) -> Bool {
        group > 0 && (kill(-group, 0) == 0 || errno == EPERM)
    }

    /// An anonymous in-memory file (close-on-exec) holding `message`, positioned at its start.
    static func messageFile(_ message: [UInt8]) throws -> Int32 {
        var descriptor: Int32 = -1
        if let create = memfdCreate { descriptor = create("lotse-mail", 1 /* MFD_CLOEXEC */) }
        if descriptor < 0 {
            var template = Array((NSTemporaryDirectory() + "/lotse-mail-XXXXXX").utf8CString)
            descriptor = mkstemp(&template)
            guard descriptor >= 0 else { throw Failure(description: "Nachrichtendatei: \(String(cString: strerror(errno)))") }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            unlink(template)
        }
        var offset = 0
        let failed = message.withUnsafeBytes { buffer -> Bool in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return true } }
                offset += written
            }
            return false
        }
        guard !failed, lseek(descriptor, 0, SEEK_SET) == 0 else {
            close(descriptor)
            throw Failure(description: "Nachrichtendatei: \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// `memfd_create` from the C library, looked up at run time (older headers lack it).
    private static let memfdCreate: (@convention(c) (UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memfd_create") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

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

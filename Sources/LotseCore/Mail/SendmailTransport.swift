// SendmailTransport: delivers a message by piping it into the configured command (default
// `/usr/sbin/sendmail -t -i`) with a timeout; a non-zero exit or a timeout is an error the
// caller records and retries.
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        // A socket pair instead of a pipe: writing with MSG_NOSIGNAL to a command that exits
        // without reading gives EPIPE, not a process-killing SIGPIPE.
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            throw Failure(description: "socketpair: \(String(cString: strerror(errno)))")
        }
        let ours = pair[0]
        let childInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: true)
        let errors = Pipe()
        process.standardInput = childInput
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            close(ours)
            throw Failure(description: "\(program) lässt sich nicht starten: \(error.localizedDescription)")
        }
        try? childInput.close()
        let writer = Thread {
            message.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.send(ours, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                    if written < 0 { if errno == EINTR { continue } else { break } }
                    offset += written
                }
            }
            shutdown(ours, Int32(SHUT_WR))
            close(ours)
        }
        writer.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = finished.wait(timeout: .now() + 2)
            }
            throw Failure(description: "\(program) hat nach \(Int(timeout)) s nicht geantwortet und wurde beendet")
        }
        guard process.terminationStatus == 0 else {
            let detail = String(decoding: errors.fileHandleForReading.availableData.prefix(500), as: UTF8.self)
            throw Failure(description: "\(program) endete mit Status \(process.terminationStatus)\(detail.isEmpty ? "" : ": \(detail)")")
        }
    }
}

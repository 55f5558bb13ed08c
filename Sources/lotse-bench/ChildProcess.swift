// ChildProcess: runs a program and measures it like `/usr/bin/time -v` — wall time and the
// child's peak resident memory (its own VmHWM, see PeakMemoryReport) — for the export benchmark,
// which runs each step as its own `lotse` process so that every step's peak memory is its own.
import Foundation
import Glibc
import LotseCommandLine

/// One measured run of a child process.
struct ChildRun: Sendable {
    /// Exit status (or 128 + signal).
    let status: Int32
    /// Wall-clock seconds.
    let seconds: Double
    /// Peak resident set size in bytes.
    let peakResident: Int
}

/// Runs child processes.
enum ChildProcess {
    /// Runs `executable` with `arguments`; standard output goes to `output` (or /dev/null),
    /// standard error to /dev/null unless `showErrors`.
    static func run(_ executable: String, _ arguments: [String], output: String? = nil, showErrors: Bool = true) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if !showErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw LotseChildError(message: "\(executable) lässt sich nicht starten: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let reported = ProcessInfo.processInfo.environment[PeakMemoryReport.variable].flatMap(PeakMemoryReport.read)
        return ChildRun(status: exit, seconds: seconds, peakResident: reported ?? Int(usage.ru_maxrss) * 1024)
    }
}

/// A child process that could not be started.
struct LotseChildError: Error, CustomStringConvertible {
    /// German text.
    let message: String
    /// The message.
    var description: String { message }
}

// JobWakeup: lets a write ask the scheduler to run a job right after it commits, instead of at
// the job's next interval — a queued notification e-mail "at once" then leaves within seconds.
// The request is made inside the transaction (`request`), noted per database file, and taken by
// the scheduler's commit observer (`Scheduler.wakeAfterCommit`), so the job never runs before
// the row it should send is visible. A request without a running scheduler (tests, the CLI)
// stays noted and does nothing.
import Foundation

/// Pending requests to run a job soon, per database file.
public final class JobWakeup: @unchecked Sendable {
    /// The one set of requests of this process (every `Store` of a file shares it).
    public static let shared = JobWakeup()

    private let lock = NSLock()
    private var requested: Set<String> = []

    /// Asks for `job` to run after the current write on the database at `path` commits.
    public func request(_ job: String, database path: String) {
        _ = lock.withLock { requested.insert(Self.key(job, path)) }
    }

    /// Whether `job` was asked for on the database at `path` since the last call; clears it.
    public func take(_ job: String, database path: String) -> Bool {
        lock.withLock { requested.remove(Self.key(job, path)) != nil }
    }

    private static func key(_ job: String, _ path: String) -> String { "\(path)\u{1F}\(job)" }
}

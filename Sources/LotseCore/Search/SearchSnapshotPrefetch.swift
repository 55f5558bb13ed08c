// SearchSnapshotPrefetch: reads the index snapshot file in the background while the server
// still opens the database, so that the first search does not wait for both one after the
// other. What it reads is only a candidate: SearchService uses it only when its header matches
// the database as it is once open (path, file, directory generation, day), exactly as when
// it reads the file itself — a stale snapshot never answers.
import Dispatch
import Foundation

/// A snapshot file being read ahead of the database.
public final class SearchSnapshotPrefetch: @unchecked Sendable {
    /// The snapshot file.
    public let path: String
    private let done = DispatchGroup()
    private let lock = NSLock()
    // Guarded by `lock`; set once by the reader, taken once by the search service.
    private var candidate: (header: SearchIndex.SnapshotHeader, index: SearchIndex)?

    /// Starts reading `path` on a background queue.
    public init(path: String) {
        self.path = path
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let read = SearchIndex.readSnapshot(from: path)
            self.lock.withLock { self.candidate = read }
            self.done.leave()
        }
    }

    /// Waits for the read; the candidate (header and index) or nil when the file is missing or
    /// damaged. A second call returns nil: the candidate is handed over once.
    func take() -> (header: SearchIndex.SnapshotHeader, index: SearchIndex)? {
        done.wait()
        return lock.withLock {
            defer { candidate = nil }
            return candidate
        }
    }
}

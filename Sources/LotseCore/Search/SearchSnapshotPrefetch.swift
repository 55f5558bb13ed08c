// SearchSnapshotPrefetch: reads the index snapshot file in the background while the server
// still opens the database, so that the first search does not wait for both one after the
// other. What it reads is only a candidate: SearchService uses it only when its header matches
// the database as it is once open (path, file, directory generation, day), exactly as when
// it reads the file itself — a stale snapshot never answers.
import Foundation

/// A snapshot file being read ahead of the database.
public final class SearchSnapshotPrefetch: Sendable {
    /// The snapshot file.
    public let path: String
    private let read: BackgroundValue<Candidate?>

    /// What was read: the snapshot's header and its index.
    typealias Candidate = (header: SearchIndex.SnapshotHeader, index: SearchIndex)

    /// Starts reading `path` on a background queue.
    public init(path: String) {
        self.path = path
        read = BackgroundValue { SearchIndex.readSnapshot(from: path) }
    }

    /// Waits for the read; the candidate or nil when the file is missing or damaged. A second
    /// call returns nil: the candidate is handed over once (and not kept here).
    func take() -> Candidate? {
        guard case .success(let candidate)? = read.take() else { return nil }
        return candidate
    }
}

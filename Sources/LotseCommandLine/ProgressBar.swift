// ProgressBar: a one-line progress bar on stderr, drawn only when stderr is a terminal.
import Foundation

/// Draws "label [#####.....] 45 %" on stderr; silent when stderr is not a TTY.
public final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = -1
    private var lastLabel = ""

    /// Creates a bar; draws nothing unless `enabled`.
    public init(enabled: Bool) { self.enabled = enabled }

    /// Updates the bar for `done` of `total` units.
    public func update(_ label: String, done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        lock.lock(); defer { lock.unlock() }
        guard percent != lastDrawn || label != lastLabel else { return }
        lastDrawn = percent
        lastLabel = label
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label) [\(bar)] \(percent) %".utf8))
    }

    /// Ends the line.
    public func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

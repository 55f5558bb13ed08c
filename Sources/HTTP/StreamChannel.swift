// StreamChannel: the send budget of one streamed response, shared by its producer (a stream
// thread) and the event loop. The producer waits while the budget is used up; the loop takes the
// bytes when the socket can take more and so wakes it. Closing the connection cancels the
// channel, and the producer's next write throws.
import Foundation

/// A bounded hand-over of response bytes from a producer thread to the event loop.
final class StreamChannel: @unchecked Sendable {
    /// How a stream ended, as seen by the loop once every byte was taken.
    enum Ending: Equatable {
        /// All bytes are queued; `closes` forces the connection to close afterwards (a 500 page
        /// replaced the stream before anything was sent).
        case complete(closes: Bool)
        /// The stream failed after bytes went out; the connection is unusable.
        case broken
    }

    /// Thrown by `push` once the connection is gone.
    struct Cancelled: Error, CustomStringConvertible {
        /// For logs.
        var description: String { "the connection was closed (client gone or idle-write timeout)" }
    }

    // All fields below are guarded by `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var queued: [[UInt8]] = []
    private var queuedBytes = 0
    private var takenBytes = 0  // handed to the loop, not known to be sent yet
    private var ending: Ending?
    private var cancelled = false
    private var loopWaiting = false
    private let notify: @Sendable () -> Void

    /// A channel holding at most about `capacity` bytes; `notify` tells the loop that bytes or
    /// the end arrived while it was waiting (called on the producer's thread).
    init(capacity: Int, notify: @escaping @Sendable () -> Void) {
        self.capacity = max(1, capacity)
        self.notify = notify
    }

    /// Producer: queues `parts`, first waiting while the budget is used up. Throws `Cancelled`
    /// when the connection is gone.
    func push(_ parts: [[UInt8]]) throws {
        let size = parts.reduce(0) { $0 + $1.count }
        guard size > 0 else { return }
        condition.lock()
        while !cancelled && queuedBytes + takenBytes > 0 && queuedBytes + takenBytes + size > capacity {
            condition.wait()
        }
        guard !cancelled else {
            condition.unlock()
            throw Cancelled()
        }
        queued.append(contentsOf: parts)
        queuedBytes += size
        let wakeLoop = loopWaiting
        loopWaiting = false
        condition.unlock()
        if wakeLoop { notify() }
    }

    /// Producer: the stream is over.
    func end(_ ending: Ending) {
        condition.lock()
        self.ending = ending
        let wakeLoop = loopWaiting
        loopWaiting = false
        condition.unlock()
        if wakeLoop { notify() }
    }

    /// Loop: everything taken before has been sent; returns the queued bytes (waking a waiting
    /// producer), or — when nothing is queued — the ending if there is one. With neither, the
    /// loop waits for `notify`.
    func take() -> (parts: [[UInt8]], ending: Ending?) {
        condition.lock()
        defer { condition.unlock() }
        if ending == .broken { return ([], .broken) }
        let parts = queued
        takenBytes = queuedBytes
        queued = []
        queuedBytes = 0
        condition.broadcast()
        if parts.isEmpty {
            if ending == nil { loopWaiting = true }
            return ([], ending)
        }
        return (parts, nil)
    }

    /// Loop: the connection is closed; a waiting or later `push` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

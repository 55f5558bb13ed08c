// ReadAhead: elements produced on a background thread a few batches ahead of the thread that
// consumes them — an import parses its CSV files this way while the rows before are checked and
// written, so parsing and writing share the two cores instead of taking turns.
import Dispatch
import Foundation

/// A bounded queue between one producer, run on a background queue from the moment the value
/// is created, and one consumer calling `next()`.
public final class ReadAhead<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    // Guarded by `condition`.
    private var batches: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    // The consumer's own.
    private var current: [Element] = []
    private var position = 0

    /// Starts `produce` in the background. It hands each element to `emit`, which returns false
    /// once the consumer has cancelled (the producer should then stop). Elements travel in
    /// batches of `batchSize`; at most `depth` batches wait, so memory stays bounded. An error
    /// `produce` throws reaches the consumer after the elements emitted before it.
    public init(batchSize: Int = 256, depth: Int = 4,
                _ produce: @escaping @Sendable (_ emit: (Element) -> Bool) throws -> Void) {
        self.depth = max(1, depth)
        DispatchQueue.global(qos: .userInitiated).async {
            var pending: [Element] = []
            pending.reserveCapacity(batchSize)
            let outcome = Result {
                try produce { element in
                    pending.append(element)
                    guard pending.count >= batchSize else { return true }
                    defer { pending = [] }
                    return self.push(pending)
                }
            }
            if !pending.isEmpty { _ = self.push(pending) }
            self.condition.withLock {
                if case .failure(let error) = outcome { self.failure = error }
                self.finished = true
                self.condition.broadcast()
            }
        }
    }

    /// Waits for room and queues `batch`; false once cancelled.
    private func push(_ batch: [Element]) -> Bool {
        condition.withLock {
            while batches.count >= depth && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            batches.append(batch)
            condition.broadcast()
            return true
        }
    }

    /// The next element, waiting for the producer; nil after the last one. Rethrows the
    /// producer's error once every element before it was taken.
    public func next() throws -> Element? {
        if position < current.count {
            position += 1
            return current[position - 1]
        }
        let batch: [Element]? = try condition.withLock {
            while batches.isEmpty && !finished { condition.wait() }
            guard !batches.isEmpty else {
                if let error = failure {
                    failure = nil
                    throw error
                }
                return nil
            }
            defer { condition.broadcast() }
            return batches.removeFirst()
        }
        guard let batch, !batch.isEmpty else { return nil }
        current = batch
        position = 1
        return batch[0]
    }

    /// Tells the producer to stop (its `emit` returns false) and drops what is queued; for a
    /// consumer that ends early. Idempotent.
    public func cancel() {
        condition.withLock {
            cancelled = true
            batches = []
            condition.broadcast()
        }
    }
}

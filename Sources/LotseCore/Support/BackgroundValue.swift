// BackgroundValue: a value computed on a background queue from the moment it is created and
// collected once it is needed — `lotse serve` parses its templates and reads the search index
// snapshot this way while the store opens.
import Dispatch
import Foundation

/// A value computed in the background.
public final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    // Guarded by `lock`; written once by the background work before `done` is left.
    private var result: Result<Value, any Error>?

    /// Starts `work` on a background queue.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = Result { try work() }
            self.lock.withLock { self.result = outcome }
            self.done.leave()
        }
    }

    /// Waits for the value and returns it (or rethrows the work's error); before any `take()`.
    public func value() throws -> Value {
        done.wait()
        return try lock.withLock { result! }.get()
    }

    /// Waits for the outcome and hands it over once, releasing it here: later calls give nil.
    public func take() -> Result<Value, any Error>? {
        done.wait()
        return lock.withLock {
            defer { result = nil }
            return result
        }
    }
}

// StartupTask: work `lotse serve` starts on a background thread at the beginning (parsing the
// templates) and collects once it needs the result, so that it runs while the store opens.
import Dispatch

/// A value computed in the background; `value()` waits for it (and rethrows its error).
final class StartupTask<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the background work before `done` is left; read after waiting for it.
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try work() }
            self.done.leave()
        }
    }

    func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}

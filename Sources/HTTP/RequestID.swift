// RequestID: short ids unique within one process, e.g. "k3f9-1a": a random per-process prefix and
// a base-36 sequence number, so log lines and 500 pages can be matched up.
import Synchronization

/// Generates request ids.
enum RequestID {
    private static let counter = Atomic<Int>(0)
    private static let prefix: String = {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<4).map { _ in alphabet.randomElement()! })
    }()

    /// The next id, never repeated in this process.
    static func next() -> String {
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return prefix + "-" + String(number, radix: 36)
    }
}

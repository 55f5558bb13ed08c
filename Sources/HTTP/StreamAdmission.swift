// StreamAdmission: counts the streamed responses being produced, server-wide and per client
// address, so that clients which never read cannot hold every stream thread: over the caps a
// request is answered at once with 503 or 429 and `Retry-After`, without starting its producer.
import Synchronization

/// The caps `Limits.maxConcurrentStreams` and `Limits.maxStreamsPerAddress`.
final class StreamAdmission: Sendable {
    /// The answer to a request for a stream.
    enum Verdict: Equatable {
        /// A stream slot is taken; `release` it when the producer ends.
        case admitted
        /// The address already has `maxStreamsPerAddress` streams (429).
        case tooManyForAddress
        /// The server already produces `maxConcurrentStreams` streams (503).
        case tooManyForServer
    }

    private struct Counts {
        var total = 0
        var perAddress: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    private let limits: Limits

    /// Admission under `limits`.
    init(limits: Limits) {
        self.limits = limits
    }

    /// Takes a slot for `address` if both caps allow it.
    func admit(_ address: String) -> Verdict {
        counts.withLock { counts in
            if counts.perAddress[address, default: 0] >= limits.maxStreamsPerAddress { return .tooManyForAddress }
            if counts.total >= limits.maxConcurrentStreams { return .tooManyForServer }
            counts.total += 1
            counts.perAddress[address, default: 0] += 1
            return .admitted
        }
    }

    /// Returns the slot of an admitted stream for `address`.
    func release(_ address: String) {
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.perAddress[address, default: 1] - 1
            counts.perAddress[address] = left > 0 ? left : nil
        }
    }

    /// Streams being produced now (for tests).
    var activeCount: Int { counts.withLock { $0.total } }

    /// The immediate answer for a refused stream: German text, `Retry-After`.
    func refusal(_ verdict: Verdict) -> Response {
        let retryAfter = max(1, Int(limits.streamRetryAfter.nanoseconds / 1_000_000_000))
        var response: Response
        if verdict == .tooManyForAddress {
            response = .text("Zu viele gleichzeitige Downloads von Ihrer Adresse. Bitte versuchen Sie es in \(retryAfter) Sekunden erneut.\n",
                             status: 429)
        } else {
            response = .text("Der Server ist mit Downloads ausgelastet. Bitte versuchen Sie es in \(retryAfter) Sekunden erneut.\n",
                             status: 503)
        }
        response.headers["Retry-After"] = String(retryAfter)
        return response
    }
}

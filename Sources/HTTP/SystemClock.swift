// SystemClock: the two clocks the server reads, monotonic for timeouts and durations, wall-clock
// seconds for the Date header. One small wrapper so the rest of the module never calls libc time.
import Glibc

/// Monotonic and wall-clock time without Foundation.
enum SystemClock {
    /// Nanoseconds on the monotonic clock (unaffected by wall-clock changes).
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z.
    static func secondsSince1970() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to zero for negative durations.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}

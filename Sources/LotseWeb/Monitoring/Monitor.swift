// Monitor: what the health and metrics endpoints look at besides the store — the server's
// request metrics, the scheduler (attached once `lotse serve` has started it) and the
// addresses allowed to read /metrics (LOTSE_METRICS_FROM, loopback by default).
import Foundation
import HTTP
import LotseCore
import Synchronization

/// Monitoring state of a running site.
public final class Monitor: Sendable {
    /// The request metrics the server records (also handed to `ServerConfiguration.metrics`).
    public let http: HTTPMetrics
    /// Who may read /metrics.
    public let metricsFrom: AddressAllowList
    private let attached = Mutex<Scheduler?>(nil)

    /// The default of LOTSE_METRICS_FROM: loopback only.
    public static let defaultMetricsFrom = "127.0.0.1/8, ::1"

    /// A monitor with fresh metrics; `metricsFrom` is LOTSE_METRICS_FROM's syntax (addresses and
    /// CIDR ranges, comma-separated; nil or empty: loopback).
    public init(http: HTTPMetrics = HTTPMetrics(), metricsFrom: String? = nil) {
        self.http = http
        let setting = metricsFrom.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? Self.defaultMetricsFrom
        self.metricsFrom = AddressAllowList(setting)
    }

    /// A monitor configured from the environment (LOTSE_METRICS_FROM); malformed entries are
    /// ignored with a warning on stderr.
    public static func fromEnvironment(_ environment: [String: String], http: HTTPMetrics = HTTPMetrics()) -> Monitor {
        let monitor = Monitor(http: http, metricsFrom: environment["LOTSE_METRICS_FROM"])
        if !monitor.metricsFrom.ignoredEntries.isEmpty {
            FileHandle.standardError.write(Data("LOTSE_METRICS_FROM: ignoriert (keine IP-Adresse oder CIDR-Bereich): \(monitor.metricsFrom.ignoredEntries.joined(separator: ", "))\n".utf8))
        }
        return monitor
    }

    /// Makes `scheduler` the one /healthz and /metrics report on.
    public func attach(_ scheduler: Scheduler) {
        attached.withLock { $0 = scheduler }
    }

    /// The attached scheduler, if any.
    public var scheduler: Scheduler? { attached.withLock { $0 } }
}

/// IP addresses and CIDR ranges (the syntax of LOTSE_TRUSTED_PROXIES).
public struct AddressAllowList: Sendable {
    private let ranges: TrustedProxies

    /// Parses "127.0.0.1/8, ::1, 10.0.0.0/8"; malformed entries are listed in `ignoredEntries`.
    public init(_ setting: String) {
        ranges = TrustedProxies(setting)
    }

    /// Entries that are neither an address nor a range.
    public var ignoredEntries: [String] { ranges.ignoredEntries }

    /// True when `address` (textual IPv4 or IPv6) lies in one of the ranges.
    public func allows(_ address: String) -> Bool {
        guard let parsed = IPAddress(address) else { return false }
        return ranges.trusts(parsed)
    }
}

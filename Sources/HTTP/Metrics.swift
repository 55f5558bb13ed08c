// Metrics: what the server counts for monitoring — requests by method, route pattern and
// status, latency histograms per route, open connections and the worker queue — cheap enough
// for every request (one lock, no allocation once a series exists), rendered in the Prometheus
// text format by `PrometheusText`.
import Synchronization

/// Request metrics of one server; thread-safe. Hand it to `ServerConfiguration.metrics`.
public final class HTTPMetrics: Sendable {
    /// Upper bounds (seconds) of the latency histogram buckets.
    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// The route label of answers no route produced (404, parser errors, overload).
    public static let unmatchedRoute = "unmatched"
    /// Methods kept as label values; any other token counts as "other" (clients choose methods).
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    /// One counter series.
    public struct RequestKey: Hashable, Sendable {
        /// Method label.
        public let method: String
        /// Route pattern label.
        public let route: String
        /// Status code.
        public let status: Int
    }

    /// One histogram series.
    public struct LatencyKey: Hashable, Sendable {
        /// Method label.
        public let method: String
        /// Route pattern label.
        public let route: String
    }

    /// A latency histogram: per-bucket counts (not cumulative), the count and the sum.
    public struct Histogram: Sendable, Equatable {
        /// Observations per bucket of `latencyBuckets`, plus one for +Inf.
        public var buckets = [UInt64](repeating: 0, count: HTTPMetrics.latencyBuckets.count + 1)
        /// All observations.
        public var count: UInt64 = 0
        /// Their sum in seconds.
        public var sum: Double = 0
    }

    /// What has been counted so far.
    public struct Snapshot: Sendable {
        /// Requests answered per method, route and status.
        public var requests: [RequestKey: UInt64]
        /// Latency per method and route.
        public var latency: [LatencyKey: Histogram]
        /// Connections open now.
        public var openConnections: Int
        /// Connections with complete requests waiting for a worker.
        public var workerQueue: Int
    }

    private struct Table {
        var requests: [RequestKey: UInt64] = [:]
        var latency: [LatencyKey: Histogram] = [:]
        var workerQueue: (@Sendable () -> Int)?
    }

    private let table = Mutex(Table())
    private let open = Atomic<Int>(0)

    /// Empty metrics.
    public init() {}

    /// Counts one answered request; `route` is the matched pattern (nil: `unmatchedRoute`),
    /// never a raw path.
    public func record(method: String, route: String?, status: Int, seconds: Double) {
        let method = Self.knownMethods.contains(method) ? method : "other"
        let route = route ?? Self.unmatchedRoute
        let bucket = Self.latencyBuckets.firstIndex { seconds <= $0 } ?? Self.latencyBuckets.count
        table.withLock { table in
            table.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            let key = LatencyKey(method: method, route: route)
            if table.latency[key] == nil { table.latency[key] = Histogram() }
            table.latency[key]!.buckets[bucket] += 1
            table.latency[key]!.count += 1
            table.latency[key]!.sum += seconds
        }
    }

    /// Sets the number of open connections (the event loop reports each change).
    func setOpenConnections(_ count: Int) {
        open.store(count, ordering: .relaxed)
    }

    /// Where the worker queue length is read from (the running server's pool).
    func setWorkerQueue(_ source: @escaping @Sendable () -> Int) {
        table.withLock { $0.workerQueue = source }
    }

    /// A consistent copy of the counters.
    public func snapshot() -> Snapshot {
        let (requests, latency, queue) = table.withLock { ($0.requests, $0.latency, $0.workerQueue) }
        return Snapshot(requests: requests, latency: latency, openConnections: open.load(ordering: .relaxed),
                        workerQueue: queue?() ?? 0)
    }

    /// The metrics in the Prometheus text format (`lotse_http_*` families).
    public func render(into text: inout PrometheusText) {
        let snapshot = snapshot()
        text.family("lotse_http_requests_total", type: "counter", help: "HTTP requests answered, by method, route pattern and status.")
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            text.sample("lotse_http_requests_total", ["method": key.method, "route": key.route, "status": String(key.status)], Double(count))
        }
        text.family("lotse_http_request_duration_seconds", type: "histogram", help: "Time from the parsed request to the last byte queued, by method and route pattern.")
        for (key, histogram) in snapshot.latency.sorted(by: { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }) {
            let labels = ["method": key.method, "route": key.route]
            var cumulative: UInt64 = 0
            for (index, bound) in Self.latencyBuckets.enumerated() {
                cumulative += histogram.buckets[index]
                text.sample("lotse_http_request_duration_seconds_bucket", labels.merging(["le": PrometheusText.number(bound)]) { $1 }, Double(cumulative))
            }
            text.sample("lotse_http_request_duration_seconds_bucket", labels.merging(["le": "+Inf"]) { $1 }, Double(histogram.count))
            text.sample("lotse_http_request_duration_seconds_sum", labels, histogram.sum)
            text.sample("lotse_http_request_duration_seconds_count", labels, Double(histogram.count))
        }
        text.family("lotse_http_open_connections", type: "gauge", help: "Client connections open now.")
        text.sample("lotse_http_open_connections", [:], Double(snapshot.openConnections))
        text.family("lotse_http_worker_queue", type: "gauge", help: "Connections with complete requests waiting for a worker thread.")
        text.sample("lotse_http_worker_queue", [:], Double(snapshot.workerQueue))
    }
}

extension HTTPMetrics {
    /// Counts `request`, answered now with `status`, under `route`.
    func record(_ request: Request, route: String?, status: Int) {
        let elapsed = SystemClock.monotonicNanoseconds() &- request.receivedAt
        record(method: request.method, route: route, status: status, seconds: Double(elapsed) / 1e9)
    }
}

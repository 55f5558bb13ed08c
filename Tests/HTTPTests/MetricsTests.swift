// MetricsTests: the request metrics — counters by method, route pattern and status, cumulative
// latency buckets, bounded method labels, escaped label values — and a live server that counts
// its requests and open connections.
import Foundation
import Testing
@testable import HTTP

@Suite struct MetricsTests {
    @Test func countsByRouteAndStatusWithCumulativeBuckets() {
        let metrics = HTTPMetrics()
        metrics.record(method: "GET", route: "/dienste/:id", status: 200, seconds: 0.0004)
        metrics.record(method: "GET", route: "/dienste/:id", status: 200, seconds: 0.03)
        metrics.record(method: "GET", route: "/dienste/:id", status: 404, seconds: 20)
        metrics.record(method: "BREW", route: nil, status: 501, seconds: 0)
        var text = PrometheusText()
        metrics.render(into: &text)
        let lines = text.text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"lotse_http_requests_total{method="GET",route="/dienste/:id",status="200"} 2"#))
        #expect(lines.contains(#"lotse_http_requests_total{method="GET",route="/dienste/:id",status="404"} 1"#))
        #expect(lines.contains(#"lotse_http_requests_total{method="other",route="unmatched",status="501"} 1"#), "client-chosen methods are not labels")
        #expect(lines.contains(#"lotse_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/dienste/:id"} 1"#))
        #expect(lines.contains(#"lotse_http_request_duration_seconds_bucket{le="0.05",method="GET",route="/dienste/:id"} 2"#))
        #expect(lines.contains(#"lotse_http_request_duration_seconds_bucket{le="10",method="GET",route="/dienste/:id"} 2"#))
        #expect(lines.contains(#"lotse_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/dienste/:id"} 3"#))
        #expect(lines.contains(#"lotse_http_request_duration_seconds_count{method="GET",route="/dienste/:id"} 3"#))
        #expect(lines.contains("# TYPE lotse_http_request_duration_seconds histogram"))
    }

    @Test func escapesLabelValuesAndWritesSpecialNumbers() {
        var text = PrometheusText()
        text.family("x", type: "gauge", help: "a\\b\nc")
        text.sample("x", ["l": "q\"u\\o\nte"], .infinity)
        text.sample("x", [:], 0.25)
        #expect(text.text == "# HELP x a\\\\b\\nc\n# TYPE x gauge\nx{l=\"q\\\"u\\\\o\\nte\"} +Inf\nx 0.25\n")
    }

    @Test func aLiveServerCountsRequestsByRouteAndItsConnections() throws {
        var router = Router<Void>()
        router.add("GET", "/dienste/:id") { _ in .text("ok") }
        var configuration = ServerConfiguration()
        let metrics = HTTPMetrics()
        configuration.metrics = metrics
        try withServer(configuration: configuration, handler: router.handler) { _, port in
            let client = try TestClient(port: port)
            client.send("GET /dienste/geheim-4711 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            client.send("GET /nirgends HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 404)
            #expect(metrics.snapshot().openConnections == 1)
            let requests = metrics.snapshot().requests
            #expect(requests[.init(method: "GET", route: "/dienste/:id", status: 200)] == 1)
            #expect(requests[.init(method: "GET", route: HTTPMetrics.unmatchedRoute, status: 404)] == 1)
            #expect(!requests.keys.contains { $0.route.contains("geheim") }, "raw paths never become labels")
        }
        #expect(metrics.snapshot().openConnections == 0)
    }
}

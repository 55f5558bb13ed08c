// MonitoringTests: /healthz (200; 503 with the reason when the database cannot commit or the
// scheduler is stale) and /metrics (Prometheus text for allowed addresses only: the real peer
// decides, a forwarded header neither opens nor, behind a trusted proxy, keeps it open).
import Foundation
import HTTP
import LotseCore
import LotseWeb
import SQLite
import Synchronization
import Testing

@Suite struct MonitoringTests {
    @Test func healthIsOkThen503WithTheReason() throws {
        let f = try WebFixture(seeds: false)
        let client = WebClient(f)
        let ok = try client.get("/healthz")
        #expect(ok.status == 200 && ok.body == "ok\n" && ok.headers["Cache-Control"] == "no-store")

        let clock = Mutex(WebFixture.now.addingTimeInterval(-3600))
        let scheduler = Scheduler(jobs: [], log: { _ in }, now: { clock.withLock { $0 } })
        f.app.context.monitor.attach(scheduler)
        #expect(try client.get("/healthz").body.contains("scheduler: Hintergrundaufgaben laufen nicht"))
        scheduler.runDue()   // an hour ago
        let stale = try client.get("/healthz")
        #expect(stale.status == 503 && stale.body.contains("scheduler: Hintergrundaufgaben hängen"))
        clock.withLock { $0 = WebFixture.now }
        scheduler.runDue()
        #expect(try client.get("/healthz").status == 200)

        try f.store.pool.writeWithoutTransaction { try $0.execute("PRAGMA query_only = ON") }
        let unwritable = try client.get("/healthz")
        #expect(unwritable.status == 503 && unwritable.body == "database: Datenbank nicht beschreibbar\n")
        try f.store.pool.writeWithoutTransaction { try $0.execute("PRAGMA query_only = OFF") }
    }

    @Test func metricsOnlyForAllowedPeers() throws {
        let f = try WebFixture(seeds: true)
        let client = WebClient(f)
        #expect(try client.get("/metrics").status == 404, "192.0.2.10 is not loopback")
        client.forwardedFor = "127.0.0.1"
        #expect(try client.get("/metrics").status == 404, "a forwarded header opens nothing")
        client.forwardedFor = nil
        client.remoteAddress = "127.0.0.1"
        let metrics = try client.get("/metrics")
        #expect(metrics.status == 200 && metrics.headers["Content-Type"] == PrometheusText.contentType)
        for family in ["lotse_http_requests_total", "lotse_http_open_connections", "lotse_http_worker_queue", "lotse_mail_queue 0",
                       "lotse_database_bytes", "lotse_database_wal_bytes", "lotse_job_runs_total"] {
            #expect(metrics.body.contains(family), "\(family)")
        }
        client.remoteAddress = "::1"
        #expect(try client.get("/metrics").status == 200)

        // Behind a trusted proxy on loopback, the forwarded client must be allowed too.
        let proxied = try WebFixture(seeds: false, environment: ["LOTSE_TRUSTED_PROXIES": "127.0.0.1"])
        let viaProxy = WebClient(proxied)
        viaProxy.remoteAddress = "127.0.0.1"
        viaProxy.forwardedFor = "203.0.113.5"
        #expect(try viaProxy.get("/metrics").status == 404)
        viaProxy.forwardedFor = nil
        #expect(try viaProxy.get("/metrics").status == 200)

        // LOTSE_METRICS_FROM replaces the default.
        let monitored = try WebFixture(seeds: false, environment: ["LOTSE_METRICS_FROM": "192.0.2.0/24"])
        let collector = WebClient(monitored)
        #expect(try collector.get("/metrics").status == 200)
        collector.remoteAddress = "127.0.0.1"
        #expect(try collector.get("/metrics").status == 404)
    }

    @Test func metricsIncludeJobRunsAndTheSearchIndexAge() throws {
        let f = try WebFixture(seeds: true)
        let scheduler = Scheduler(jobs: [.init(name: "kaputt", interval: 0) { _ in throw LotseError(.conflict, "x") }], log: { _ in }, now: { WebFixture.now })
        scheduler.runDue()
        f.app.context.monitor.attach(scheduler)
        _ = try f.app.context.search.index()
        let client = WebClient(f)
        client.remoteAddress = "127.0.0.1"
        let body = try client.get("/metrics").body
        #expect(body.contains(#"lotse_job_runs_total{job="kaputt"} 1"#) && body.contains(#"lotse_job_failures_total{job="kaputt"} 1"#))
        #expect(body.contains("lotse_search_index_age_seconds ") && body.contains("lotse_scheduler_heartbeat_age_seconds 0"))
    }

    @Test func errorPagesOfARouteCountUnderItsPattern() throws {
        let f = try WebFixture(seeds: true)
        let response = try f.app.handler(try Request(target: "/angebote/gibt-es-nicht", remoteAddress: "192.0.2.10"))
        #expect(response.status == 404 && response.routePattern == "/angebote/:id")
        #expect(try f.app.handler(try Request(target: "/nirgends", remoteAddress: "192.0.2.10")).routePattern == nil)
    }
}

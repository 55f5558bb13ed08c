// MetricsPage: `GET /metrics` — the request metrics of the HTTP layer and the instance's figures
// (mail queue, database and WAL size, search index age, scheduler job runs and failures) in the
// Prometheus text format, only for addresses in LOTSE_METRICS_FROM; everyone else gets 404.
import HTTP
import LotseCore

/// The Prometheus endpoint.
enum MetricsPage {
    /// `GET /metrics`.
    static func metrics(_ request: PageRequest) throws -> Response {
        guard mayRead(request) else { throw HTTPError.notFound }
        let context = request.context
        let monitor = context.monitor
        let figures = try OperationalFigures.read(store: context.store, search: context.search, scheduler: monitor.scheduler, now: context.now())
        var text = PrometheusText()
        monitor.http.render(into: &text)
        render(figures, into: &text)
        var response = Response(status: 200, headers: ["Content-Type": PrometheusText.contentType], bytes: Array(text.text.utf8))
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// True when both the TCP peer and the real client (behind a trusted proxy) are allowed: a
    /// forwarded header alone never opens the endpoint, and a proxy on loopback does not open
    /// it to everyone it forwards.
    static func mayRead(_ request: PageRequest) -> Bool {
        let allowed = request.context.monitor.metricsFrom
        return allowed.allows(request.http.remoteAddress) && allowed.allows(request.clientAddress)
    }

    /// The instance's figures as `lotse_*` families.
    static func render(_ figures: OperationalFigures, into text: inout PrometheusText) {
        text.family("lotse_mail_queue", type: "gauge", help: "Account e-mails waiting in the outbox.")
        text.sample("lotse_mail_queue", [:], Double(figures.mailQueued))
        text.family("lotse_mail_queue_retrying", type: "gauge", help: "Queued account e-mails that failed at least once.")
        text.sample("lotse_mail_queue_retrying", [:], Double(figures.mailRetrying))
        text.family("lotse_database_bytes", type: "gauge", help: "Size of the database file.")
        text.sample("lotse_database_bytes", [:], Double(figures.databaseBytes))
        text.family("lotse_database_wal_bytes", type: "gauge", help: "Size of the database's write-ahead log.")
        text.sample("lotse_database_wal_bytes", [:], Double(figures.walBytes))
        if let age = figures.searchIndexAgeSeconds {
            text.family("lotse_search_index_age_seconds", type: "gauge", help: "Seconds since the search index was built.")
            text.sample("lotse_search_index_age_seconds", [:], age)
        }
        let jobs = figures.jobs.sorted { $0.key < $1.key }
        text.family("lotse_job_runs_total", type: "counter", help: "Scheduler job runs since the start, by job.")
        for (name, statistics) in jobs { text.sample("lotse_job_runs_total", ["job": name], Double(statistics.runs)) }
        text.family("lotse_job_failures_total", type: "counter", help: "Scheduler job runs that failed, by job.")
        for (name, statistics) in jobs { text.sample("lotse_job_failures_total", ["job": name], Double(statistics.failures)) }
        if let age = figures.schedulerHeartbeatAgeSeconds {
            text.family("lotse_scheduler_heartbeat_age_seconds", type: "gauge", help: "Seconds since the scheduler last ticked.")
            text.sample("lotse_scheduler_heartbeat_age_seconds", [:], age)
        }
    }
}

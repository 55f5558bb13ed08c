#!/usr/bin/env python3
"""metrics.py: /healthz and /metrics of a real `lotse serve`, read by the Prometheus project's parser.

Starts `lotse serve --port 0` on a fresh seeded database, then proves:

  1. GET /healthz answers 200 "ok" with a database and a running scheduler;
  2. GET /metrics parses with prometheus_client.parser.text_string_to_metric_families (the
     Prometheus text format 0.0.4) and has every family the README promises;
  3. requests move the counters: five GET / raise the `route="/"` 200 counter by five, three
     404s of /angebote/<made-up id> count under the pattern `/angebote/:id` (the made-up id
     appears in no label), histogram buckets are cumulative and end in the count;
  4. the allow-list checks the real peer: a second server with LOTSE_METRICS_FROM=127.0.0.2
     answers 200 to a client bound to 127.0.0.2 and 404 to one on 127.0.0.1, also when that
     client sends X-Forwarded-For: 127.0.0.2.

Exits non-zero on any failure. Install the parser with .ci/checks/install-metrics.sh.
"""
import argparse
import http.client
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from editing import start_server, stop_server  # noqa: E402  (one way to run lotse in the checks)
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

FAMILIES = ["lotse_http_requests_total", "lotse_http_request_duration_seconds", "lotse_http_open_connections",
            "lotse_http_worker_queue", "lotse_mail_queue", "lotse_database_bytes", "lotse_database_wal_bytes",
            "lotse_search_index_age_seconds", "lotse_job_runs_total", "lotse_job_failures_total"]


class Check:
    """Counts what passed and what failed."""

    def __init__(self):
        self.failed = 0

    def expect(self, condition, message):
        print("PASS " if condition else "FEHLER", message)
        if not condition:
            self.failed += 1
        return condition


def get(port, path, source="127.0.0.1", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, dict(response.getheaders()), body


def scrape(port, check):
    status, headers, body = get(port, "/metrics")
    check.expect(status == 200 and headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"),
                 f"/metrics answers 200 in the text format ({status}, {headers.get('Content-Type')})")
    families = {family.name: family for family in text_string_to_metric_families(body)}
    return families


def sample(families, family, name, **labels):
    for s in families.get(family).samples if family in families else []:
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/lotse")
    binary = os.path.abspath(parser.parse_args().binary)
    check = Check()
    folder = tempfile.mkdtemp(prefix="lotse-metrics-")
    environment = dict(os.environ, LOTSE_SENDMAIL="/bin/true")
    environment.pop("LOTSE_METRICS_FROM", None)
    process, base = start_server(binary, os.path.join(folder, "lotse.db"), environment)
    port = int(base.rsplit(":", 1)[1])
    try:
        status, _, body = get(port, "/healthz")
        check.expect(status == 200 and body == "ok\n", f"/healthz: 200 ok ({status} {body.strip()!r})")

        # The index age exists once the index is built or read; serve warms it up in the
        # background, and a search waits for it.
        status, _, _ = get(port, "/suche?q=pflege")
        check.expect(status == 200, f"a search answers 200 ({status})")
        before = scrape(port, check)
        for name in FAMILIES:
            # The parser names counters without their _total suffix.
            check.expect(name in before or name.removesuffix("_total") in before, f"family {name} present")
        home_before = sample(before, "lotse_http_requests", "lotse_http_requests_total", route="/", method="GET", status="200")
        for _ in range(5):
            get(port, "/")
        for _ in range(3):
            get(port, "/angebote/gibt-es-nicht-4711")
        after = scrape(port, check)
        home_after = sample(after, "lotse_http_requests", "lotse_http_requests_total", route="/", method="GET", status="200")
        check.expect(home_after - home_before == 5, f"five GET / counted ({home_before} → {home_after})")
        missing = sample(after, "lotse_http_requests", "lotse_http_requests_total", route="/angebote/:id", method="GET", status="404")
        check.expect(missing == 3, f"three 404s under /angebote/:id ({missing})")
        labels = [value for family in after.values() for s in family.samples for value in s.labels.values()]
        check.expect(not any("4711" in value for value in labels), "no raw path in any label")
        buckets = [s for s in after["lotse_http_request_duration_seconds"].samples
                   if s.name.endswith("_bucket") and s.labels.get("route") == "/" and s.labels.get("method") == "GET"]
        values = [s.value for s in buckets]
        count = sample(after, "lotse_http_request_duration_seconds", "lotse_http_request_duration_seconds_count", route="/", method="GET")
        check.expect(len(values) > 5 and values == sorted(values) and buckets[-1].labels["le"] == "+Inf" and values[-1] == count,
                     f"latency buckets cumulative, +Inf = count ({values[-1] if values else None} / {count})")
        check.expect(sample(after, "lotse_database_bytes", "lotse_database_bytes") > 0, "database size reported")
        runs = {s.labels["job"]: s.value for s in after["lotse_job_runs"].samples if s.name == "lotse_job_runs_total"}
        check.expect({"housekeeping", "referrals", "retention", "digest"} <= set(runs) and runs["housekeeping"] >= 1,
                     f"job runs by job ({runs})")
    finally:
        stop_server(process)

    environment["LOTSE_METRICS_FROM"] = "127.0.0.2"
    process, base = start_server(binary, os.path.join(folder, "lotse.db"), environment)
    port = int(base.rsplit(":", 1)[1])
    try:
        status, _, body = get(port, "/metrics", source="127.0.0.2")
        check.expect(status == 200 and "lotse_http_requests_total" in body, f"allowed peer 127.0.0.2: {status}")
        status, _, _ = get(port, "/metrics", source="127.0.0.1")
        check.expect(status in (403, 404), f"peer 127.0.0.1 not allowed: {status}")
        status, _, _ = get(port, "/metrics", source="127.0.0.1", headers={"X-Forwarded-For": "127.0.0.2"})
        check.expect(status in (403, 404), f"X-Forwarded-For does not open /metrics: {status}")
        status, _, _ = get(port, "/healthz", source="127.0.0.1")
        check.expect(status == 200, f"/healthz stays open to everyone: {status}")
    finally:
        stop_server(process)
    print(f"metrics.py: {check.failed} Fehler")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()

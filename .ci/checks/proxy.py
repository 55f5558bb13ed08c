#!/usr/bin/env python3
"""proxy.py: Lotse behind a real nginx, as the README's deployment runs it, under hostile clients.

Generates a directory of 10,000 services, starts `lotse serve --port 0` with
LOTSE_TRUSTED_PROXIES=127.0.0.1 and an nginx (Debian's nginx-light, its own configuration and
prefix in a temporary folder, a free port) that forwards to it with X-Forwarded-For and small
in-memory buffers (no temporary files), then proves through nginx:

  1. clients that never read: 64 connections request a streamed export and stop reading; a
     fresh client's GET / and GET /api/services?search=beratung are answered within 100 ms
     (median of five), and streamed answers beyond Lotse's caps are 429/503 with Retry-After;
  2. throttling per real client address and per account: 20 failed logins from 20 other
     loopback addresses (127.0.x.y as source; Lotse sees them through X-Forwarded-For) do not
     block the coordinator's correct password from its own address; 20 failures against the
     coordinator's account pause its password logins with 429 and Retry-After while its login
     link still works; 15 login-link requests from one address end in 429 with Retry-After and
     a German text, while another address still gets its link;
  3. open redirect: a login with a hostile `weiter` target ends on the coordinator's home;
  6. every answer carries the security headers (404, 405, 413 included), and an anonymous
     form route refuses a 100 KiB body with 413.

Exits non-zero on any failure. Install nginx with .ci/checks/install-nginx.sh.
"""
import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from editing import run_lotse, start_server, stop_server  # noqa: E402  (one way to run lotse in the checks)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COORDINATOR = "koordination@example.org"
PASSWORD = "ein-langes-passwort-2026"
SECURITY_HEADERS = ["x-content-type-options", "x-frame-options", "content-security-policy"]


class Check:
    """Counts what passed and what failed."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, message):
        if condition:
            self.passed += 1
            print("PASS ", message)
        else:
            self.failed += 1
            print("FEHLER", message)
        return condition


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lotse(binary, database, environment):
    """`lotse serve --port 0` (editing.py's start_server) and the port it listens on."""
    process, base = start_server(binary, database, environment)
    return process, int(base.rsplit(":", 1)[1])


NGINX_CONF = """
worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    # Lotse enforces its own per-route body limits; nginx only caps the extreme.
    client_max_body_size 10m;
    client_body_buffer_size 2m;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # The address nginx saw replaces whatever the client claimed.
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Small in-memory buffers and no temporary files: a client that stops reading
            # stops nginx reading from Lotse, so Lotse's own back-pressure is what is tested.
            proxy_buffering on;
            proxy_buffers 4 16k;
            proxy_busy_buffers_size 16k;
            proxy_max_temp_file_size 0;
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;
        }}
    }}
}}
"""


def start_nginx(folder, upstream):
    port = free_port()
    # nginx's workers run as an unprivileged user: they must reach the temporary folders.
    os.chmod(os.path.dirname(folder), 0o755)
    os.chmod(folder, 0o755)
    for sub in ["body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        os.chmod(os.path.join(folder, sub), 0o777)
    config = os.path.join(folder, "nginx.conf")
    with open(config, "w") as file:
        file.write(NGINX_CONF.format(folder=folder, port=port, upstream=upstream))
    subprocess.run(["nginx", "-t", "-q", "-p", folder, "-c", config], check=True)
    subprocess.run(["nginx", "-p", folder, "-c", config], check=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return port, config
        except OSError:
            time.sleep(0.1)
    sys.exit("nginx did not start listening")


def stop_nginx(folder, config):
    subprocess.run(["nginx", "-p", folder, "-c", config, "-s", "stop"], capture_output=True)


class Client:
    """One browser-like client from one loopback source address, keeping its cookies."""

    def __init__(self, port, source):
        self.port = port
        self.source = source
        self.cookies = {}

    def request(self, method, path, form=None, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0))
        all_headers = {"Host": "lotse.example.org"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                if "=" in pair:
                    key, val = pair.split("=", 1)
                    if val and "Max-Age=0" not in value:
                        self.cookies[key] = val
                    else:
                        self.cookies.pop(key, None)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data.decode("utf-8", "replace")

    def csrf(self, path="/anmelden"):
        _, _, page = self.request("GET", path)
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        return match.group(1) if match else ""


def timed_get(port, path):
    """Status and milliseconds of one GET from a fresh client (status None after 10 s)."""
    started = time.monotonic()
    try:
        status, _, _ = Client(port, "127.0.0.1").request("GET", path, timeout=10)
    except OSError:
        status = None
    return status, (time.monotonic() - started) * 1000


def check_non_reading_clients(check, port):
    print("== 1: 64 Clients, die nicht lesen, auf /export/hsds-ndjson")
    stalled = []
    for index in range(64):
        stalled.append(stalled_export(f"127.0.1.{index + 1}", port))
    time.sleep(3)  # let the streams fill every buffer on the way
    # Peek at what the first bytes of each answer say, without reading the bodies.
    answers = [status_line(sock) for sock in stalled]
    started = [a for a in answers if " 200 " in a]
    refused = [a for a in answers if " 429 " in a or " 503 " in a]
    print(f"     Antworten: {len(started)} mit 200 gestartet, {len(refused)} mit 429/503 abgewiesen, {64 - len(started) - len(refused)} noch ohne Kopf")
    check.expect(len(refused) > 0, "Lotse begrenzt gleichzeitige Downloads (429/503 für einen Teil der 64)")
    for path in ["/", "/api/services?search=beratung"]:
        times = []
        statuses = []
        for _ in range(5):
            status, milliseconds = timed_get(port, path)
            statuses.append(status)
            times.append(milliseconds)
        median = statistics.median(times)
        check.expect(all(s == 200 for s in statuses) and median < 100,
                     f"GET {path} während 64 hängender Downloads: Median {median:.1f} ms (Einzelwerte {', '.join(f'{t:.0f}' for t in times)} ms)")
    for sock in stalled:
        sock.close()


def stalled_export(source, port):
    """A client from `source` that requests the streamed export and never reads."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    sock.sendall(b"GET /export/hsds-ndjson HTTP/1.1\r\nHost: lotse.example.org\r\n\r\n")
    return sock


def status_line(sock):
    try:
        return sock.recv(512, socket.MSG_PEEK | socket.MSG_DONTWAIT).split(b"\r\n", 1)[0].decode("latin-1")
    except BlockingIOError:
        return ""


def check_refusal_headers(check, port):
    # Streams of one address are held open until two of them run (earlier streams may still
    # hold the server's slots for a moment); the next one from that address is refused.
    holders = []
    deadline = time.time() + 60
    while time.time() < deadline and sum(" 200 " in status_line(sock) for sock in holders) < 2:
        holders.append(stalled_export("127.0.2.1", port))
        time.sleep(1)
    running = sum(" 200 " in status_line(sock) for sock in holders)
    check.expect(running == 2, f"zwei Downloads derselben Adresse laufen ({len(holders)} Versuche)")
    try:
        status, headers, body = Client(port, "127.0.2.1").request("GET", "/export/hsds-ndjson", timeout=10)
    except OSError as error:
        status, headers, body = None, {}, str(error)
    check.expect(status == 429 and headers.get("retry-after", "").isdigit(),
                 f"dritter Download derselben Adresse: {status}, Retry-After {headers.get('retry-after')!r}")
    check.expect(all(name in headers for name in SECURITY_HEADERS), f"Sicherheitskopfzeilen auch bei {status}")
    for sock in holders:
        sock.close()


def login(client, password, next_target=None, email=COORDINATOR):
    token = client.csrf()
    form = {"csrf": token, "email": email, "passwort": password}
    if next_target is not None:
        form["weiter"] = next_target
    return client.request("POST", "/anmelden", form=form)


def request_link(client):
    token = client.csrf()
    return client.request("POST", "/anmelden/link", form={"csrf": token, "email": COORDINATOR})


def check_throttling(check, port):
    print("== 2: Drosselung je echter Adresse und je Konto hinter dem Proxy")
    for index in range(20):
        status, _, _ = login(Client(port, f"127.0.3.{index + 1}"), "falsches-passwort-123", email=f"raten{index}@example.org")
        if status not in (401, 429):
            check.expect(False, f"Fehlversuch {index + 1}: Status {status}")
    status, headers, _ = login(Client(port, "127.0.4.1"), PASSWORD)
    check.expect(status == 303 and headers.get("location") == "/koordination",
                 f"nach 20 Fehlversuchen von 20 Adressen (andere Konten): richtiges Passwort von eigener Adresse → {status} {headers.get('location')}")
    for index in range(20):
        login(Client(port, f"127.0.8.{index + 1}"), "falsches-passwort-123")
    status, headers, body = login(Client(port, "127.0.4.2"), PASSWORD)
    check.expect(status == 429 and headers.get("retry-after", "").isdigit() and "E-Mail" in body,
                 f"nach 20 Fehlversuchen gegen dieses Konto: Passwort pausiert mit {status}, Retry-After {headers.get('retry-after')!r}")
    status, _, body = request_link(Client(port, "127.0.4.3"))
    check.expect(status == 200 and "unterwegs" in body, f"der Anmeldelink funktioniert trotzdem: {status}")
    flood = Client(port, "127.0.5.1")
    statuses = []
    last = (None, {}, "")
    for _ in range(15):
        last = request_link(flood)
        statuses.append(last[0])
    status, headers, body = last
    check.expect(status == 429 and headers.get("retry-after", "").isdigit() and "Zu viele Anfragen" in body,
                 f"15 Link-Anfragen einer Adresse: zuletzt {status}, Retry-After {headers.get('retry-after')!r} (Verlauf {statuses})")
    status, _, body = request_link(Client(port, "127.0.5.2"))
    check.expect(status == 200 and "unterwegs" in body, f"Link-Anfrage einer anderen Adresse danach: {status}")


def check_redirects(check, port):
    print("== 3: offene Weiterleitung")
    hostile = ["/\t/evil.example", "//evil.example", "/\\evil.example", "/%09/evil.example", "https://evil.example/",
               "/\\/evil.example", "javascript:alert(1)", "///evil.example"]
    for index, target in enumerate(hostile):
        status, headers, _ = login(Client(port, f"127.0.6.{index + 1}"), PASSWORD, next_target=target)
        check.expect(status == 303 and headers.get("location") == "/koordination",
                     f"weiter={target!r} → {status} {headers.get('location')!r}")
    status, headers, _ = login(Client(port, "127.0.6.99"), PASSWORD, next_target="/koordination/bericht")
    check.expect(status == 303 and headers.get("location") == "/koordination/bericht", f"gültiges Ziel bleibt: {headers.get('location')!r}")


def check_headers_and_limits(check, port):
    print("== 6: Kopfzeilen und Grenzen")
    client = Client(port, "127.0.7.1")
    for method, path, expected in [("GET", "/gibt-es-nicht", 404), ("DELETE", "/", 405), ("GET", "/", 200)]:
        status, headers, _ = client.request(method, path)
        missing = [name for name in SECURITY_HEADERS if name not in headers]
        check.expect(status == expected and not missing, f"{method} {path}: {status}, fehlende Kopfzeilen {missing}")
    token = client.csrf()
    body = urllib.parse.urlencode({"csrf": token, "text": "x" * (100 * 1024)}).encode()
    status, headers, _ = client.request("POST", "/angebote/x/korrektur", body=body,
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    missing = [name for name in SECURITY_HEADERS if name not in headers]
    check.expect(status == 413 and not missing, f"100 KiB an ein anonymes Formular: {status}, fehlende Kopfzeilen {missing}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lotse"))
    parser.add_argument("--services", type=int, default=10_000)
    arguments = parser.parse_args()
    check = Check()
    with tempfile.TemporaryDirectory(prefix="lotse-proxy-") as folder:
        database = os.path.join(folder, "lotse.db")
        run_lotse(arguments.binary, database, "init")
        print(f"== {arguments.services} Angebote erzeugen")
        run_lotse(arguments.binary, database, "generate", "--services", str(arguments.services), "--seed", "1")
        run_lotse(arguments.binary, database, "user", "add", COORDINATOR, "--role", "coordinator", "--name", "Koordination",
                  "--password-stdin", stdin=PASSWORD + "\n")
        sendmail = os.path.join(folder, "sendmail")
        with open(sendmail, "w") as file:
            file.write(f"#!/bin/sh\ncat >> {folder}/mails.txt\n")
        os.chmod(sendmail, 0o755)
        environment = dict(os.environ, LOTSE_TRUSTED_PROXIES="127.0.0.1", LOTSE_SENDMAIL=sendmail,
                           LOTSE_PUBLIC_URL="http://lotse.example.org")
        lotse, upstream = start_lotse(arguments.binary, database, environment)
        nginx_folder = os.path.join(folder, "nginx")
        os.makedirs(nginx_folder)
        port, config = start_nginx(nginx_folder, upstream)
        print(f"== nginx 127.0.0.1:{port} → lotse 127.0.0.1:{upstream}")
        try:
            timed_get(port, "/api/services?search=beratung")  # the search index is built on first use
            check_headers_and_limits(check, port)
            check_redirects(check, port)
            check_throttling(check, port)
            check_non_reading_clients(check, port)
            check_refusal_headers(check, port)
        finally:
            stop_nginx(nginx_folder, config)
            stop_server(lotse)
    print(f"{check.passed} passed, {check.failed} failed")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""replication.py: a Litestream disaster drill against a running Lotse.

Starts `lotse serve` (LOTSE_LITESTREAM=1: checkpoints left to Litestream) and `litestream
replicate` with a file replica and a 1 s sync interval (.ci/checks/install-litestream.sh installs
Litestream). A counselor and a provider editor log in over HTTP (CSRF token from the form, as a
browser does) and write for a while: referral drafts (each with its own case reference) and
capacity updates of the provider's services (directory writes, each with its own note). Then both
processes are killed with SIGKILL, the database (with its WAL) is deleted and restored with
`litestream restore`. The drill passes when every write acknowledged more than the replication
interval (sync interval plus a margin) before the kill is in the restored database,
`PRAGMA integrity_check` says ok, `lotse audit verify` passes, and `lotse serve` starts on the
restored file and answers a search. It prints the measured loss window: the age, at the kill,
of the oldest acknowledged write that is missing (0 when none is).
"""
import argparse
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "ein-langes-passwort-2026"
COUNSELOR = "beratung@example.org"
PROVIDER = "anbieter@example.org"
COUNSELING = "Pflegestützpunkt Bremen-Mitte"
PROVIDER_ORGANIZATION = "Sozialdienste Osterholz-Hemelingen e. V."
SYNC_INTERVAL = 1.0   # seconds, as in the configuration below
MARGIN = 1.0          # Litestream's monitor and upload time on top of the sync interval


def run(command, stdin=None, check=True):
    result = subprocess.run(command, input=stdin, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"{' '.join(command)} fehlgeschlagen (rc {result.returncode}): {result.stderr.strip()}")
    return result


def start_serve(binary, database, environment):
    errors = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([binary, "serve", "--port", "0", "--db", database], stdout=subprocess.PIPE,
                               stderr=errors, text=True, env=environment, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            errors.seek(0)
            sys.exit(f"lotse serve endete vorzeitig (rc {process.returncode}): {errors.read().strip()[-2000:]}")
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line or "")
        if match:
            return process, int(match.group(1))
    process.kill()
    sys.exit("lotse serve nannte keine Adresse")


class Client:
    """A browser-like client keeping its cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val and "Max-Age=0" not in value:
                    self.cookies[key] = val
                else:
                    self.cookies.pop(key, None)
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data

    def csrf(self, page):
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        if not match:
            sys.exit("kein CSRF-Feld im Formular")
        return match.group(1)

    def log_in(self, email):
        _, _, page = self.request("GET", "/anmelden")
        status, headers, _ = self.request("POST", "/anmelden", {"csrf": self.csrf(page), "email": email, "passwort": PASSWORD})
        if status != 303:
            sys.exit(f"Anmeldung von {email} fehlgeschlagen ({status})")


def fields(page):
    """name → value of the text, hidden and number inputs of a page (first occurrence)."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and (not kind or kind.group(1) in ("text", "hidden", "number")):
            values.setdefault(name.group(1), value.group(1) if value else "")
    return values


def main():
    # As the systemd unit's UMask=0077: `litestream restore` and Python's sqlite3 create the
    # database, WAL and SHM with the process umask, and Lotse refuses files others may read.
    os.umask(0o077)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lotse"))
    parser.add_argument("--litestream", default=None, help="the litestream binary (else install-litestream.sh)")
    parser.add_argument("--seconds", type=float, default=20, help="how long to write before the kill")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    litestream = arguments.litestream or run(["bash", os.path.join(ROOT, ".ci/checks/install-litestream.sh")]).stdout.strip().splitlines()[-1]
    print(run([litestream, "version"]).stdout.strip() and f"== Litestream {run([litestream, 'version']).stdout.strip()}")
    failures = []

    with tempfile.TemporaryDirectory(prefix="lotse-replication-") as folder:
        database = os.path.join(folder, "lotse.db")
        replica = os.path.join(folder, "replica")
        config = os.path.join(folder, "litestream.yml")
        with open(config, "w") as file:
            file.write(f"""dbs:
  - path: {database}
    replicas:
      - type: file
        path: {replica}
        sync-interval: {int(SYNC_INTERVAL)}s
""")
        run([binary, "init", "--db", database])
        connection = sqlite3.connect(database)
        try:
            counseling = connection.execute("SELECT id FROM organization WHERE name = ?", (COUNSELING,)).fetchone()[0]
            provider_org = connection.execute("SELECT id FROM organization WHERE name = ?", (PROVIDER_ORGANIZATION,)).fetchone()[0]
            services = [row[0] for row in connection.execute(
                "SELECT id FROM service WHERE organization_id = ? ORDER BY id", (provider_org,))]
        finally:
            connection.close()   # an open connection would keep the WAL alive at the end
        if not services:
            sys.exit(f"{PROVIDER_ORGANIZATION} hat keine Angebote in den Beispieldaten")
        for email, role, organization in [(COUNSELOR, "counselor", counseling), (PROVIDER, "provider", provider_org)]:
            run([binary, "user", "add", email, "--role", role, "--name", role, "--organization", organization,
                 "--password-stdin", "--db", database], stdin=PASSWORD + "\n")

        environment = dict(os.environ, LOTSE_LITESTREAM="1", LOTSE_DIGEST_TIME="off", LOTSE_HOME=ROOT)
        serve, port = start_serve(binary, database, environment)
        replicate = subprocess.Popen([litestream, "replicate", "-config", config], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(folder, "litestream.log"), "w"), start_new_session=True)
        time.sleep(2)   # the first snapshot
        counselor, provider = Client(port), Client(port)
        counselor.log_in(COUNSELOR)
        provider.log_in(PROVIDER)
        _, _, need_form = counselor.request("GET", "/vermittlungen/neu")
        area = re.search(r'<select[^>]*name="sozialraum"[^>]*>.*?<option value="([^"]+)"', need_form, re.S)
        need = re.search(r'name="bedarf" value="([^"]+)"', need_form)
        if not area or not need:
            sys.exit("Bedarfsformular ohne Sozialraum oder Bedarf")

        acknowledged = []   # (time acknowledged, kind, key, value)
        started = time.monotonic()
        number = 0
        print(f"== {arguments.seconds:.0f} s Schreiben über das Web (Vermittlungen und freie Plätze)")
        while time.monotonic() - started < arguments.seconds:
            number += 1
            case = f"DRILL-{number:05d}"
            status, headers, _ = counselor.request("POST", "/vermittlungen/neu", {
                "csrf": counselor.csrf(need_form), "sozialraum": area.group(1), "bedarf": need.group(1), "fallzeichen": case})
            if status != 303:
                sys.exit(f"Vermittlungsentwurf {case}: {status}")
            acknowledged.append((time.monotonic(), "referral", case, case))
            service = services[number % len(services)]
            _, _, capacity_form = provider.request("GET", f"/pflege/angebote/{service}/plaetze")
            form = {k: v for k, v in fields(capacity_form).items() if k == "csrf" or k.startswith("frei-")}
            form = {k: (v or "0") for k, v in form.items()}
            form.update({"capacity_status": "available", "capacity_note": f"drill-{number:05d}"})
            status, _, page = provider.request("POST", f"/pflege/angebote/{service}/plaetze", form)
            if status != 303:
                errors = re.findall(r'class="error[^>]*>([^<]+)', page)[:3]
                sys.exit(f"Freie Plätze {service}: {status} {errors}")
            acknowledged.append((time.monotonic(), "capacity", service, number))
            time.sleep(0.05)
        killed = time.monotonic()
        os.killpg(serve.pid, signal.SIGKILL)
        os.killpg(replicate.pid, signal.SIGKILL)
        serve.wait()
        replicate.wait()
        print(f"== SIGKILL nach {len(acknowledged)} bestätigten Schreibvorgängen; Datenbank gelöscht")
        for suffix in ["", "-wal", "-shm"]:
            if os.path.exists(database + suffix):
                os.remove(database + suffix)

        restore_started = time.monotonic()
        result = run([litestream, "restore", "-config", config, database], check=False)
        if result.returncode != 0:
            sys.exit(f"litestream restore fehlgeschlagen: {result.stderr.strip()}")
        print(f"== litestream restore: {time.monotonic() - restore_started:.2f} s")

        connection = sqlite3.connect(database)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            cases = {row[0] for row in connection.execute("SELECT case_reference FROM referral WHERE case_reference LIKE 'DRILL-%'")}
            notes = dict(connection.execute("SELECT id, capacity_note FROM service WHERE capacity_note LIKE 'drill-%'").fetchall())
        finally:
            connection.close()
        if integrity != "ok":
            failures.append(f"integrity_check: {integrity}")
        missing = []
        for at, kind, key, value in acknowledged:
            if kind == "referral":
                present = value in cases
            else:   # a later write to the same service may have replaced the note: at least this one
                note = notes.get(key)
                present = note is not None and int(note.split("-")[1]) >= value
            if not present:
                missing.append((at, kind, key))
        window = killed - min(at for at, _, _ in missing) if missing else 0.0
        bound = SYNC_INTERVAL + MARGIN
        late = [m for m in missing if killed - m[0] > bound]
        print(f"== verloren: {len(missing)} von {len(acknowledged)} bestätigten Schreibvorgängen; "
              f"Verlustfenster {window:.2f} s (erlaubt: Schreibvorgänge der letzten {bound:.1f} s)")
        if late:
            failures.append(f"{len(late)} Schreibvorgänge fehlen, die länger als {bound:.1f} s vor dem Abbruch bestätigt waren: {late[:3]}")
        audit = run([binary, "audit", "verify", "--db", database], check=False)
        if audit.returncode != 0:
            failures.append(f"lotse audit verify: {audit.stderr.strip()}")
        else:
            print(f"== {audit.stdout.strip()}")

        serve, port = start_serve(binary, database, dict(environment, LOTSE_LITESTREAM="0"))
        try:
            status, _, page = Client(port).request("GET", "/suche?q=Beratung")
            if status != 200:
                failures.append(f"Suche nach der Wiederherstellung: {status}")
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(timeout=20)
        if os.path.exists(database + "-wal"):
            failures.append("nach SIGTERM liegt noch ein WAL neben der Datenbank")

    if failures:
        for failure in failures:
            print(f"FEHLER: {failure}", file=sys.stderr)
        sys.exit(1)
    print("== Replikation geprüft: alles älter als das Intervall ist wiederhergestellt")


if __name__ == "__main__":
    main()

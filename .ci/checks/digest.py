#!/usr/bin/env python3
"""digest.py: the weekly digest through a real MTA (exim4, local Maildir delivery).

For the seeded network with recipients whose names have umlauts:
  * `lotse digest` delivers through /usr/sbin/sendmail; every delivered message is read with
    Python's email package (policy.strict raises nothing, no defects), subject and display
    names decode to the right German text, text and HTML parts exist, no line is longer than
    998 octets, every RFC 2047 encoded word is at most 75 characters, and no personal data of
    referrals (planted names, case references, notes) appears anywhere in a message;
  * faults — a sendmail that exits non-zero, one that hangs, one that fails for half the
    recipients, one that reads half a message and exits 0, a run stopped halfway and a run
    killed with SIGKILL while its sendmails live on and deliver — each followed by a rerun give
    exactly one delivered message per recipient, counted in the Maildirs; under `lotse serve` a
    sendmail that fails and then recovers: the week stays open and the scheduler's retries
    deliver each message once;
  * the links of a delivered digest, replayed against the real server (`lotse serve`): no link
    signs anyone in; a link to a page sends a visitor who is not signed in to /anmelden?weiter=…;
    the one-click links (confirm, unsubscribe, preferences) work until "Überall abmelden" or a
    password change and are refused afterwards, set no session cookie and change nothing; no
    token appears in the server's access log or in the database files;
  * the HTML part has no WCAG 2 A/AA violations in headless Chromium with axe-core 4.12.1.
Needs root (creates local users), exim4 (.ci/checks/install-mta.sh) and the browser tools
(.ci/checks/install-browser.sh). Exits non-zero on any failure.
"""
import argparse
import email
import http.client
import email.parser
import email.policy
import editing  # the shared server helpers (same folder)
import mailbox
import os
import pwd
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SENDMAIL = "/usr/sbin/sendmail -odf -t -i"   # -odf: exim delivers before it returns
RECIPIENTS = [  # (local user, display name, role)
    ("lotseanbieter", "Jürgen Müller-Lüdenscheidt", "provider"),
    ("lotseanbieterin", "Dr. Ayşe Öztürk-Weiß", "provider"),
    ("lotsekoord", "Koordination Bremen-Süd, Straße der Ämter", "coordinator"),
    ("lotseberater", "Berta Bärwald", "counselor"),
]
PASSWORD = "ein-langes-passwort-2026"   # the two provider editors also log in with a password
PLANTED = ["Kunigunde Planted-Geheim", "AZ-GEHEIM-4711", "Notiz-Vertraulich-Xyz", "geheim.buerger@example.org", "Geheimgasse 13", "23125 999"]
failures = []


def fail(message):
    print("FEHLER:", message)
    failures.append(message)


def run(arguments, environment=None, check=True, stdin=None):
    process = subprocess.run(arguments, env={**os.environ, **(environment or {})}, capture_output=True, text=True, input=stdin)
    if check and process.returncode != 0:
        sys.exit(f"{' '.join(arguments)} -> {process.returncode}\n{process.stdout}\n{process.stderr}")
    return process


def ensure_users():
    for user, _, _ in RECIPIENTS:
        try:
            pwd.getpwnam(user)
        except KeyError:
            run(["useradd", "-m", "-s", "/usr/sbin/nologin", user])


def maildir(user):
    return os.path.join(pwd.getpwnam(user).pw_dir, "Maildir")


def clear_maildirs():
    for user, _, _ in RECIPIENTS:
        shutil.rmtree(maildir(user), ignore_errors=True)


def delivered(user, digests_only=True):
    """The messages in `user`'s Maildir: the weekly digests only, unless `digests_only` is
    false. `lotse serve` also sends notification e-mails about the planted referrals through
    the same sendmail; they are checked by notify.py and left out of the digest counts."""
    path = maildir(user)
    if not os.path.isdir(path):
        return []
    box = mailbox.Maildir(path, factory=None, create=False)
    messages = [box.get_bytes(key) for key in box.keys()]
    if not digests_only:
        return messages
    parser = email.parser.BytesHeaderParser(policy=email.policy.default)
    return [raw for raw in messages if "Wochenübersicht" in str(parser.parsebytes(raw)["Subject"] or "")]


def prepare(binary, directory):
    """A seeded database with the recipients' accounts and planted referral data."""
    database = os.path.join(directory, "pristine.db")
    run([binary, "init", "--db", database])
    connection = sqlite3.connect(database)
    organizations = [row[0] for row in connection.execute(
        "SELECT organization_id FROM service WHERE next_review_due < '2027-01-01' GROUP BY organization_id ORDER BY organization_id LIMIT 4")]
    connection.close()
    for index, (user, name, role) in enumerate(RECIPIENTS):
        arguments = [binary, "user", "add", f"{user}@localhost", "--role", role, "--name", name, "--db", database]
        if role == "provider":
            arguments += ["--organization", organizations[index * 2], "--organization", organizations[index * 2 + 1], "--password-stdin"]
        run(arguments, stdin=PASSWORD + "\n" if role == "provider" else None)
    plant(binary, database)
    return database


def plant(binary, database):
    """Referrals with personal data in every personal field: none of it may reach an e-mail."""
    run([binary, "generate-referrals", "--db", database, "--count", "400", "--seed", "7"])
    connection = sqlite3.connect(database)
    personal = {"case_reference": PLANTED[1], "citizen_name": PLANTED[0], "citizen_phone": "+49 30 23125 999",
                "citizen_email": PLANTED[3], "citizen_address": "Geheimgasse 13, 01307 Dresden", "outcome_text": PLANTED[2],
                "citizen_feedback": PLANTED[2], "reason_text": PLANTED[2]}
    columns = {row[1] for row in connection.execute("PRAGMA table_info(referral)")}
    for column, value in personal.items():
        if column in columns:
            connection.execute(f"UPDATE referral SET {column} = ?", (value,))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    if "referral_note" in tables:
        note_columns = [row[1] for row in connection.execute("PRAGMA table_info(referral_note)") if row[2] == "TEXT"]
        if "text" in note_columns:
            connection.execute("UPDATE referral_note SET text = ?", (PLANTED[2],))
    planted = connection.execute("SELECT count(*) FROM referral WHERE citizen_name = ?", (PLANTED[0],)).fetchone()[0]
    connection.commit()
    connection.close()
    if planted < 100:
        fail(f"only {planted} referrals carry planted personal data")
    print(f"  {planted} Vermittlungen mit erfundenen personenbezogenen Daten angelegt")


def digest(binary, database, environment, expect=None):
    process = run([binary, "digest", "--db", database], {"LOTSE_MAIL_FROM": "lotse@localhost", **environment}, check=False)
    if expect is not None and process.returncode not in expect:
        fail(f"lotse digest with {environment} exited {process.returncode}: {process.stdout} {process.stderr}")
    return process


def expected_counts(database):
    connection = sqlite3.connect(database)
    rows = connection.execute("SELECT a.email FROM digest_delivery d JOIN account a ON a.id = d.account_id WHERE d.status <> 'skipped'").fetchall()
    connection.close()
    return {email_address.split("@")[0] for (email_address,) in rows}


def check_exactly_once(label, database):
    wanted = expected_counts(database)
    counts = {user: len(delivered(user)) for user, _, _ in RECIPIENTS}
    problems = [f"{user}: {count} statt {1 if user in wanted else 0}" for user, count in counts.items() if count != (1 if user in wanted else 0)]
    if problems or not wanted:
        fail(f"{label}: {', '.join(problems) or 'niemand bekam eine Übersicht'}")
    else:
        print(f"  {label}: je genau eine Nachricht für {len(wanted)} Empfänger:innen, keine für die ohne Neuigkeiten")


def check_message(raw, user, name):
    for line in raw.splitlines():   # Maildir files use LF; splitlines covers CRLF too
        if len(line) > 998:
            fail(f"{user}: line of {len(line)} octets")
    for word in re.findall(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=", raw):
        if len(word) > 75:
            fail(f"{user}: encoded word of {len(word)} characters")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.strict)
        defects = list(message.defects) + [d for part in message.walk() for d in part.defects]
        if defects:
            fail(f"{user}: defects {defects}")
        subject = str(message["subject"])
        if not re.fullmatch(r"Ihre Wochenübersicht für KW \d+/\d{4} – .+", subject):
            fail(f"{user}: subject decodes to {subject!r}")
        to = message["to"].addresses[0]
        if to.display_name != name or to.username != user:
            fail(f"{user}: To decodes to {to.display_name!r} <{to.addr_spec}>")
        for header in ("Date", "Message-ID", "MIME-Version", "From", "List-Unsubscribe", "List-Unsubscribe-Post"):
            if message[header] is None:
                fail(f"{user}: header {header} missing")
        if message["Auto-Submitted"] != "auto-generated":
            fail(f"{user}: Auto-Submitted is {message['Auto-Submitted']!r}")
        if message.get_content_type() != "multipart/alternative":
            fail(f"{user}: {message.get_content_type()}")
        plain, html = message.get_body(("plain",)), message.get_body(("html",))
        if plain is None or html is None:
            fail(f"{user}: text or HTML part missing")
            return None
        if name.split()[0] not in plain.get_content():
            fail(f"{user}: greeting without the name")
        text = plain.get_content() + html.get_content() + raw.decode("utf-8", "replace")
        for secret in PLANTED:
            if secret.lower() in text.lower():
                fail(f"{user}: personal data {secret!r} in the message")
        return html.get_content()
    except Exception as error:  # policy.strict raises on any defect
        fail(f"{user}: {type(error).__name__}: {error}")
        return None


# ---- the links of a delivered digest, replayed against the real server ----

class Client:
    """A tiny browser: keeps cookies, never follows redirects."""

    def __init__(self, base):
        self.base = urllib.parse.urlsplit(base)
        self.cookies = {}
        self.set_cookies = []

    def send(self, method, path, form=None, raw_body=None):
        connection = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = raw_body
        if form is not None:
            body = urllib.parse.urlencode(form)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                self.set_cookies.append(value)
                pair = value.split(";")[0]
                key, _, content = pair.partition("=")
                if content and "Max-Age=0" not in value:
                    self.cookies[key] = content
                else:
                    self.cookies.pop(key, None)
        connection.close()
        return response.status, response.getheader("Location"), text

    def csrf(self, page):
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        return match.group(1) if match else ""

    def has_session(self):
        return "lotse_sitzung" in self.cookies

    def log_in(self, email_address):
        _, _, page = self.send("GET", "/anmelden")
        status, _, _ = self.send("POST", "/anmelden", {"csrf": self.csrf(page), "email": email_address, "passwort": PASSWORD})
        if status != 303 or not self.has_session():
            fail(f"password login of {email_address} answered {status}")


def digest_links(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    return sorted({link.rstrip(".,;)") for link in re.findall(r"https?://[^\s<>\"]+", text)})


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + (("?" + parts.query) if parts.query else "")


def start_server(binary, database, log_path):
    """`lotse serve` with exim's sendmail and no digest schedule, its log in `log_path`."""
    environment = {**os.environ, "LOTSE_SENDMAIL": SENDMAIL, "LOTSE_MAIL_FROM": "lotse@localhost", "LOTSE_DIGEST_TIME": "off"}
    environment.pop("LOTSE_PUBLIC_URL", None)
    return editing.start_server(binary, database, environment, stderr=open(log_path, "w"))


stop_server = editing.stop_server


def one_click_state(database, account_email):
    connection = sqlite3.connect(database)
    row = connection.execute("SELECT p.enabled FROM digest_preference p JOIN account a ON a.id = p.account_id WHERE a.email = ?",
                             (account_email,)).fetchone()
    sessions = connection.execute("SELECT count(*) FROM session s JOIN account a ON a.id = s.account_id WHERE a.email = ?",
                                  (account_email,)).fetchone()[0]
    connection.close()
    return (None if row is None else row[0]), sessions


def replay_refused(base, database, user, links, label):
    """After a revocation: every one-click link is refused, acts on nothing, signs nobody in."""
    address = f"{user}@localhost"
    before = one_click_state(database, address)
    for link in links:
        path = path_of(link)
        if not path.startswith("/e/"):
            continue
        visitor = Client(base)
        status, _, page = visitor.send("GET", path)
        if status not in (404, 410) or visitor.has_session():
            fail(f"{label}: GET {path[:30]}… answered {status}" + (" with a session" if visitor.has_session() else ""))
        status, location, _ = visitor.send("POST", path, {"csrf": visitor.csrf(visitor.send("GET", "/anmelden")[2])})
        if status not in (404, 410) or visitor.has_session():
            fail(f"{label}: POST {path[:30]}… answered {status} {location or ''}")
        if path.startswith("/e/abmelden/"):
            status, _, _ = Client(base).send("POST", path, raw_body="List-Unsubscribe=One-Click")
            if status not in (404, 410):
                fail(f"{label}: one-click unsubscribe (RFC 8058) answered {status}")
    after = one_click_state(database, address)
    if after != before:
        fail(f"{label}: a refused link changed something: {before} -> {after}")


def check_links(binary, database, work):
    """Replays the delivered digests' links against `lotse serve` (see the module docstring)."""
    log_path = os.path.join(work, "serve.log")
    server, base = start_server(binary, database, log_path)
    try:
        all_links = []
        for user, _, role in RECIPIENTS:
            for raw in delivered(user):
                links = digest_links(raw)
                all_links += links
                for link in links:
                    path = path_of(link)
                    if path.startswith("/e/anmelden") or path.startswith("/anmelden/link"):
                        fail(f"{user}: the digest carries a login link {path[:30]}…")
                    elif not path.startswith("/e/") and path not in ("", "/"):
                        visitor = Client(base)
                        status, location, _ = visitor.send("GET", path)
                        target = urllib.parse.urlsplit(location or "")
                        back = urllib.parse.parse_qs(target.query).get("weiter", [""])[0]
                        if status != 303 or target.path != "/anmelden" or back != path or visitor.has_session():
                            fail(f"{user}: {path} answered {status} {location} (wanted 303 to /anmelden?weiter={path})")
        if not any(path_of(link).startswith("/e/abmelden/") for link in all_links):
            fail("no unsubscribe link in the delivered digests")
        print(f"  {len(all_links)} Links aus {sum(len(delivered(u)) for u, _, _ in RECIPIENTS)} Übersichten: keiner meldet an, "
              "Seiten führen ohne Sitzung zu /anmelden?weiter=…")

        providers = [user for user, _, role in RECIPIENTS if role == "provider"]
        for user, action in zip(providers, ("logout-everywhere", "password")):
            links = [link for raw in delivered(user) for link in digest_links(raw)]
            one_click = [path_of(link) for link in links if path_of(link).startswith("/e/")]
            if not one_click:
                fail(f"{user}: no one-click links to replay")
                continue
            for path in one_click:   # valid before: the GET shows the button and acts on nothing
                visitor = Client(base)
                status, _, _ = visitor.send("GET", path)
                if status != 200 or visitor.has_session():
                    fail(f"{user}: fresh link {path[:30]}… answered {status} before the revocation")
            person = Client(base)
            person.log_in(f"{user}@localhost")
            _, _, account_page = person.send("GET", "/konto")
            if action == "logout-everywhere":
                status, _, _ = person.send("POST", "/abmelden/ueberall", {"csrf": person.csrf(account_page)})
                label = "nach „Überall abmelden“"
            else:
                status, _, _ = person.send("POST", "/konto/passwort", {"csrf": person.csrf(account_page), "aktuell": PASSWORD,
                                                                       "passwort": PASSWORD + "-neu", "passwort2": PASSWORD + "-neu"})
                label = "nach einer Passwortänderung"
            if status != 303:
                fail(f"{user}: {action} answered {status}")
            replay_refused(base, database, user, links, label)
            print(f"  {user}: {len(one_click)} Ein-Klick-Links {label} abgelehnt, ohne Sitzung und ohne Wirkung")

        stop_server(server)
        tokens = {path_of(link).rsplit("/", 1)[-1] for link in all_links if path_of(link).startswith("/e/")}
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            log = handle.read()
        leaked = [token for token in tokens if token in log]
        if leaked or "/e/" not in log:
            fail(f"{len(leaked)} tokens in the access log" if leaked else "the access log shows no /e/ requests")
        stored = b""
        for suffix in ("", "-wal"):
            if os.path.exists(database + suffix):
                with open(database + suffix, "rb") as handle:
                    stored += handle.read()
        kept = [token for token in tokens if token.encode() in stored]
        if kept:
            fail(f"{len(kept)} link tokens stored in the database files")
        print(f"  {len(tokens)} Tokens: keiner im Zugriffsprotokoll, keiner in der Datenbank")
    finally:
        stop_server(server)


def check_serve_retries(binary, database, work):
    """The digest inside `lotse serve` with a sendmail that fails at first: the week is not
    marked done, the scheduler tries the failed messages again, and each arrives once."""
    broken = os.path.join(work, "broken")
    recovering = os.path.join(work, "recovering-sendmail")
    with open(recovering, "w") as handle:
        handle.write(f"#!/bin/sh\nif [ -e {broken} ]; then cat >/dev/null; exit 75; fi\nexec {SENDMAIL}\n")
    os.chmod(recovering, 0o755)
    open(broken, "w").close()
    log_path = os.path.join(work, "serve-retry.log")
    environment = {**os.environ, "LOTSE_SENDMAIL": recovering, "LOTSE_MAIL_FROM": "lotse@localhost", "LOTSE_DIGEST_TIME": "MO 00:00"}
    process = subprocess.Popen([binary, "serve", "--port", "0", "--db", database], stdout=subprocess.DEVNULL,
                               stderr=open(log_path, "w"), start_new_session=True, env=environment)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and "fehlgeschlagen" not in open(log_path).read():
            time.sleep(1)
        if sum(len(delivered(user)) for user, _, _ in RECIPIENTS):
            fail("serve: a failing sendmail delivered something")
        connection = sqlite3.connect(database)
        done = connection.execute("SELECT value FROM lotse_meta WHERE key = 'digest_scheduler_week'").fetchone()
        connection.close()
        if done is not None:
            fail(f"serve marked the week {done[0]} done after a run with failures")
        os.unlink(broken)   # sendmail recovers
        deadline = time.time() + 240
        wanted = expected_counts(database)
        while time.time() < deadline and sum(len(delivered(user)) for user, _, _ in RECIPIENTS) < len(wanted):
            time.sleep(2)
        time.sleep(2)
        check_exactly_once("serve: fehlgeschlagene Übersichten später erneut versucht", database)
    finally:
        stop_server(process)


def check_accessibility(html_parts, axe_js):
    if not html_parts:
        fail("no HTML parts to check")
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=800,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(300)   # axe-core on a loaded machine (see editing.make_driver)
    axe = open(axe_js, encoding="utf-8").read()
    try:
        for user, html in html_parts:
            with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as handle:
                handle.write(html)
            for width in (800, 320):
                driver.set_window_size(width, 900)
                driver.get("file://" + handle.name)
                driver.execute_script(axe)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}}).then(done);")
                violations = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
                if violations:
                    fail(f"axe {user} at {width}px: {violations}")
            os.unlink(handle.name)
        print(f"  axe-core {result['testEngine']['version']}: HTML-Teil von {len(html_parts)} Nachrichten bei 800 und 320 px geprüft")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lotse"))
    parser.add_argument("--axe", default="/tmp/axe/axe_playwright_python/axe.min.js")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    ensure_users()
    work = tempfile.mkdtemp(prefix="lotse-digest-")
    try:
        pristine = prepare(binary, work)

        def fresh():
            database = os.path.join(work, "run.db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(database + suffix):
                    os.unlink(database + suffix)
            shutil.copy(pristine, database)
            clear_maildirs()
            return database

        print("== Zustellung über exim4")
        database = fresh()
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("normaler Lauf", database)
        html_parts = []
        for user, name, _ in RECIPIENTS:
            for raw in delivered(user):
                html = check_message(raw, user, name)
                if html:
                    html_parts.append((user, html))
        print(f"  {len(html_parts)} Nachrichten mit email.policy.strict gelesen")
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("zweiter Lauf derselben Woche", database)

        print("== Links der Übersicht gegen den laufenden Server (lotse serve)")
        check_links(binary, database, work)

        print("== Fehler beim Versand, jeweils mit zweitem Lauf")
        database = fresh()
        digest(binary, database, {"LOTSE_SENDMAIL": "/bin/false"}, expect={75})
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("sendmail mit Status 1", database)

        database = fresh()
        started = time.time()
        digest(binary, database, {"LOTSE_SENDMAIL": "/bin/sleep 60", "LOTSE_SENDMAIL_TIMEOUT": "1"}, expect={75})
        if time.time() - started > 30:
            fail("hanging sendmail was not cut off")
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("sendmail hängt", database)

        database = fresh()
        flaky = os.path.join(work, "flaky-sendmail")
        counter = os.path.join(work, "flaky-count")
        with open(flaky, "w") as handle:
            # Lotse runs several senders at once: the counter is taken under a lock, or two calls
            # read the same number and every other call no longer fails.
            handle.write(f"#!/bin/sh\nexec 9>>{counter}.lock\nflock 9\n"
                         f"n=$(cat {counter} 2>/dev/null || echo 0); n=$((n + 1)); echo $n > {counter}\nflock -u 9\n"
                         f"if [ $((n % 2)) -eq 0 ]; then cat >/dev/null; exit 75; fi\nexec {SENDMAIL}\n")
        os.chmod(flaky, 0o755)
        digest(binary, database, {"LOTSE_SENDMAIL": flaky}, expect={75})
        half = sum(len(delivered(user)) for user, _, _ in RECIPIENTS)
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once(f"sendmail nur für die Hälfte ({half} im ersten Lauf)", database)

        database = fresh()
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL, "LOTSE_DIGEST_STOP_AFTER": "1"}, expect={70})
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("Abbruch nach der ersten Nachricht", database)

        database = fresh()
        half_reader = os.path.join(work, "half-sendmail")
        with open(half_reader, "w") as handle:   # reads the first 100 bytes, then claims success
            handle.write("#!/bin/sh\nhead -c 100 >/dev/null\nexit 0\n")
        os.chmod(half_reader, 0o755)
        digest(binary, database, {"LOTSE_SENDMAIL": half_reader}, expect={75})
        if sum(len(delivered(user)) for user, _, _ in RECIPIENTS):
            fail("a sendmail that read half a message delivered something")
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        check_exactly_once("sendmail liest die Hälfte und endet mit 0", database)

        database = fresh()
        slow = os.path.join(work, "slow-sendmail")
        with open(slow, "w") as handle:
            handle.write(f"#!/bin/sh\nsleep 2\nexec {SENDMAIL}\n")
        os.chmod(slow, 0o755)
        process = subprocess.Popen([binary, "digest", "--db", database], env={**os.environ, "LOTSE_SENDMAIL": slow, "LOTSE_MAIL_FROM": "lotse@localhost"},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(3)   # the first messages are delivered, the next ones are in their sleep
        os.kill(process.pid, signal.SIGKILL)   # only Lotse: its sendmails live on and deliver
        process.wait()
        digest(binary, database, {"LOTSE_SENDMAIL": SENDMAIL}, expect={0})
        time.sleep(3)   # any sendmail still running has delivered by now
        check_exactly_once("kill -9 mitten im Lauf, sendmail lebt weiter", database)

        print("== lotse serve: sendmail fällt aus und erholt sich")
        check_serve_retries(binary, fresh(), work)

        print("== Barrierefreiheit des HTML-Teils")
        check_accessibility(html_parts, arguments.axe)
    finally:
        clear_maildirs()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"digest.py: {len(failures)} Fehler")
        sys.exit(1)
    print("digest.py: alles in Ordnung")


if __name__ == "__main__":
    main()

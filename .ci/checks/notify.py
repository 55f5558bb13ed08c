#!/usr/bin/env python3
"""notify.py: a referral sent in the browser reaches the provider as one notification e-mail.

Under `lotse serve` with exim4 as sendmail (local Maildir delivery), a counselor sends a referral
through the web (plain HTTP with CSRF: need, consent, send, then a note) with a planted name,
phone number, case reference and note. Within the notification mailer's interval (plus the
scheduler's tick and a margin):
  * exactly one message arrives in the provider editor's Maildir, and no second one later;
  * it parses with Python's email package under policy.strict without defects, with text and
    HTML parts, and names the organization;
  * none of the planted values appears anywhere in it;
  * its link leads to the referral's own page; followed while not signed in it answers with a
    redirect to /anmelden?weiter=… and sets no session.
Prints the latency from the send (the web's answer) to the sendmail call (a wrapper records the
time of each call). The serve-side interval is shortened with the debug-build test hook
LOTSE_NOTIFY_INTERVAL (default here 5 s; production: 30 s).
Needs root (creates a local user) and exim4 (.ci/checks/install-mta.sh). Exits non-zero on any
failure.
"""
import argparse
import email
import email.policy
import os
import re
import sqlite3
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import digest  # noqa: E402  (exim4 helpers, Maildirs, the HTTP client, serve start/stop)

PROVIDER_USER = "lotseanbieter"   # a local user digest.py also uses (its Maildir is cleared)
COUNSELOR = "beratung-notify@example.org"
CITIZEN = "Kunigunde Planted-Geheim"
PHONE = "0351 4711 999"
CASE = "AZ-GEHEIM-4711"
NOTE = "Notiz-Vertraulich-Xyz"
PLANTED = [CITIZEN, "Planted-Geheim", PHONE, "4711 999", CASE, NOTE]


class Form:
    """The fields a browser submits for one form of a page, defaults included."""

    def __init__(self, page, action):
        match = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', page, re.S)
        if not match:
            digest.fail(f"no form with action {action}")
            self.pairs, self.radios, self.boxes = [], {}, {}
            return
        body = match.group(1)
        self.pairs, self.radios, self.boxes = [], {}, {}
        for tag in re.findall(r"<input[^>]*>", body):
            name = re.search(r'name="([^"]+)"', tag)
            kind = (re.search(r'type="([^"]+)"', tag) or re.match("(.*)", "text")).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            if not name:
                continue
            name, value = name.group(1), (value.group(1) if value else "")
            if kind == "radio":
                self.radios.setdefault(name, []).append((value, " checked" in tag))
            elif kind == "checkbox":
                self.boxes.setdefault(name, []).append((value, " checked" in tag))
            else:
                self.pairs.append((name, value))
        for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
            values = re.findall(r'<option value="([^"]*)"( selected)?', options)
            chosen = [v for v, s in values if s and v] or [v for v, _ in values if v] or [""]   # else the first real option
            self.pairs.append((name, chosen[0]))
        for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
            self.pairs.append((name, text))

    def submit(self, overrides=None, boxes=None):
        overrides, boxes = overrides or {}, boxes or {}
        pairs = [(n, overrides.get(n, v)) for n, v in self.pairs]
        pairs += [(n, v) for n, v in overrides.items() if n not in {p[0] for p in self.pairs} and n not in self.radios]
        for name, options in self.radios.items():
            pairs.append((name, overrides.get(name) or next((v for v, c in options if c), options[0][0])))
        for name, options in self.boxes.items():
            wanted = boxes.get(name)
            pairs += [(name, v) for v, c in options if (v in wanted if wanted is not None else c)]
        return pairs


def prepare(binary, folder):
    database = os.path.join(folder, "lotse.db")
    digest.run([binary, "init", "--db", database])
    connection = sqlite3.connect(database)
    service, organization, organization_name = connection.execute("""
        SELECT s.id, s.organization_id, o.name FROM service s JOIN organization o ON o.id = s.organization_id
        WHERE s.status = 'active' ORDER BY o.name, s.id LIMIT 1""").fetchone()
    counseling = connection.execute("SELECT id FROM organization WHERE id <> ? ORDER BY name LIMIT 1", (organization,)).fetchone()[0]
    connection.close()
    digest.run([binary, "user", "add", f"{PROVIDER_USER}@localhost", "--role", "provider", "--name", "Jürgen Müller",
                "--organization", organization, "--password-stdin", "--db", database], stdin=digest.PASSWORD + "\n")
    digest.run([binary, "user", "add", COUNSELOR, "--role", "counselor", "--name", "Berta Beratung", "--organization", counseling,
                "--password-stdin", "--db", database], stdin=digest.PASSWORD + "\n")
    # No quiet hours, so that the check passes at night too (they hold routine mail; notify
    # checks delivery, NotificationMailTests the quiet hours).
    digest.run([binary, "config", "set", "mail.quiet_from", "aus", "--db", database])
    return database, service, organization, organization_name


def send_referral(client, service, organization):
    """Need → consent → send → note, as a browser would; returns the referral id and the send time."""
    _, _, page = client.send("GET", "/vermittlungen/neu")
    need = Form(page, "/vermittlungen/neu")
    status, location, answer = client.send("POST", "/vermittlungen/neu", need.submit(
        {"fallzeichen": CASE, "name": CITIZEN, "telefon": PHONE}, {"bedarf": [need.boxes.get("bedarf", [("", False)])[0][0]]}))
    if status != 303 or not location:
        sys.exit(f"Bedarf erfassen: {status} {re.findall(r'field-error[^>]*>([^<]+)', answer)[:3]}")
    referral = location.split("/")[2]
    target = f"service:{service}"
    send_page = f"/vermittlungen/{referral}/versand?" + urllib.parse.urlencode({"ziel": target})
    _, _, page = client.send("GET", send_page)
    consent = Form(page, f"/vermittlungen/{referral}/einwilligung")
    status, _, answer = client.send("POST", f"/vermittlungen/{referral}/einwilligung", consent.submit(
        {"infoblatt": "2026-01", "schweigepflicht": "1", "ziel": target},
        {"empfaenger": [organization], "kategorien": ["needs", "identity", "contact"], "schweigepflicht": ["1"]}))
    if status != 303:
        sys.exit(f"Einwilligung: {status} {re.findall(r'field-error[^>]*>([^<]+)', answer)[:3]}")
    _, _, page = client.send("GET", send_page)
    sent_at = time.time()
    status, _, answer = client.send("POST", f"/vermittlungen/{referral}/senden", [("csrf", client.csrf(page)), ("ziel", target)])
    answered = time.time()
    if status != 303:
        sys.exit(f"Senden: {status} {re.findall(r'(?:field-error|notice)[^>]*>([^<]+)', answer)[:3]}")
    _, _, page = client.send("GET", f"/vermittlungen/{referral}")
    status, _, _ = client.send("POST", f"/vermittlungen/{referral}/notizen",
                               [("csrf", client.csrf(page)), ("notiz", NOTE), ("kategorie", "identity")])
    if status != 303:
        digest.fail(f"Notiz: {status}")
    print(f"  Vermittlung {referral} gesendet (Antwort nach {answered - sent_at:.3f} s)")
    return referral, sent_at


def check_message(raw, organization_name, referral, base):
    try:
        message = email.message_from_bytes(raw, policy=email.policy.strict)
        defects = list(message.defects) + [d for part in message.walk() for d in part.defects]
        if defects:
            digest.fail(f"defects {defects}")
        plain, html = message.get_body(("plain",)), message.get_body(("html",))
        if plain is None or html is None:
            digest.fail("text or HTML part missing")
            return []
        text = plain.get_content() + html.get_content() + raw.decode("utf-8", "replace")
        if "Neue Vermittlung" not in str(message["subject"]) or organization_name not in plain.get_content():
            digest.fail(f"subject {str(message['subject'])!r} or organization {organization_name!r} missing")
        for secret in PLANTED:
            if secret.lower() in text.lower():
                digest.fail(f"personal data {secret!r} in the message")
        links = sorted({link.rstrip(".,;)") for link in re.findall(r"https?://[^\s<>\"]+", plain.get_content())})
        if f"{base}/vermittlungen/{referral}" not in links:
            digest.fail(f"no link to the referral's page: {links}")
        return links
    except Exception as error:  # policy.strict raises on any defect
        digest.fail(f"{type(error).__name__}: {error}")
        return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(digest.ROOT, ".build/debug/lotse"))
    parser.add_argument("--interval", type=float, default=5, help="LOTSE_NOTIFY_INTERVAL for serve (seconds)")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    if os.geteuid() != 0:
        sys.exit("notify.py braucht root (lokale Nutzer und Maildirs für exim4)")
    digest.ensure_users()
    digest.clear_maildirs()
    with tempfile.TemporaryDirectory(prefix="lotse-notify-") as folder:
        database, service, organization, organization_name = prepare(binary, folder)
        stamps = os.path.join(folder, "sendmail-calls")
        wrapper = os.path.join(folder, "sendmail")
        with open(wrapper, "w") as file:
            file.write(f'#!/bin/sh\ndate +%s.%N >> {stamps}\nexec /usr/sbin/sendmail "$@"\n')
        os.chmod(wrapper, 0o755)
        digest.SENDMAIL = f"{wrapper} -odf -t -i"
        os.environ["LOTSE_NOTIFY_INTERVAL"] = str(arguments.interval)
        server, base = digest.start_server(binary, database, os.path.join(folder, "serve.log"))
        try:
            counselor = digest.Client(base)
            counselor.log_in(COUNSELOR)
            referral, sent_at = send_referral(counselor, service, organization)
            window = arguments.interval + min(30, arguments.interval) + 3
            deadline = sent_at + window
            while time.time() < deadline and not digest.delivered(PROVIDER_USER, digests_only=False):
                time.sleep(0.2)
            arrived = digest.delivered(PROVIDER_USER, digests_only=False)
            if not arrived:
                digest.fail(f"no notification in {PROVIDER_USER}'s Maildir within {window:.0f} s")
            time.sleep(arguments.interval * 2 + 1)   # two more runs: nothing is sent twice
            arrived = digest.delivered(PROVIDER_USER, digests_only=False)
            if len(arrived) != 1:
                digest.fail(f"{len(arrived)} messages in {PROVIDER_USER}'s Maildir, not exactly one")
            calls = [float(line) for line in open(stamps)] if os.path.exists(stamps) else []
            if calls:
                print(f"  Latenz vom Senden bis zum sendmail-Aufruf: {calls[0] - sent_at:.2f} s "
                      f"(Intervall {arguments.interval:g} s; {len(calls)} sendmail-Aufruf(e))")
            if arrived:
                links = check_message(arrived[0], organization_name, referral, base)
                visitor = digest.Client(base)
                for link in links:
                    status, location, _ = visitor.send("GET", digest.path_of(link))
                    wanted = "/anmelden?weiter=" + urllib.parse.quote(digest.path_of(link), safe="")
                    if status != 303 or not (location or "").startswith("/anmelden?weiter="):
                        digest.fail(f"{link} answered {status} {location} to a visitor who is not signed in")
                    elif location != wanted:
                        digest.fail(f"{link} sent to {location}, not {wanted}")
                    if visitor.has_session():
                        digest.fail(f"{link} signed someone in")
                if not digest.failures:
                    print(f"  genau eine Benachrichtigung, streng lesbar, ohne die erfundenen Daten; {len(links)} Link(s) führen zur Anmeldung")
        finally:
            digest.stop_server(server)
    if digest.failures:
        sys.exit(f"notify.py: {len(digest.failures)} Fehler")
    print("notify.py: in Ordnung")


if __name__ == "__main__":
    main()

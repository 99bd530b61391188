#!/usr/bin/env python3
"""Deterministic benchmark corpus: evidence documents derived from the bundled pack's compliant
fixtures (policies/iso42001/tests/fixtures/), shrunk to a realistic size and given varied gaps.

    bench/gen_corpus.py --count 1000 > cards.ndjson              # model cards, 4-8 KB each
    bench/gen_corpus.py --count 1000 --mix > mixed.ndjson        # + pipeline runs, questionnaires
    bench/gen_corpus.py --count 50 --dir corpus/                 # one pretty-printed file each

The same arguments give the same bytes on every machine (seeded random.Random, sorted walks,
no clock). Python 3 standard library only.
"""
import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "policies", "iso42001", "tests", "fixtures")
KEEP = {"kind", "schema_version", "id"}  # never dropped: without them the document is invalid
# Kept when a card is cut down to its size: what every real card has.
CORE = KEEP | {"name", "version", "owner", "lifecycle_stage", "risk_tier", "intended_purpose",
               "impact_assessment", "datasets", "organization"}
OLD_DATES = ["2019-03-01", "2021-06-30", "2023-01-15", "2024-02-29"]


def shrink(value, items, chars):
    """Keeps `items` elements of every list and cuts strings to `chars` characters."""
    if isinstance(value, dict):
        return {k: shrink(v, items, chars) for k, v in value.items()}
    if isinstance(value, list):
        return [shrink(v, items, chars) for v in value[:items]]
    if isinstance(value, str) and len(value) > chars and not value.startswith("sha256:"):
        return value[:chars].rstrip()
    return value


def leaves(value, path=()):
    """Every (path, value) below `value`, in document order."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    yield path, value


def set_at(doc, path, new):
    for p in path[:-1]:
        doc = doc[p]
    doc[path[-1]] = new


def add_gaps(doc, rng, rate):
    """Varied gaps, each with probability `rate`: missing sections, stale dates, emptied lists,
    blanked text, a changed risk tier. A compliant fixture then fails different controls."""
    sections = sorted(k for k in doc if k not in KEEP)
    if rng.random() < rate:
        for k in rng.sample(sections, rng.randint(1, 3)):
            del doc[k]
    def candidates(test):  # looked up afresh after each change: paths move when lists empty
        return [p for p, v in leaves(doc) if p and p[0] not in KEEP and test(v)]

    dates = candidates(lambda v: isinstance(v, str) and len(v) == 10 and v[4:5] == "-")
    if dates and rng.random() < rate:
        set_at(doc, rng.choice(dates), rng.choice(OLD_DATES))
    lists = candidates(lambda v: isinstance(v, list) and v)
    if lists and rng.random() < rate:
        set_at(doc, rng.choice(lists), [])
    # Prose only (long, with spaces): blanking an identifier or an enum value ("ISO/IEC 42001")
    # would make the document break its schema, and eval would refuse it rather than judge it.
    texts = candidates(lambda v: isinstance(v, str) and len(v) > 30 and " " in v)
    if texts and rng.random() < rate:
        set_at(doc, rng.choice(texts), "")
    if "risk_tier" in doc and rng.random() < rate:
        doc["risk_tier"] = rng.choice(["high", "limited", "minimal"])


def make(kind, index, rng, gap_rate):
    with open(os.path.join(FIXTURES, kind + ".json")) as f:
        base = json.load(f)
    # Sizes: model cards 4-8 KB, pipeline runs ~4 KB, questionnaires ~6-8 KB (compact JSON).
    items, chars = {"model_card": (1, rng.choice([60, 80, 100])),
                    "pipeline_run": (2, 80),
                    "vendor_questionnaire": (2, rng.choice([50, 70]))}[kind]
    doc = shrink(base, items, chars)
    doc["id"] = "%s-%06d" % (kind.replace("_", "-"), index)
    if kind == "model_card":  # 4-8 KB: real cards often lack whole sections
        target = rng.randint(5000, 8000)
        optional = sorted(k for k in doc if k not in CORE)
        rng.shuffle(optional)
        while len(json.dumps(doc, separators=(",", ":"))) > target and optional:
            del doc[optional.pop()]
    add_gaps(doc, rng, gap_rate)
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="documents to write")
    ap.add_argument("--seed", type=int, default=42, help="the corpus seed (default 42)")
    ap.add_argument("--mix", action="store_true",
                    help="80%% model cards, 10%% pipeline runs, 10%% vendor questionnaires")
    ap.add_argument("--gap-rate", type=float, default=0.5, help="probability of each kind of gap")
    ap.add_argument("--dir", help="write one pretty-printed DIR/<id>.json per document instead")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    out = sys.stdout
    for i in range(args.count):
        kind = "model_card"
        if args.mix:
            kind = rng.choices(["model_card", "pipeline_run", "vendor_questionnaire"], [8, 1, 1])[0]
        doc = make(kind, i, rng, args.gap_rate)
        if args.dir:
            with open(os.path.join(args.dir, doc["id"] + ".json"), "w") as f:
                json.dump(doc, f, indent=2)
                f.write("\n")
        else:
            out.write(json.dumps(doc, separators=(",", ":")))
            out.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Format independence: termlint must report the same findings (rule, decoded text) on a
catalog whatever file format carries it.

Real catalogs (/usr/share/locale/zh_CN and zh_TW .mo files, through msgunfmt) are converted
with translate-toolkit (a peer's converters: `pip install translate-toolkit`) into XLIFF
(po2xliff), TMX (po2tmx) and CSV (po2csv). termlint checks each form; the findings of each
file are compared with those of its PO as multisets of (rule, text).

Two passes:
  full         the catalogs as they are: differences are expected only where a format
               cannot carry what PO does (plural forms; see docs/formats.md);
  no-plurals   the same catalogs without plural messages: every difference is a bug.

usage: scripts/format_independence.py [--langs zh_CN,zh_TW] [--limit N] [--keep DIR]
Exit status 1 when the no-plurals pass shows any difference.
"""

import argparse
import collections
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMATS = ["po", "xlf", "tmx", "csv"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=False, capture_output=True, text=True, **kw)


def need(tool):
    if shutil.which(tool) is None:
        print(f"skip: {tool} not found (gettext / pip install translate-toolkit)")
        sys.exit(0)


def drop_plurals(src, dst):
    from translate.storage import factory

    store = factory.getobject(src)
    store.units = [u for u in store.units if not u.hasplural()]
    with open(dst, "wb") as f:
        store.serialize(f)


def convert(podir, outroot, lang):
    dirs = {"po": podir}
    for fmt, tool in [("xlf", "po2xliff"), ("csv", "po2csv")]:
        out = os.path.join(outroot, fmt)
        run([tool, "-i", podir, "-o", out])
        dirs[fmt] = out
    out = os.path.join(outroot, "tmx")
    os.makedirs(out, exist_ok=True)
    for po in sorted(glob.glob(os.path.join(podir, "*.po"))):
        stem = os.path.splitext(os.path.basename(po))[0]
        run(["po2tmx", "-l", lang.replace("_", "-"), po, os.path.join(out, stem + ".tmx")])
    dirs["tmx"] = out
    return dirs


def findings(termlint, path, lang):
    r = run([termlint, "check", "--format", "json", "--source-lang", "en",
             "--target-lang", lang.replace("_", "-"), path])
    if r.returncode not in (0, 1, 2) or not r.stdout.strip():
        print(f"termlint failed on {path}: {r.stderr[:500]}")
        sys.exit(1)
    doc = json.loads(r.stdout)
    per_file = collections.defaultdict(collections.Counter)
    for f in doc["findings"]:
        stem = os.path.splitext(os.path.basename(f["file"]))[0]
        per_file[stem][(f["rule"], f["text"])] += 1
    return per_file, doc["errors"], doc["summary"]


def compare(termlint, dirs, lang, label):
    base, base_errors, base_sum = findings(termlint, dirs["po"], lang)
    print(f"  [{label}] po: {base_sum['files']} files, {base_sum['segments']} segments, "
          f"{base_sum['findings']} findings, {len(base_errors)} errors")
    diffs = {}
    for fmt in FORMATS[1:]:
        other, errors, summ = findings(termlint, dirs[fmt], lang)
        stems = set(base) | set(other)
        missing = collections.Counter()
        extra = collections.Counter()
        for s in stems:
            missing.update(base.get(s, collections.Counter()) - other.get(s, collections.Counter()))
            extra.update(other.get(s, collections.Counter()) - base.get(s, collections.Counter()))
        same = sum(sum(c.values()) for c in base.values()) - sum(missing.values())
        print(f"  [{label}] {fmt}: {summ['files']} files, {summ['segments']} segments, "
              f"{summ['findings']} findings, {len(errors)} errors; same as PO: {same}, "
              f"only in PO: {sum(missing.values())}, only in {fmt}: {sum(extra.values())}")
        for e in errors[:5]:
            print(f"      error: {e}")
        by_rule = collections.Counter()
        for (rule, _), n in missing.items():
            by_rule[("only-po", rule)] += n
        for (rule, _), n in extra.items():
            by_rule[(f"only-{fmt}", rule)] += n
        for (side, rule), n in sorted(by_rule.items()):
            print(f"      {side:10} {rule:24} {n}")
        for (rule, text), _ in list(missing.items())[:3]:
            print(f"      e.g. only in PO:   {rule} {text!r}")
        for (rule, text), _ in list(extra.items())[:3]:
            print(f"      e.g. only in {fmt}: {rule} {text!r}")
        diffs[fmt] = (sum(missing.values()), sum(extra.values()), len(errors))
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--langs", default="zh_CN,zh_TW")
    ap.add_argument("--limit", type=int, default=0, help="catalogs per language (0: all)")
    ap.add_argument("--termlint", default=os.path.join(ROOT, "target/debug/termlint"))
    ap.add_argument("--keep", help="keep the converted files in this directory")
    a = ap.parse_args()
    for tool in ["msgunfmt", "po2xliff", "po2tmx", "po2csv"]:
        need(tool)
    if not os.path.exists(a.termlint):
        subprocess.run(["cargo", "build", "-q"], cwd=ROOT, check=True)
    work = a.keep or tempfile.mkdtemp(prefix="termlint-fi-")
    bad = 0
    for lang in a.langs.split(","):
        mos = sorted(glob.glob(f"/usr/share/locale/{lang}/LC_MESSAGES/*.mo"))
        if a.limit:
            mos = mos[: a.limit]
        if not mos:
            print(f"skip {lang}: no catalogs")
            continue
        print(f"{lang}: {len(mos)} catalogs")
        full = os.path.join(work, lang, "full")
        nopl = os.path.join(work, lang, "no-plurals")
        for d in (full, nopl):
            os.makedirs(os.path.join(d, "po"), exist_ok=True)
        for mo in mos:
            stem = os.path.splitext(os.path.basename(mo))[0]
            po = os.path.join(full, "po", stem + ".po")
            if run(["msgunfmt", mo, "-o", po]).returncode != 0:
                continue
            drop_plurals(po, os.path.join(nopl, "po", stem + ".po"))
        compare(a.termlint, convert(os.path.join(full, "po"), full, lang), lang, "full")
        diffs = compare(a.termlint, convert(os.path.join(nopl, "po"), nopl, lang), lang,
                        "no-plurals")
        bad += sum(m + e + err for m, e, err in diffs.values())
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("no-plurals differences:", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

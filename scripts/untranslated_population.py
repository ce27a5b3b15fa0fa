#!/usr/bin/env python3
"""Whole-population check of the `untranslated` rule on the real gettext catalogs.

Two PO files are written from every translated entry of the catalogs (iso_* excluded):
  copied  every entry whose translation has Han characters, with the source copied into
          the target: the share flagged is the rule's recall on all of them (the sampled
          `untranslated` kind of inject_errors.py draws 3000 of these);
  same    the entries whose translation already equals the source (names, codes, and
          strings the translators left in English): what is flagged there is every finding
          the rule raises on the untouched catalogs, to be read by hand.
Writes PREFIX.miss.txt (copied entries not flagged) and PREFIX.same.txt (FLAG/---- per
same entry), one `catalog<TAB>source` line each, line breaks shown as U+2424.

Usage: scripts/untranslated_population.py [--termlint PATH] [--locale zh_CN|zh_TW] [PREFIX]
Needs msgunfmt (gettext). Exits 0 either way: it is a measurement.
"""
import argparse
import bisect
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_pairs  # noqa: E402
from inject_errors import write_po  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--termlint", default=os.environ.get("TERMLINT", "target/debug/termlint"))
    ap.add_argument("--locale", default="zh_CN")
    ap.add_argument("prefix", nargs="?", default=None)
    a = ap.parse_args()
    cats = sorted(p for p in glob.glob(f"/usr/share/locale/{a.locale}/LC_MESSAGES/*.mo")
                  if not os.path.basename(p).startswith("iso_"))
    if not cats:
        print(f"no catalogs in /usr/share/locale/{a.locale}/LC_MESSAGES: skipped")
        return
    lang = a.locale.replace("_", "-")
    tmp = tempfile.mkdtemp(prefix="termlint-untr-")
    prefix = a.prefix or os.path.join(tmp, a.locale)
    pairs = []
    for c in cats:
        name = os.path.basename(c)
        pairs.extend((name, s, t) for s, t in po_pairs.pairs(po_pairs.read_catalog(c)) if t)
    copied = [(n, s) for n, s, t in pairs if s != t and re.search(r"[\u4e00-\u9fff]", t)]
    same = [(n, s) for n, s, t in pairs if s == t]

    def flagged(rows, name):
        path = os.path.join(tmp, name + ".po")
        starts = write_po(path, [(s, s) for _, s in rows])
        p = subprocess.run([a.termlint, "check", path, "--source-lang", "en", "--target-lang", lang,
                            "--format", "json", "--select", "untranslated"], capture_output=True)
        if p.returncode not in (0, 1):
            sys.exit(f"termlint failed ({p.returncode}): {p.stderr.decode()[:2000]}")
        return {bisect.bisect_right(starts, f["line"]) - 1 for f in json.loads(p.stdout)["findings"]}

    hit = flagged(copied, "copied")
    missed = [(n, s) for i, (n, s) in enumerate(copied) if i not in hit]
    found = len(copied) - len(missed)
    print(f"{a.locale}: {len(cats)} catalogs; copied sources flagged {found}/{len(copied)} "
          f"({100.0 * found / max(1, len(copied)):.1f}%)")
    with open(prefix + ".miss.txt", "w", encoding="utf-8") as f:
        for n, s in missed:
            f.write(f"{n}\t{po_pairs.flat(s)}\n")
    hit2 = flagged(same, "same")
    print(f"{a.locale}: entries already equal to their source: {len(same)}, flagged {len(hit2)}")
    with open(prefix + ".same.txt", "w", encoding="utf-8") as f:
        for i, (n, s) in enumerate(same):
            f.write(f"{'FLAG' if i in hit2 else '----'}\t{n}\t{po_pairs.flat(s)}\n")
    print(f"lists: {prefix}.miss.txt, {prefix}.same.txt")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Inject translation errors into copies of the real zh_CN gettext catalogs and measure what
termlint's number and untranslated rules find.

Kinds injected (each into its own copy, one error per chosen entry):
  number        change a number of the target that the source has too (32 -> 33)
  number-han    change a Chinese numeral before a measure word (两个 -> 三个) where the
                source has that value written as a digit or an English word
  hedge         delete the Chinese hedge (至少, 最多, 超过, 不超过, 约, 大约, 不到, 以上,
                以内, 左右...) next to a number whose English source has a hedge
  untranslated  copy the source into the target (entries the translator did translate; PO copy)
  missing       empty the target (rule missing-translation, off by default: selected here; PO copy)

For each kind: the share of injected entries on which the expected rule fires on that entry
(target: >= 98%), and the findings on untouched entries (false positives, or real errors
of the catalogs), with a sample to judge by hand.

Usage: scripts/inject_errors.py [--termlint PATH] [--sample N] [--seed N] [CATALOG...]
Default catalogs: /usr/share/locale/zh_CN/LC_MESSAGES/*.mo except iso_*.
Needs msgunfmt (gettext). Exits 0 even when targets are missed: it is a measurement.
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_pairs  # noqa: E402

RULES = {
    "number": "number-mismatch",
    "number-han": "number-mismatch",
    "hedge": "number-hedge",
    "untranslated": "untranslated",
    "missing": "missing-translation",
}

# a standalone number: not glued to letters, digits, '_', '%', '$', '.', '-' before
NUM_RE = re.compile(r"(?<![\w.%$\-/#\\=])\d+(?:\.\d+)?(?![\w%$]|\.\d)")
HAN_NUM = "一二两三四五六七八九十"
HAN_VAL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
MEASURE = "个位名台次年月日天种项条件份倍层级步行列页章节本张组对套部批类字元秒周"
EN_HEDGE = re.compile(r"\b(about|approximately|around|nearly|almost|over|more than|at least|up to|at most|"
                      r"less than|fewer than|no more than|not more than|within|under|above|exceeds?|a maximum of|a minimum of)\s+(\d+)(?![\w^])", re.I)
ZH_HEDGES = ["不超过", "不少于", "至少", "最多", "最少", "超过", "大约", "不到", "少于", "多于", "大于", "小于", "以上", "以内", "以下", "左右", "约", "内"]


def run_termlint(termlint, src_path, tgt_path, select):
    cmd = [termlint, "check", "--source", src_path, "--target", tgt_path, "--align", "lines",
           "--source-lang", "en", "--target-lang", "zh-CN", "--format", "json", "--select", ",".join(select)]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"termlint failed ({p.returncode}): {p.stderr.decode()[:2000]}")
    return json.loads(p.stdout)["findings"]


def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    parts = s.split("\n")
    lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(lines) <= 1:
        return '"' + (lines[0] if lines else "") + '"'
    return '""\n' + "\n".join('"' + l + '"' for l in lines)


def write_po(path, rows):
    """Write (source, target) rows as a PO file; return the first line of each entry."""
    starts = []
    out = ['msgid ""', 'msgstr ""', '"Language: zh_CN\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Plural-Forms: nplurals=1; plural=0;\\n"', ""]
    line = len(out) + 1
    for s, t in rows:
        starts.append(line)
        block = ["msgid " + po_quote(s), "msgstr " + po_quote(t), ""]
        text = "\n".join(block)
        out.append(text)
        line += text.count("\n") + 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return starts


def run_po_kind(termlint, tmp, pairs, rng, max_n, kind, inject, rule):
    """Inject `kind` into up to `max_n` entries of a PO copy (real line breaks, read by
    termlint's PO reader); return ((injected, found, findings on untouched entries), missed
    entries, error)."""
    import bisect
    order = list(range(len(pairs)))
    rng.shuffle(order)
    chosen = {}
    for i in order:
        if len(chosen) >= max_n:
            break
        _, s, t = pairs[i]
        new = inject(s, t, rng)
        if new is not None and new != t:
            chosen[i] = new
    rows = [(s, chosen.get(i, t)) for i, (_, s, t) in enumerate(pairs)]
    path = os.path.join(tmp, kind + ".po")
    starts = write_po(path, rows)
    cmd = [termlint, "check", path, "--source-lang", "en", "--target-lang", "zh-CN", "--format", "json",
           "--select", rule]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in (0, 1):
        return None, [], p.stderr.decode()[:500]
    found = json.loads(p.stdout)["findings"]
    hit = {bisect.bisect_right(starts, f["line"]) - 1 for f in found if f["rule"] == rule}
    missed = sorted(set(chosen) - hit)
    return (len(chosen), len(set(chosen) & hit), len(hit - set(chosen))), missed, None


def inject_number(s, t, rng):
    # A number the source has once and the target has once: changing one of several equal
    # numbers leaves its value in the target, which no value check can see.
    src_all = [m.group() for m in NUM_RE.finditer(s)]
    tgt_all = [m.group() for m in NUM_RE.finditer(t)]
    cands = [m for m in NUM_RE.finditer(t)
             if src_all.count(m.group()) == 1 and tgt_all.count(m.group()) == 1
             and len(re.findall(r"\d+", s)) == len(src_all)]
    if not cands:
        return None
    m = rng.choice(cands)
    old = m.group()
    if "." in old:
        a, b = old.split(".")
        new = a + "." + str((int(b[-1]) + 1) % 10).join([b[:-1], ""])
    else:
        new = str(int(old) + 1)
    return t[:m.start()] + new + t[m.end():]


def inject_number_han(s, t, rng):
    vals = {int(m.group()) for m in NUM_RE.finditer(s) if m.group().isdigit() and int(m.group()) <= 10}
    low = s.lower()
    vals |= {v for w, v in EN_WORDS.items() if re.search(r"\b" + w + r"\b", low)}
    cands = []
    for i, c in enumerate(t[:-1]):
        same = sum(1 for x in t if HAN_VAL.get(x) == HAN_VAL.get(c)) + t.count(str(HAN_VAL.get(c, "")))
        if c in HAN_VAL and HAN_VAL[c] in vals and HAN_VAL[c] > 1 and t[i + 1] in MEASURE and same == 1 and "双" not in t:
            if i > 0 and t[i - 1] in HAN_NUM:
                continue
            cands.append(i)
    if not cands:
        return None
    i = rng.choice(cands)
    new = "九" if t[i] != "九" else "八"
    return t[:i] + new + t[i + 1:]


def inject_hedge(s, t, rng):
    m = EN_HEDGE.search(s)
    if not m:
        return None
    num = m.group(2)
    pos = [x.start() for x in re.finditer(r"(?<!\d)" + re.escape(num) + r"(?!\d)", t)]
    for p in pos:
        window_lo = max(0, p - 6)
        for h in ZH_HEDGES:
            k = t.rfind(h, window_lo, p)
            if k != -1:
                new = t[:k] + t[k + len(h):]
                # only when no other hedge is left next to the number
                q = p - len(h)
                if any(x in new[max(0, q - 8):q + len(num) + 6] for x in ZH_HEDGES + ["最", "多", "余"]):
                    return None
                return new
        end = p + len(num)
        window = t[end:end + 6]
        for h in ZH_HEDGES:
            k = window.find(h)
            if k != -1:
                new = t[:end + k] + t[end + k + len(h):]
                if any(x in new[max(0, p - 8):end + 6] for x in ZH_HEDGES + ["最", "多", "余"]):
                    return None
                return new
    return None


def inject_untranslated(s, t, rng):
    if s == t or not re.search(r"[\u4e00-\u9fff]", t):
        return None
    return s


def inject_missing(s, t, rng):
    return "" if t else None


INJECTORS = {
    "number": inject_number,
    "number-han": inject_number_han,
    "hedge": inject_hedge,
}
# `untranslated` and `missing` are measured on a PO file written from the same entries
# (see run_po_kind): `missing` needs an empty target, which a line pair cannot hold (blank
# lines are skipped), and a copied source must keep its real line breaks (`Usage:\n`), which
# the line pairs write as U+2424.
PO_KINDS = {
    "untranslated": inject_untranslated,
    "missing": inject_missing,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--termlint", default=os.environ.get("TERMLINT", "target/debug/termlint"))
    ap.add_argument("--sample", type=int, default=15)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--max-per-kind", type=int, default=3000)
    ap.add_argument("catalogs", nargs="*")
    a = ap.parse_args()
    cats = a.catalogs or sorted(p for p in glob.glob("/usr/share/locale/zh_CN/LC_MESSAGES/*.mo")
                                if not os.path.basename(p).startswith("iso_"))
    if not cats:
        print("no catalogs found (need /usr/share/locale/zh_CN/LC_MESSAGES/*.mo): skipped")
        return
    pairs = []
    for c in cats:
        name = os.path.basename(c)
        pairs.extend((name, s, t) for s, t in po_pairs.pairs(po_pairs.read_catalog(c)))
    pairs = [(n, s, t) for n, s, t in pairs if t]  # translated entries only
    print(f"{len(cats)} catalogs, {len(pairs)} translated entries")
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="termlint-inject-")
    flat = po_pairs.flat

    def write(name, rows):
        sp, tp = os.path.join(tmp, name + ".src.txt"), os.path.join(tmp, name + ".tgt.txt")
        with open(sp, "w", encoding="utf-8") as fs, open(tp, "w", encoding="utf-8") as ft:
            for s, t in rows:
                fs.write(flat(s) + "\n")
                ft.write(flat(t) + "\n")
        return sp, tp

    # Baseline: the catalogs as they are.
    base_rules = sorted(set(RULES.values()))
    sp, tp = write("base", [(s, t) for _, s, t in pairs])
    base = run_termlint(a.termlint, sp, tp, base_rules)
    print("\n== findings on the untouched catalogs (all entries) ==")
    by_rule = {}
    for f in base:
        by_rule.setdefault(f["rule"], []).append(f)
    for r in base_rules:
        fs = by_rule.get(r, [])
        print(f"{r:22} {len(fs):6}  ({100.0 * len(fs) / len(pairs):.2f}% of entries)")
        for f in rng.sample(fs, min(a.sample, len(fs))):
            n, s, t = pairs[f["line"] - 1]
            print(f"    [{n}] {f['text']!r}: {f['message']}\n        src: {flat(s)[:160]}\n        tgt: {flat(t)[:160]}")

    print("\n== injected errors ==")
    summary = []
    for kind, inj in INJECTORS.items():
        rule = RULES[kind]
        rows = []
        touched = {}
        order = list(range(len(pairs)))
        rng.shuffle(order)
        chosen = set()
        for i in order:
            if len(chosen) >= a.max_per_kind:
                break
            _, s, t = pairs[i]
            new = inj(s, t, rng)
            if new is not None and new != t:
                chosen.add(i)
                touched[i] = new
        for i, (_, s, t) in enumerate(pairs):
            rows.append((s, touched.get(i, t)))
        sp, tp = write(kind, rows)
        found = run_termlint(a.termlint, sp, tp, [rule])
        hit_lines = {f["line"] for f in found if f["rule"] == rule}
        injected_lines = {i + 1 for i in touched}
        hits = len(injected_lines & hit_lines)
        other = len([f for f in found if f["rule"] == rule and f["line"] not in injected_lines])
        share = 100.0 * hits / len(injected_lines) if injected_lines else float("nan")
        summary.append((kind, rule, len(injected_lines), hits, share, other))
        missed = sorted(injected_lines - hit_lines)
        print(f"{kind:13} -> {rule:20} injected {len(injected_lines):5}  found {hits:5}  "
              f"({share:.1f}%)  findings on untouched entries {other}")
        for ln in missed[: a.sample]:
            n, s, t = pairs[ln - 1]
            print(f"    missed [{n}] src: {flat(s)[:140]}\n           new: {flat(touched[ln - 1])[:140]}")
    for kind, inj in PO_KINDS.items():
        rule = RULES[kind]
        res, missed, err = run_po_kind(a.termlint, tmp, pairs, rng, a.max_per_kind, kind, inj, rule)
        if res is None:
            print(f"{kind:13} -> {rule:20} skipped: termlint could not read the PO copy: {err}")
            continue
        n, hits, other = res
        share = 100.0 * hits / n if n else float("nan")
        summary.append((kind, rule, n, hits, share, other))
        print(f"{kind:13} -> {rule:20} injected {n:5}  found {hits:5}  "
              f"({share:.1f}%)  findings on untouched entries {other}  (PO copy)")
        for i in missed[: a.sample]:
            name, s, _ = pairs[i]
            print(f"    missed [{name}] src: {flat(s)[:140]}")
    print("\n== summary ==")
    ok = True
    for kind, rule, n, hits, share, other in summary:
        mark = "ok" if n and share >= 98.0 else "BELOW TARGET"
        ok &= mark == "ok"
        print(f"{kind:13} {rule:20} {hits}/{n} = {share:.1f}%  {mark}")
    print("all kinds >= 98%" if ok else "some kinds below 98%")


if __name__ == "__main__":
    main()

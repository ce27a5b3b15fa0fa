#!/usr/bin/env python3
"""Measure `merged-words` on real English that no one on this project wrote.

Corpora (read from this machine; missing ones are skipped with a message):
  ui     the msgid/msgid_plural strings of every gettext catalog under
         /usr/share/locale/*/LC_MESSAGES/*.mo (through `msgunfmt`), deduplicated, one
         file per text domain (so "recurs in the same input" means the same catalog);
  prose  the licence texts in /usr/share/common-licenses/* (one file each).

1. False alarms: runs `termlint check --lang en --format json --select merged-words` on the
   clean text and reports findings per 10,000 words for each corpus (targets: prose < 2,
   ui < 5). Every finding is written to OUT/false_alarms_<corpus>.txt for inspection.
2. Recall: deletes the space between random pairs of adjacent words (both at least three
   letters, alphabetic, space-separated, not touching code punctuation), at most one join
   per 40 words, each pair joined once per document (a slip is not repeated), and reports the share of joins flagged (target >= 85%), broken down by
   case shape, plus the joins that are themselves dictionary words (`can not` -> `cannot`:
   correct to leave alone). Misses go to OUT/misses_<corpus>.txt.
3. Function word + acronym: joins every `<function word> <ACRONYM>` pair found (`the GNU`
   -> `theGNU`) and reports the share flagged (target 100%).

Usage: scripts/eval_merged_words.py [--termlint target/release/termlint] [--out DIR]
       [--seed 1] [--limit-domains N]
"""
import argparse
import collections
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

FUNCTION_WORDS = {
    "the", "of", "in", "to", "and", "for", "with", "on", "at", "by", "from", "an", "is",
    "into", "as", "or", "via", "about", "over", "than", "that", "was",
}
WORD = re.compile(r"[A-Za-z]+")


def po_strings(po_text):
    """msgid and msgid_plural strings of a PO file (header excluded)."""
    out = []
    cur_key = None
    cur = []

    def flush():
        if cur_key in ("msgid", "msgid_plural"):
            s = "".join(cur)
            if s:
                out.append(s)

    for line in po_text.splitlines():
        line = line.strip()
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if m:
            flush()
            cur_key, cur = m.group(1), [unescape(m.group(2))]
        elif line.startswith('"') and line.endswith('"') and cur_key:
            cur.append(unescape(line[1:-1]))
        else:
            flush()
            cur_key, cur = None, []
    flush()
    return out


def unescape(s):
    return (s.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\\\", "\\"))


def ui_corpus(limit):
    mos = sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/*.mo"))
    if not mos:
        print("no gettext catalogs under /usr/share/locale: skipping UI strings", file=sys.stderr)
        return {}
    by_domain = collections.defaultdict(list)
    for mo in mos:
        by_domain[os.path.basename(mo)[:-3]].append(mo)
    domains = sorted(by_domain)
    if limit:
        domains = domains[:limit]
    seen = set()
    out = {}
    for d in domains:
        strings = []
        for mo in by_domain[d]:
            try:
                raw = subprocess.run(["msgunfmt", mo], capture_output=True,
                                     check=True).stdout
                m = re.search(rb"charset=([A-Za-z0-9_-]+)", raw)
                enc = m.group(1).decode() if m else "utf-8"
                try:
                    po = raw.decode(enc, errors="replace")
                except LookupError:
                    po = raw.decode("utf-8", errors="replace")
            except (subprocess.CalledProcessError, FileNotFoundError) as e:
                print(f"msgunfmt {mo}: {e}", file=sys.stderr)
                continue
            for s in po_strings(po):
                s = s.strip()
                # One paragraph per string: blank lines inside become single line breaks.
                s = re.sub(r"\n\s*\n", "\n", s)
                if s and s not in seen and WORD.search(s):
                    seen.add(s)
                    strings.append(s)
        if strings:
            out[d] = strings
    return out


def prose_corpus():
    files = sorted(f for f in glob.glob("/usr/share/common-licenses/*") if os.path.isfile(f))
    if not files:
        print("no /usr/share/common-licenses: skipping prose", file=sys.stderr)
    out = {}
    seen = set()
    for f in files:
        real = os.path.realpath(f)
        if real in seen:
            continue
        seen.add(real)
        with open(f, encoding="utf-8", errors="replace") as fh:
            out[os.path.basename(f)] = [fh.read()]
    return out


def word_count(texts):
    return sum(len(WORD.findall(t)) for t in texts)


def write_docs(folder, docs):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, paras in sorted(docs.items()):
        p = os.path.join(folder, re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".txt")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write("\n\n".join(paras) + "\n")
        paths.append(p)
    return paths


def run_termlint(termlint, paths):
    findings = []
    for i in range(0, len(paths), 200):
        r = subprocess.run([termlint, "check", "--lang", "en", "--format", "json",
                            "--select", "merged-words", *paths[i:i + 200]],
                           capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"termlint failed ({r.returncode}): {r.stderr[:2000]}")
        findings.extend(json.loads(r.stdout)["findings"])
    return findings


def line_col_to_offset(text):
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


# A join candidate: two alphabetic words of >= 3 letters separated by one space, not
# touching characters that make them code.
PAIR = re.compile(r"(?<![\w./\\@$%{<&'\"`=:-])([A-Za-z]{3,}) ([A-Za-z]{3,})(?![\w/\\@{(<=_'\"`-]|[.:]\w)")
ACRONYM_PAIR = re.compile(r"(?<![\w./\\@$%{<&'\"`=:-])([a-z]{1,5}) ([A-Z]{2,})(s?)(?![\w/\\@{(<=_'\"`-]|[.:]\w)")


def corrupt(docs, rng, every=40):
    """Delete spaces between random pairs; returns new docs and the joins (doc, para, start, token)."""
    new_docs = {}
    joins = []
    for name, paras in docs.items():
        new_paras = []
        used = set()  # a slip is not repeated: each pair of words joined once per document
        for pi, p in enumerate(paras):
            cands = [m for m in PAIR.finditer(p) if (m.group(1) + m.group(2)).lower() not in used]
            n_words = len(WORD.findall(p))
            k = 0
            if cands:
                k = max(0, int(n_words / every + rng.random()))
            chosen = sorted(rng.sample(cands, min(k, len(cands))), key=lambda m: m.start())
            # Keep joins apart (no two in the same pair of words).
            kept, last_end = [], -1
            for m in chosen:
                key = (m.group(1) + m.group(2)).lower()
                if m.start() > last_end + 1 and key not in used:
                    used.add(key)
                    kept.append(m)
                    last_end = m.end()
            out, pos, shift = [], 0, 0
            for m in kept:
                out.append(p[pos:m.start(1)])
                start = m.start(1) - shift
                tok = m.group(1) + m.group(2)
                out.append(tok)
                joins.append((name, pi, start, tok, m.group(1), m.group(2)))
                pos = m.end(2)
                shift += 1
            out.append(p[pos:])
            new_paras.append("".join(out))
        new_docs[name] = new_paras
    return new_docs, joins


def acronym_joins(docs):
    new_docs = {}
    joins = []
    for name, paras in docs.items():
        new_paras = []
        for pi, p in enumerate(paras):
            out, pos, shift = [], 0, 0
            for m in ACRONYM_PAIR.finditer(p):
                if m.group(1) not in FUNCTION_WORDS:
                    continue
                out.append(p[pos:m.start(1)])
                start = m.start(1) - shift
                tok = m.group(1) + m.group(2) + m.group(3)
                out.append(tok)
                joins.append((name, pi, start, tok, m.group(1), m.group(2)))
                pos = m.end(3)
                shift += 1
            out.append(p[pos:])
            new_paras.append("".join(out))
        new_docs[name] = new_paras
    return new_docs, joins


def flagged_offsets(folder, docs, findings):
    """Set of (doc name, byte offset in file) where a finding starts."""
    name_of = {}
    for name in docs:
        name_of[os.path.join(folder, re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".txt")] = name
    out = set()
    for f in findings:
        name = name_of.get(f["file"])
        if name is None:
            continue
        out.add((name, f["line"], f["column"]))
    return out


def join_positions(docs, joins):
    """Map each join to (doc, line, column) in the written file."""
    res = []
    for name, paras in docs.items():
        text = "\n\n".join(paras) + "\n"
        starts = line_col_to_offset(text)
        para_offsets, off = [], 0
        for p in paras:
            para_offsets.append(off)
            off += len(p) + 2
        for j in joins:
            if j[0] != name:
                continue
            # Offsets here are in characters (Python str), like termlint's columns.
            abs_off = para_offsets[j[1]] + j[2]
            import bisect
            li = bisect.bisect_right(starts, abs_off) - 1
            res.append((j, (name, li + 1, abs_off - starts[li] + 1)))
    return res


def shape(a, b):
    s = lambda w: "C" if w[0].isupper() and w[1:].islower() else ("U" if w.isupper() else ("l" if w.islower() else "m"))
    return s(a) + s(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--termlint", default="target/release/termlint")
    ap.add_argument("--out", default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit-domains", type=int, default=0)
    args = ap.parse_args()
    if not os.path.exists(args.termlint):
        sys.exit(f"{args.termlint} not found: run `cargo build --release` first")
    out = args.out or tempfile.mkdtemp(prefix="termlint-eval-")
    os.makedirs(out, exist_ok=True)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    words_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "en-words.txt")
    dictionary = set()
    if os.path.exists(words_file):
        for line in open(words_file, encoding="utf-8"):
            if not line.startswith("#"):
                dictionary.add(line.split(" ")[0].lower())

    cache = os.path.join(out, "corpus.json")
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as fh:
            corpora = json.load(fh)
    else:
        corpora = {"prose": prose_corpus(), "ui": ui_corpus(args.limit_domains)}
        with open(cache, "w", encoding="utf-8") as fh:
            json.dump(corpora, fh)
    rng = random.Random(args.seed)
    summary = {}
    for cname, docs in corpora.items():
        if not docs:
            continue
        words = sum(word_count(p) for p in docs.values())
        folder = os.path.join(out, cname, "clean")
        paths = write_docs(folder, docs)
        findings = run_termlint(args.termlint, paths)
        rate = len(findings) / words * 10000 if words else 0
        with open(os.path.join(out, f"false_alarms_{cname}.txt"), "w") as fh:
            for f in findings:
                fh.write(f"{f['file']}:{f['line']}:{f['column']}\t{f['text']}\t-> {f.get('suggestion')}\n")
        # Recall on random joins.
        bad_docs, joins = corrupt(docs, rng)
        bfolder = os.path.join(out, cname, "joined")
        write_docs(bfolder, bad_docs)
        bfindings = run_termlint(args.termlint, [os.path.join(bfolder, os.path.basename(p)) for p in paths])
        flagged = flagged_offsets(bfolder, bad_docs, bfindings)
        by_shape = collections.Counter()
        hit_shape = collections.Counter()
        hits = in_dict = in_dict_hits = 0
        misses = []
        for j, pos in join_positions(bad_docs, joins):
            sh = shape(j[4], j[5])
            by_shape[sh] += 1
            is_word = j[3].lower() in dictionary
            in_dict += is_word
            if pos in flagged:
                hits += 1
                hit_shape[sh] += 1
                in_dict_hits += is_word
            else:
                misses.append((j[3], j[4], j[5], is_word))
        with open(os.path.join(out, f"misses_{cname}.txt"), "w") as fh:
            for m in misses:
                fh.write(f"{m[0]}\t{m[1]} {m[2]}\t{'(a word)' if m[3] else ''}\n")
        # Function word + acronym joins.
        adocs, ajoins = acronym_joins(docs)
        afolder = os.path.join(out, cname, "acronym")
        write_docs(afolder, adocs)
        afind = run_termlint(args.termlint, [os.path.join(afolder, os.path.basename(p)) for p in paths])
        aflag = flagged_offsets(afolder, adocs, afind)
        ahits = 0
        amiss = []
        for j, pos in join_positions(adocs, ajoins):
            if pos in aflag:
                ahits += 1
            else:
                amiss.append(j[3])
        with open(os.path.join(out, f"acronym_misses_{cname}.txt"), "w") as fh:
            fh.write("\n".join(amiss) + "\n")
        n = len(joins)
        summary[cname] = {
            "documents": len(docs),
            "words": words,
            "findings_on_clean_text": len(findings),
            "findings_per_10k_words": round(rate, 2),
            "joins": n,
            "joins_found": hits,
            "recall": round(hits / n, 4) if n else None,
            "joins_that_are_words": in_dict,
            "recall_excluding_joins_that_are_words": round((hits - in_dict_hits) / (n - in_dict), 4) if n > in_dict else None,
            "recall_by_shape": {k: f"{hit_shape[k]}/{v}" for k, v in sorted(by_shape.items())},
            "function_word_acronym_joins": len(ajoins),
            "function_word_acronym_recall": round(ahits / len(ajoins), 4) if ajoins else None,
        }
    print(json.dumps(summary, indent=2))
    print(f"details in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Evaluate termlint's bilingual rules on real gettext catalogs.

For every catalog (default: the zh_CN .mo files of this machine, `iso_*` excluded):
  1. `msgunfmt` it to PO, read the entries (plural entries: msgid_plural vs msgstr[0]);
  2. run termlint on the real entries and count findings per rule (`baseline`);
  3. inject errors of each kind into copies of the targets (delete, swap or break a
     placeholder, add/remove a tag, change a URL, drop or replace the final mark, drop a
     bracket or quote, drop a trailing line break or leading spaces) and report per kind
     the share of injected entries on which the expected rule fires, and the findings on
     entries left untouched.

Until termlint reads PO itself the entries go through `--source/--target --align lines`
files, one entry per line, with line breaks written as U+2028 (which termlint counts as a
line break). With --po, the PO files are given to termlint directly.

Usage:
  scripts/inject_placeholders.py [--bin target/debug/termlint] [--show RULE] [--pofilter]
                                 [--po] [CATALOG.mo|.po ...]
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

RULES = [
    "placeholder-mismatch",
    "markup-mismatch",
    "url-mismatch",
    "end-punctuation",
    "bracket-mismatch",
    "whitespace-mismatch",
]
LS = "\u2028"


def unquote(s):
    out = []
    i = 0
    esc = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append(esc.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(text):
    """Entries as dicts: ctx, id, plural, strs {index: str}, flags."""
    entries = []
    cur = None
    key = None

    def flush():
        if cur and "id" in cur:
            entries.append(cur)

    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#,"):
            if cur and "id" in cur:
                flush()
                cur = None
            cur = cur or {"strs": {}, "flags": []}
            cur["flags"] += [f.strip() for f in line[2:].split(",") if f.strip()]
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
        if m:
            kw = m.group(1)
            if kw in ("msgctxt", "msgid") and cur and "id" in cur and (kw == "msgctxt" or key != "ctx"):
                flush()
                cur = None
            cur = cur or {"strs": {}, "flags": []}
            val = unquote(m.group(3))
            if kw == "msgctxt":
                key = "ctx"
            elif kw == "msgid":
                key = "id"
            elif kw == "msgid_plural":
                key = "plural"
            else:
                key = ("str", int(m.group(2) or 0))
            if isinstance(key, tuple):
                cur["strs"][key[1]] = val
            else:
                cur[key] = val
        elif line.startswith('"') and cur is not None and key is not None:
            val = unquote(line[1:-1])
            if isinstance(key, tuple):
                cur["strs"][key[1]] += val
            else:
                cur[key] += val
    flush()
    return entries


def pairs_of(entries):
    """(source, target, flags) of translated entries; Chinese has one plural form."""
    out = []
    for e in entries:
        if e.get("id", "") == "":
            continue
        strs = e["strs"]
        if "plural" in e and len(strs) > 1:
            # a catalog with several forms (some zh_CN catalogs declare nplurals=2):
            # msgstr[0] answers msgid, the others msgid_plural
            for k in sorted(strs):
                if strs[k]:
                    out.append([e["id"] if k == 0 else e["plural"], strs[k], e["flags"]])
            continue
        src = e.get("plural", e["id"])
        tgt = strs.get(0, "")
        if not tgt:
            continue
        out.append([src, tgt, e["flags"]])
    return out


def encodable(s):
    return "\r" not in s and s.replace("\n", LS).strip() != "" and LS not in s


def run_termlint(binary, pairs, workdir, name):
    src = os.path.join(workdir, name + ".src.txt")
    tgt = os.path.join(workdir, name + ".tgt.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("".join(p[0].replace("\n", LS) + "\n" for p in pairs))
    with open(tgt, "w", encoding="utf-8") as f:
        f.write("".join(p[1].replace("\n", LS) + "\n" for p in pairs))
    cmd = [binary, "check", "--source", src, "--target", tgt, "--align", "lines",
           "--source-lang", "en", "--target-lang", "zh-CN", "--format", "json",
           "--select", ",".join(RULES)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode == 2 or not r.stdout.strip():
        sys.exit(f"termlint failed on {name}: {r.stderr.strip()[:500]}")
    data = json.loads(r.stdout)
    by_line = collections.defaultdict(list)
    for f in data["findings"]:
        by_line[f["line"] - 1].append(f)
    return by_line


# ---------------------------------------------------------------- injections
PH = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfgGcsp]"
                r"|%\([A-Za-z_]+\)[sd]|\{[A-Za-z_0-9]*\}|%\{[a-z_]+\}|\$\{[A-Za-z_]+\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
URL = re.compile(r"(?:https?|ftp)://[A-Za-z0-9./_~%?&=#+-]*[A-Za-z0-9/_~=#+-]")
END_SRC = re.compile(r"[.?!:;]$")
ABBREV = re.compile(r"\b(etc|e\.g|i\.e|Inc|Ltd|Co|Mr|Mrs|Ms|Dr|vs|alt|intl)\.$", re.I)
END_TGT = re.compile(r"[。.？?！!：:；;]$")


def strftime_like(s):
    return re.search(r"%[-_0^#]?[EO]?[YHMByZTDRUWVGPk]", s) is not None


def inj_ph_delete(src, tgt, rng):
    srcs = PH.findall(src)
    ms = list(PH.finditer(tgt))
    if not srcs or not ms or strftime_like(src) or "%%" in tgt:
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + tgt[m.end():]


def inj_ph_swap(src, tgt, rng):
    if strftime_like(src) or "$" in tgt:
        return None
    ms = [m for m in PH.finditer(tgt) if m.group().startswith("%") and "(" not in m.group()]
    for a in range(len(ms)):
        for b in range(a + 1, len(ms)):
            if ms[a].group()[-1] != ms[b].group()[-1]:
                x, y = ms[a], ms[b]
                return tgt[:x.start()] + y.group() + tgt[x.end():y.start()] + x.group() + tgt[y.end():]
    return None


def inj_ph_fullwidth(src, tgt, rng):
    ms = [m for m in PH.finditer(tgt) if m.group().startswith("%")]
    if not ms or strftime_like(src):
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + "％" + tgt[m.start() + 1:]


def inj_ph_type(src, tgt, rng):
    ms = [m for m in PH.finditer(tgt) if re.fullmatch(r"%l?[du]", m.group())]
    if not ms or strftime_like(src):
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + "%s" + tgt[m.end():]


def inj_tag_delete(src, tgt, rng):
    if not re.search(r"</[a-zA-Z]", src):
        return None
    ms = [m for m in TAG.finditer(tgt)]
    if not ms:
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + tgt[m.end():]


def inj_tag_add(src, tgt, rng):
    if "<" in tgt:
        return None
    spots = [m.start() for m in re.finditer(r"[\u4e00-\u9fff]", tgt)]
    if not spots:
        return None
    i = rng.choice(spots)
    return tgt[:i] + "<b>" + tgt[i:]


def inj_url_change(src, tgt, rng):
    ms = list(URL.finditer(tgt))
    if not ms or not URL.search(src):
        return None
    m = rng.choice(ms)
    u = m.group()
    host = re.match(r"[a-z]+://([^/]+)", u)
    if host and rng.random() < 0.5:
        h = host.group(1)
        nh = h.replace(".", "-", 1) if "." in h else h + "x"
        nu = u.replace(h, nh, 1)
    else:
        nu = u[:-1] if len(u) > 12 else u + "x"
        if nu.endswith("/") or nu == u[:-1] and u.endswith("/"):
            nu = u + "docs"
    return tgt[:m.start()] + nu + tgt[m.end():]


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _links(text):
    """URL and e-mail matches of `text` (e-mails inside URLs excluded)."""
    urls = list(URL.finditer(text))
    mails = [m for m in EMAIL.finditer(text)
             if not any(u.start() <= m.start() < u.end() for u in urls)]
    return urls + mails


def _swap_letters(s, lo, hi):
    """Swap the first pair of adjacent, different letters in s[lo:hi]."""
    for i in range(lo, hi - 1):
        if s[i].isalpha() and s[i + 1].isalpha() and s[i] != s[i + 1]:
            return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return None


def _host_span(link):
    """(start, end) of the host inside a URL or the domain of an e-mail address."""
    if "@" in link and "://" not in link:
        return link.index("@") + 1, len(link)
    m = re.match(r"[a-z]+://([^/:?#]+)", link)
    return (m.start(1), m.end(1)) if m else None


# URL and e-mail errors, each applied to its own copy of every entry that has a link in
# source and target (the catalogs have few such entries, so each gets every applicable
# variant). Changes the rule deliberately ignores (https vs http, case of the host, a
# trailing slash) are not injected.
def mut_host_typo(link):
    h = _host_span(link)
    return _swap_letters(link, *h) if h else None


def mut_host_dot(link):
    h = _host_span(link)
    if not h or "." not in link[h[0]:h[1]]:
        return None
    i = link.index(".", h[0])
    return link[:i] + "-" + link[i + 1:]


def mut_tld(link):
    h = _host_span(link)
    if not h:
        return None
    host = link[h[0]:h[1]]
    m = re.search(r"\.([a-z]+)$", host)
    if not m:
        return None
    new = {"org": "com", "com": "org", "net": "org"}.get(m.group(1), "com")
    return link[:h[0]] + host[:m.start(1)] + new + link[h[1]:]


def mut_path_typo(link):
    h = _host_span(link)
    if not h or "@" in link and "://" not in link or h[1] >= len(link) - 2:
        return None
    return _swap_letters(link, h[1], len(link))


def mut_path_cut(link):
    h = _host_span(link)
    if not h or "://" not in link:
        return None
    path = link[h[1]:].rstrip("/")
    if "/" not in path or path.rfind("/") == 0 and len(path) < 2:
        return None
    cut = path[:path.rfind("/")]
    return link[:h[1]] + (cut or "/")


def mut_user_typo(link):
    if "@" not in link or "://" in link:
        return None
    return _swap_letters(link, 0, link.index("@"))


def mut_drop(link):
    return ""


URL_MUTATIONS = [
    ("host-typo", mut_host_typo),
    ("host-dot", mut_host_dot),
    ("tld", mut_tld),
    ("path-typo", mut_path_typo),
    ("path-cut", mut_path_cut),
    ("mail-user-typo", mut_user_typo),
    ("link-dropped", mut_drop),
]


def url_variant(src, tgt, mut, rng):
    """`tgt` with one of its links (one the source has too) changed by `mut`, or None."""
    src_links = {m.group().lower().rstrip("/") for m in _links(src)}
    cands = [m for m in _links(tgt) if m.group().lower().rstrip("/") in src_links]
    rng.shuffle(cands)
    for m in cands:
        new = mut(m.group())
        if new is None or new.lower().rstrip("/") == m.group().lower().rstrip("/"):
            continue
        return tgt[:m.start()] + new + tgt[m.end():]
    return None


def inj_end_drop(src, tgt, rng):
    s = src.rstrip()
    t = tgt.rstrip()
    if not END_SRC.search(s) or s.endswith("...") or ABBREV.search(s) or not re.search("[A-Za-z]{2}", s):
        return None
    if not END_TGT.search(t) or t.endswith("..") or t.endswith("…"):
        return None
    return t[:-1] + tgt[len(t):]


def inj_end_comma(src, tgt, rng):
    s = src.rstrip()
    t = tgt.rstrip()
    if not s.endswith(".") or s.endswith("..") or ABBREV.search(s):
        return None
    if not t.endswith("。"):
        return None
    return t[:-1] + "，" + tgt[len(t):]


def inj_bracket_drop(src, tgt, rng):
    ms = [m for m in re.finditer(r"[)）]", tgt)]
    if not ms or PH.search(tgt) and "%(" in tgt or "(" not in src:
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + tgt[m.end():]


def inj_quote_drop(src, tgt, rng):
    ms = [m for m in re.finditer(r"[”」]", tgt)]
    if not ms or not re.search(r"[\"“”]", src):
        return None
    m = rng.choice(ms)
    return tgt[:m.start()] + tgt[m.end():]


def inj_ws_trailing(src, tgt, rng):
    if not src.endswith("\n") or not tgt.endswith("\n") or src.strip() == "":
        return None
    return tgt.rstrip("\n")


def inj_ws_leading(src, tgt, rng):
    if src[:1] in (" ", "\t", "\n") or tgt[:1] in (" ", "\t", "\n"):
        return None
    return "  " + tgt


KINDS = [
    ("placeholder-delete", inj_ph_delete, "placeholder-mismatch"),
    ("placeholder-swap", inj_ph_swap, "placeholder-mismatch"),
    ("placeholder-fullwidth", inj_ph_fullwidth, "placeholder-mismatch"),
    ("placeholder-type", inj_ph_type, "placeholder-mismatch"),
    ("tag-delete", inj_tag_delete, "markup-mismatch"),
    ("tag-add", inj_tag_add, "markup-mismatch"),
    ("url-change", inj_url_change, "url-mismatch"),
    ("end-drop", inj_end_drop, "end-punctuation"),
    ("end-comma", inj_end_comma, "end-punctuation"),
    ("bracket-drop", inj_bracket_drop, "bracket-mismatch"),
    ("quote-drop", inj_quote_drop, "bracket-mismatch"),
    ("whitespace-trailing-newline", inj_ws_trailing, "whitespace-mismatch"),
    ("whitespace-leading", inj_ws_leading, "whitespace-mismatch"),
]


def load_catalog(path):
    if path.endswith(".mo"):
        r = subprocess.run(["msgunfmt", path], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"skip {path}: {r.stderr.strip()}", file=sys.stderr)
            return None, None
        return r.stdout, pairs_of(read_po(r.stdout))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, pairs_of(read_po(text))


def pofilter_count(po_texts, workdir):
    """Findings of pofilter's brackets, endpunc and puncspacing checks."""
    counts = collections.Counter()
    for name, text in po_texts:
        p = os.path.join(workdir, name + ".po")
        out = os.path.join(workdir, name + ".pofilter.po")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run(["pofilter", "--progress=none", "-t", "brackets", "-t", "endpunc",
                        "-t", "puncspacing", p, out], capture_output=True)
        if os.path.exists(out):
            with open(out, encoding="utf-8") as f:
                for m in re.finditer(r"\(pofilter\) (\w+):", f.read()):
                    counts[m.group(1)] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("catalogs", nargs="*")
    ap.add_argument("--bin", default="target/debug/termlint")
    ap.add_argument("--show", action="append", default=[],
                    help="print the findings of RULE on the real entries")
    ap.add_argument("--show-missed", action="store_true", help="print injections not found")
    ap.add_argument("--pofilter", action="store_true", help="also count pofilter's findings")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cats = args.catalogs or sorted(
        p for p in glob.glob("/usr/share/locale/zh_CN/LC_MESSAGES/*.mo")
        if not os.path.basename(p).startswith("iso_"))
    if not cats:
        sys.exit("no catalogs found (is /usr/share/locale/zh_CN present?)")
    rng = random.Random(args.seed)
    baseline = collections.Counter()
    examples = collections.defaultdict(list)
    injected = collections.Counter()
    found = collections.Counter()
    missed = collections.defaultdict(list)
    untouched = collections.Counter()
    entries_total = 0
    po_texts = []
    url_entries = []  # (catalog, source, target) with a link in both, no baseline finding
    with tempfile.TemporaryDirectory() as work:
        for path in cats:
            name = os.path.basename(path).rsplit(".", 1)[0]
            text, pairs = load_catalog(path)
            if pairs is None:
                continue
            po_texts.append((name, text))
            pairs = [p for p in pairs if encodable(p[0]) and encodable(p[1])]
            if not pairs:
                continue
            entries_total += len(pairs)
            base = run_termlint(args.bin, pairs, work, name)
            for i, fs in base.items():
                for f in fs:
                    baseline[f["rule"]] += 1
                    if f["rule"] in args.show:
                        examples[f["rule"]].append((name, pairs[i][0], pairs[i][1], f["message"], f["text"]))
            for i, (src, tgt, _flags) in enumerate(pairs):
                if _links(src) and _links(tgt) and not any(
                        f["rule"] == "url-mismatch" for f in base.get(i, [])):
                    url_entries.append((name, src, tgt))
            # inject: one error per entry, kinds drawn among those that apply
            mutated = []
            plan = {}
            for i, (src, tgt, _flags) in enumerate(pairs):
                options = []
                for kind, fn, rule in KINDS:
                    if any(f["rule"] == rule for f in base.get(i, [])):
                        continue
                    new = fn(src, tgt, rng)
                    if new is not None and new != tgt and encodable(new):
                        options.append((kind, new, rule))
                if options:
                    # prefer rare kinds so that each gets enough samples
                    options.sort(key=lambda o: injected[o[0]])
                    kind, new, rule = options[0] if rng.random() < 0.7 else rng.choice(options)
                    plan[i] = (kind, rule, tgt, new)
                    mutated.append([src, new, _flags])
                else:
                    mutated.append([src, tgt, _flags])
            res = run_termlint(args.bin, mutated, work, name + ".inj")
            for i in range(len(mutated)):
                fs = res.get(i, [])
                if i in plan:
                    kind, rule, old, new = plan[i]
                    injected[kind] += 1
                    if any(f["rule"] == rule for f in fs):
                        found[kind] += 1
                    else:
                        missed[kind].append((name, pairs[i][0], old, new))
                else:
                    for f in fs:
                        untouched[f["rule"]] += 1
        # URL and e-mail variants: every applicable variant of every entry with links
        url_rows, url_plan = [], []
        for name, src, tgt in url_entries:
            for mname, mut in URL_MUTATIONS:
                new = url_variant(src, tgt, mut, rng)
                if new is not None and new != tgt and encodable(new):
                    url_plan.append((mname, name, src, tgt, new))
                    url_rows.append([src, new, []])
        url_found = collections.Counter()
        url_total = collections.Counter()
        url_missed = []
        if url_rows:
            res = run_termlint(args.bin, url_rows, work, "url-variants")
            for k, (mname, name, src, old, new) in enumerate(url_plan):
                url_total[mname] += 1
                if any(f["rule"] == "url-mismatch" for f in res.get(k, [])):
                    url_found[mname] += 1
                else:
                    url_missed.append((mname, name, src, old, new))
    print(f"catalogs: {len(po_texts)}, entries checked: {entries_total}")
    print("\nfindings on the real entries, per rule:")
    for r in RULES:
        print(f"  {r:24} {baseline[r]}")
    if args.pofilter:
        pc = pofilter_count(po_texts, tempfile.mkdtemp())
        total = sum(pc.values())
        print(f"\npofilter brackets+endpunc+puncspacing: {total} ({dict(pc)})")
        ours = baseline["bracket-mismatch"] + baseline["end-punctuation"]
        print(f"termlint bracket-mismatch+end-punctuation: {ours}")
    print("\ninjected errors found, per kind:")
    worst = 1.0
    for kind, _, rule in KINDS:
        n = injected[kind]
        share = found[kind] / n if n else 0.0
        if n:
            worst = min(worst, share)
        print(f"  {kind:30} {found[kind]:5}/{n:<5} {100 * share:6.1f}%  ({rule})")
    n_url = sum(url_total.values())
    f_url = sum(url_found.values())
    print(f"\nURL and e-mail variants ({len(url_entries)} entries with a link in source and "
          f"target, each variant in its own copy):")
    for mname, _ in URL_MUTATIONS:
        if url_total[mname]:
            print(f"  {mname:30} {url_found[mname]:5}/{url_total[mname]:<5} "
                  f"{100 * url_found[mname] / url_total[mname]:6.1f}%")
    if n_url:
        worst = min(worst, f_url / n_url)
        print(f"  {'url-variants (all)':30} {f_url:5}/{n_url:<5} {100 * f_url / n_url:6.1f}%  (url-mismatch)")
    print("\nfindings on entries left untouched (injected run):")
    for r in RULES:
        print(f"  {r:24} {untouched[r]}")
    for r in args.show:
        print(f"\n=== {r}: {len(examples[r])} findings")
        for name, s, t, msg, txt in examples[r]:
            print(f"[{name}] {msg} | {txt!r}\n   S: {s!r}\n   T: {t!r}")
    if args.show_missed:
        for kind, xs in missed.items():
            print(f"\n=== missed {kind}: {len(xs)}")
            for name, s, old, new in xs[:15]:
                print(f"[{name}]\n   S: {s!r}\n   T: {old!r}\n   I: {new!r}")
    if args.show_missed and url_missed:
        print(f"\n=== missed url variants: {len(url_missed)}")
        for mname, name, s, old, new in url_missed[:30]:
            print(f"[{name}] {mname}\n   S: {s!r}\n   T: {old!r}\n   I: {new!r}")
    print(f"\nworst kind: {100 * worst:.1f}% (target >= 98%)")


if __name__ == "__main__":
    main()

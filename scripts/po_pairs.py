#!/usr/bin/env python3
"""Read gettext catalogs (.mo through msgunfmt, or .po) into (msgctxt, msgid, msgstr) entries,
and write them as a line-aligned source/target text pair for `termlint check --align lines`.

Newlines inside a message become U+2424 (SYMBOL FOR NEWLINE), so one entry is one line.
Plural entries contribute msgid_plural -> msgstr[0] (Chinese has one plural form).

Usage: po_pairs.py OUT_PREFIX CATALOG...   (writes OUT_PREFIX.src.txt, OUT_PREFIX.tgt.txt)
"""
import subprocess
import sys

NL = "\u2424"


def _unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    s = s[1:-1]
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_po(text):
    """Entries as dicts: ctxt, id, id_plural, strs (list), fuzzy."""
    entries = []
    cur = None
    key = None

    def flush():
        nonlocal cur
        if cur is not None and "id" in cur:
            entries.append(cur)
        cur = None

    for line in text.splitlines():
        if not line.strip():
            flush()
            key = None
            continue
        if line.startswith("#"):
            if cur is not None and "id" in cur:
                flush()
            if cur is None:
                cur = {"strs": {}, "fuzzy": False}
            if line.startswith("#,") and "fuzzy" in line:
                cur["fuzzy"] = True
            continue
        if cur is None:
            cur = {"strs": {}, "fuzzy": False}
        for kw in ("msgctxt", "msgid_plural", "msgid", "msgstr"):
            if line.startswith(kw):
                rest = line[len(kw):]
                if kw == "msgstr" and rest.startswith("["):
                    idx = int(rest[1:rest.index("]")])
                    rest = rest[rest.index("]") + 1:]
                    key = ("str", idx)
                elif kw == "msgstr":
                    key = ("str", 0)
                else:
                    if kw in ("msgctxt", "msgid") and "id" in cur and key and key[0] == "str":
                        flush()
                        cur = {"strs": {}, "fuzzy": False}
                    key = (kw,)
                val = _unquote(rest)
                if key[0] == "str":
                    cur["strs"][key[1]] = cur["strs"].get(key[1], "") + val
                else:
                    name = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "id_plural"}[kw]
                    cur[name] = cur.get(name, "") + val
                break
        else:
            if line.startswith('"') and key is not None:
                val = _unquote(line)
                if key[0] == "str":
                    cur["strs"][key[1]] += val
                else:
                    name = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "id_plural"}[key[0]]
                    cur[name] += val
    flush()
    return entries


def read_catalog(path):
    if path.endswith(".mo"):
        text = subprocess.run(["msgunfmt", path], check=True, capture_output=True).stdout.decode("utf-8", "replace")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    return parse_po(text)


def pairs(entries):
    """(source, target) pairs of translated, non-header, non-fuzzy entries."""
    out = []
    for e in entries:
        if e["id"] == "" or e["fuzzy"]:
            continue
        if e.get("id_plural") is not None:
            src = e["id_plural"]
        else:
            src = e["id"]
        tgt = e["strs"].get(0, "")
        out.append((src, tgt))
    return out


def flat(s):
    return s.replace("\r", "").replace("\n", NL)


def write_pair(prefix, pairs_):
    with open(prefix + ".src.txt", "w", encoding="utf-8") as fs, open(prefix + ".tgt.txt", "w", encoding="utf-8") as ft:
        for s, t in pairs_:
            fs.write(flat(s) + "\n")
            ft.write(flat(t) + "\n")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    allp = []
    for p in sys.argv[2:]:
        allp.extend(pairs(read_catalog(p)))
    write_pair(sys.argv[1], allp)
    print(f"{len(allp)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()

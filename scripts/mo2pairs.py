#!/usr/bin/env python3
"""Turn a compiled gettext catalog (.mo) into a --source/--target pair for
`termlint check --align lines`: one entry per line, newlines and tabs written as
the two characters `\\n` / `\\t`. Used by evaluation scripts while a PO reader is absent.

Entries with a msgctxt are written with the context as a `[ctx] ` prefix on the source
line (so different contexts stay different sources). Plural entries: every form is its
own line (the msgid for form 0, msgid_plural for the others). The header is skipped.

usage: mo2pairs.py FILE.mo OUTDIR   (writes OUTDIR/NAME.src.txt and OUTDIR/NAME.tgt.txt)
"""
import gettext
import os
import sys


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def main():
    mo, outdir = sys.argv[1], sys.argv[2]
    name = os.path.basename(mo)[:-3]
    with open(mo, "rb") as f:
        t = gettext.GNUTranslations(f)
    cat = t._catalog
    plural_ids = {}
    # GNUTranslations stores plurals as (msgid, n) keys; recover msgid_plural is not kept,
    # so form > 0 reuses msgid.
    rows = []
    for key, val in cat.items():
        if isinstance(key, tuple):
            msgid, n = key
        else:
            msgid, n = key, None
        if msgid == "":
            continue
        if not val.strip():
            continue
        ctx = ""
        if "\x04" in msgid:
            ctx, msgid = msgid.split("\x04", 1)
        src = (f"[{ctx}] " if ctx else "") + msgid
        if not msgid.strip():
            continue
        rows.append((msgid, ctx, n if n is not None else -1, esc(src), esc(val)))
    rows.sort()
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, name + ".src.txt"), "w") as s, open(
        os.path.join(outdir, name + ".tgt.txt"), "w"
    ) as g:
        for _, _, _, src, tgt in rows:
            if not src.strip() or not tgt.strip():
                continue
            s.write(src + "\n")
            g.write(tgt + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Extract the translated strings (msgstr) of gettext .mo catalogs into a text file, one
string per line (embedded line breaks become spaces), for evaluating termlint's
monolingual checks (`--lang zh --align lines`) until the PO reader is used directly.

Usage: extract_msgstr.py OUT.txt [--sources OUT_SRC.txt] CATALOG.mo...
With --sources, the msgid of each line is written to a second, line-aligned file.
"""
import struct
import sys


def read_mo(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic == 0x950412DE else ">"
    _, n, orig_off, trans_off = struct.unpack(endian + "4I", data[4:20])
    for i in range(n):
        olen, ooff = struct.unpack(endian + "2I", data[orig_off + 8 * i: orig_off + 8 * i + 8])
        tlen, toff = struct.unpack(endian + "2I", data[trans_off + 8 * i: trans_off + 8 * i + 8])
        msgid = data[ooff: ooff + olen]
        msgstr = data[toff: toff + tlen]
        if olen == 0:
            continue  # header
        ids = msgid.split(b"\0")
        strs = msgstr.split(b"\0")
        for k, s in enumerate(strs):
            src = ids[min(k, len(ids) - 1)]
            if b"\x04" in src:
                src = src.split(b"\x04", 1)[1]
            yield src.decode("utf-8", "replace"), s.decode("utf-8", "replace")


def flat(s):
    return " ".join(s.replace("\r", " ").split("\n")).strip()


def main():
    args = sys.argv[1:]
    out = args.pop(0)
    src_out = None
    if args and args[0] == "--sources":
        args.pop(0)
        src_out = args.pop(0)
    lines, srcs = [], []
    for path in args:
        for src, s in read_mo(path):
            s, src = flat(s), flat(src)
            if s:
                lines.append(s)
                srcs.append(src)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if src_out:
        with open(src_out, "w", encoding="utf-8") as f:
            f.write("\n".join(srcs) + "\n")
    print(f"{len(lines)} strings from {len(args)} catalogs", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Rebuild data/en-words.txt from its two sources (see data/README.md).

Usage:
  pip download symspellpy --no-deps && unzip symspellpy-*.whl     # MIT
  apt-get download wamerican && dpkg-deb -x wamerican_*.deb x      # SCOWL size 50
  python3 scripts/build_en_words.py \
      symspellpy/frequency_dictionary_en_82_765.txt \
      x/usr/share/dict/american-english > data/en-words.txt

Output: one entry per line, `word zipf`, where zipf is 10 x log10(occurrences per billion
words) rounded (0 when the word is known only from SCOWL, which has no frequencies).
Lower-case words come first, most frequent first; then the forms that SCOWL writes with
capitals (proper nouns, acronyms, brand shapes: `China`, `NATO`, `iPhone`).
"""
import math
import sys


def main():
    freq_path, scowl_path = sys.argv[1], sys.argv[2]
    counts = {}
    for line in open(freq_path, encoding="utf-8"):
        parts = line.split()
        if len(parts) != 2:
            continue
        counts[parts[0]] = counts.get(parts[0], 0) + int(parts[1])
    total = sum(counts.values())
    zipf = {w: max(1, round(10 * math.log10(c / total * 1e9))) for w, c in counts.items()}
    cased = set()
    for line in open(scowl_path, encoding="utf-8", errors="replace"):
        w = line.strip()
        if not w or w.endswith("'s") or not all(c.isalpha() or c == "'" for c in w):
            continue
        if not w.isascii():
            continue
        if w != w.lower():
            cased.add(w)
        elif w not in zipf:
            zipf[w] = 0
    out = sys.stdout
    out.write("# English words: `word zipf` (see data/README.md for sources and licences)\n")
    for w, z in sorted(zipf.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{w} {z}\n")
    for w in sorted(cased):
        out.write(f"{w} {zipf.get(w.lower(), 0)}\n")


if __name__ == "__main__":
    main()

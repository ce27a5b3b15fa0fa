#!/usr/bin/env bash
# Evaluate `termlint glossary extract` on real catalogs of this machine.
#
#   1. git.po (msgunfmt of zh_CN git.mo) without a glossary: the top 50 candidates to judge
#      by hand, and how many entries of the git project's own zh_CN glossary (GPL-2.0, read
#      from ../shared/data/git-glossaries, never copied into the repository) the candidates
#      recover: same source term (case and plural folded), and with the same rendering;
#   2. git.po with that glossary given as -g: how many candidates remain (its entries are
#      skipped) and the top 20 of those;
#   3. other big zh_CN catalogs (postgres, coreutils, gnupg2): candidate counts and top 15;
#   4. speed: one PO made of every zh_CN catalog of the machine (several MB), timed.
#
# Usage: scripts/eval_extract.sh
# TERMLINT=path/to/termlint overrides the binary (default: target/debug/termlint, built).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${GIT_GLOSSARIES:-../shared/data/git-glossaries}
[ -d "$DATA" ] || DATA=../../shared/data/git-glossaries
GLOSSARY=$DATA/git-zh_CN-v2.39.0.csv
LOCALE=/usr/share/locale/zh_CN/LC_MESSAGES
command -v msgunfmt >/dev/null || { echo "skip: msgunfmt (gettext) not installed"; exit 0; }
[ -e "$LOCALE/git.mo" ] || { echo "skip: $LOCALE/git.mo not found"; exit 0; }
if [ -z "${TERMLINT:-}" ]; then
  nice -n 5 cargo build --quiet --bin termlint
  TERMLINT=target/debug/termlint
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
msgunfmt "$LOCALE/git.mo" -o "$TMP/git.po"
LANGS=(--source-lang en --target-lang zh-CN)

echo "== 1. git.po, no glossary =="
"$TERMLINT" glossary extract "$TMP/git.po" "${LANGS[@]}" -o "$TMP/git.csv"
python3 - "$TMP/git.csv" "$GLOSSARY" <<'PY'
import csv, sys, os
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print("candidates:", len(rows), " by kind:", {k: sum(1 for r in rows if r["note"].startswith(k)) for k in ("aligned", "do-not-translate", "acronym", "parenthesised")})
print("\n-- top 50 (judge by hand) --")
for i, r in enumerate(rows[:50], 1):
    print(f"{i:>3}. {r['source']} -> {r['target']}   [{r['score']}, {r['frequency']}; {r['note'].split(':')[0]}]")
if not os.path.exists(sys.argv[2]):
    print("skip glossary comparison:", sys.argv[2], "not found"); sys.exit(0)
def fold(s):
    s = s.lower().strip()
    for suf, rep in (("ies", "y"), ("es", ""), ("s", "")):
        if s.endswith(suf) and len(s) > 4 and not s.endswith("ss"):
            return s[: -len(suf)] + rep
    return s
gl = {}
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    gl.setdefault(fold(r["source"]), set()).add(r["target"].strip())
cand = {}
for rank, r in enumerate(rows, 1):
    cand.setdefault(fold(r["source"]), (rank, r["target"]))
found = {k: cand[k] for k in gl if k in cand}
same = {k: v for k, v in found.items() if v[1] in gl[k]}
print(f"\nglossary: {len(gl)} source terms; {len(found)} among the candidates, {len(same)} of them with a glossary rendering")
print("  in the top 50:", sum(1 for v in found.values() if v[0] <= 50), " top 100:", sum(1 for v in found.values() if v[0] <= 100))
for k, (rank, t) in sorted(found.items(), key=lambda x: x[1][0]):
    mark = "=" if k in same else "≠"
    print(f"  #{rank:<4} {k} -> {t}  {mark} glossary {'|'.join(sorted(gl[k]))}")
PY

echo; echo "== 2. git.po with the glossary (-g): its entries are skipped =="
if [ -e "$GLOSSARY" ]; then
  "$TERMLINT" glossary extract "$TMP/git.po" "${LANGS[@]}" -g "$GLOSSARY" --limit 20 -o "$TMP/git-g.csv"
  "$TERMLINT" glossary extract "$TMP/git.po" "${LANGS[@]}" -g "$GLOSSARY" | tail -n +2 | wc -l | sed 's/^/candidates left: /'
  cut -d, -f1,2 "$TMP/git-g.csv" | tail -n +2 | tr '\n' ';'; echo
fi

echo; echo "== 3. other catalogs =="
for name in postgres-15 coreutils gnupg2; do
  mo=$LOCALE/$name.mo
  [ -e "$mo" ] || { echo "skip: $mo"; continue; }
  msgunfmt "$mo" -o "$TMP/$name.po"
  "$TERMLINT" glossary extract "$TMP/$name.po" "${LANGS[@]}" -o "$TMP/$name.csv"
  echo "-- $name: $(($(wc -l < "$TMP/$name.csv") - 1)) candidates; top 15:"
  python3 - "$TMP/$name.csv" <<'PY'
import csv, sys
for i, r in enumerate(list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[:15], 1):
    print(f"  {i:>2}. {r['source']} -> {r['target']}   [{r['score']}, {r['frequency']}]")
PY
done

echo; echo "== 4. speed: every zh_CN catalog in one PO =="
for mo in "$LOCALE"/*.mo; do
  msgunfmt "$mo" 2>/dev/null || true
done > "$TMP/all.raw"
msgcat --use-first "$TMP/all.raw" -o "$TMP/all.po" 2>/dev/null || cp "$TMP/all.raw" "$TMP/all.po"
echo "size: $(du -h "$TMP/all.po" | cut -f1), entries: $(grep -c '^msgid ' "$TMP/all.po")"
start=$(date +%s.%N)
"$TERMLINT" glossary extract "$TMP/all.po" "${LANGS[@]}" -o "$TMP/all.csv" || true
end=$(date +%s.%N)
echo "candidates: $(($(wc -l < "$TMP/all.csv") - 1)); time: $(python3 -c "print(f'{$end - $start:.2f} s')") ($TERMLINT)"

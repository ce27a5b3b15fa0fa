#!/usr/bin/env bash
# Evaluate the corpus consistency rules on this machine's real zh_CN gettext catalogs.
#
# Every /usr/share/locale/zh_CN/LC_MESSAGES/*.mo is turned into PO with msgunfmt and
# checked as its own project (one run per catalog, --each), with term-inconsistent's
# reverse direction on. Prints counts per rule (and per direction), the catalogs with most
# findings, and writes every finding to $OUT/findings.tsv plus a reproducible random sample
# of 30 to $OUT/sample.tsv for judging.
#
# usage: scripts/eval_consistency.sh [OUTDIR]       (default: target/eval-consistency)
set -euo pipefail
cd "$(dirname "$0")/.."
LOCALE_DIR=${LOCALE_DIR:-/usr/share/locale/zh_CN/LC_MESSAGES}
OUT=${1:-target/eval-consistency}
if ! command -v msgunfmt >/dev/null; then
    echo "msgunfmt not found (apt-get install gettext); skipping" >&2
    exit 0
fi
shopt -s nullglob
mos=("$LOCALE_DIR"/*.mo)
if [ ${#mos[@]} -eq 0 ]; then
    echo "no catalogs in $LOCALE_DIR; skipping" >&2
    exit 0
fi
mkdir -p "$OUT/po"
for mo in "${mos[@]}"; do
    name=$(basename "$mo" .mo)
    msgunfmt "$mo" -o "$OUT/po/$name.po" 2>/dev/null || echo "msgunfmt failed on $mo" >&2
done
cargo build -q --example consistency_eval
bin=target/debug/examples/consistency_eval
pos=("$OUT"/po/*.po)
segments=$(cat "${pos[@]}" | grep -c '^msgid ' || true)
"$bin" --reverse --each "${pos[@]}" > "$OUT/findings.tsv" 2> "$OUT/errors.txt" || true

echo "catalogs: ${#pos[@]}   msgid entries: $segments"
echo "findings per rule (direction):"
cut -f1,2 "$OUT/findings.tsv" | sort | uniq -c | sort -rn | sed 's/^/  /'
echo "catalogs with most findings:"
cut -f3 "$OUT/findings.tsv" | sed 's/:[0-9]*$//' | sort | uniq -c | sort -rn | head -10 | sed 's/^/  /'
if [ -s "$OUT/errors.txt" ]; then
    echo "unreadable inputs: $(wc -l < "$OUT/errors.txt") (see $OUT/errors.txt)"
fi
# The copied-neighbour case the issue names.
if grep -q 'crl-file' "$OUT/findings.tsv"; then
    echo "wget --crl-file copy of --ca-certificate: found"
else
    echo "wget --crl-file copy of --ca-certificate: NOT found"
fi
shuf -n 30 --random-source=<(yes termlint) "$OUT/findings.tsv" > "$OUT/sample.tsv" || true
echo "sample of 30 for judging: $OUT/sample.tsv"

#!/usr/bin/env bash
# Every compiled catalog on this machine (/usr/share/locale/*/LC_MESSAGES/*.mo), turned back
# into PO with msgunfmt, must parse with termlint's PO reader, and its message counts must
# equal what `msgfmt --statistics` says about the same PO file.
#
# usage: scripts/po_roundtrip_counts.sh [GLOB]   (default /usr/share/locale/*/LC_MESSAGES/*.mo)
set -euo pipefail
cd "$(dirname "$0")/.."
glob=${1:-/usr/share/locale/*/LC_MESSAGES/*.mo}
command -v msgunfmt >/dev/null || { echo "skip: msgunfmt not installed (gettext)"; exit 0; }
shopt -s nullglob
# shellcheck disable=SC2206
mos=($glob)
if [ ${#mos[@]} -eq 0 ]; then echo "skip: no catalogs match $glob"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
echo "converting ${#mos[@]} catalogs with msgunfmt..."
i=0
for mo in "${mos[@]}"; do
  i=$((i+1))
  lang=$(basename "$(dirname "$(dirname "$mo")")")
  po="$tmp/$i.$lang.$(basename "$mo" .mo).po"
  if ! msgunfmt "$mo" -o "$po" 2>/dev/null; then rm -f "$po"; echo "$mo" >>"$tmp/unreadable"; continue; fi
  stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1 | tail -1 || true)
  t=$(grep -oE '[0-9]+ translated' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
  f=$(grep -oE '[0-9]+ fuzzy' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
  u=$(grep -oE '[0-9]+ untranslated' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
  printf '%s\t%s\t%s\t%s\n' "$po" "$t" "$f" "$u" >>"$tmp/expected"
done
cargo build -q --example po_stats
cut -f1 "$tmp/expected" | ./target/debug/examples/po_stats >"$tmp/actual"
python3 - "$tmp/expected" "$tmp/actual" "${mos[*]:0:0}" <<'PY'
import sys
exp = {l.split('\t')[0]: l.rstrip('\n').split('\t')[1:] for l in open(sys.argv[1])}
act = {l.split('\t')[0]: l.rstrip('\n').split('\t')[1:] for l in open(sys.argv[2])}
errors = [(p, v) for p, v in act.items() if v[0] == 'ERROR']
mismatch = [(p, exp[p], v) for p, v in act.items() if v[0] != 'ERROR' and v != exp[p]]
msgs = sum(int(v[0]) + int(v[1]) + int(v[2]) for v in exp.values())
print(f"files: {len(exp)}  messages (msgfmt): {msgs}")
print(f"parse errors: {len(errors)}  count mismatches: {len(mismatch)}")
for p, v in errors[:20]:
    print("ERROR", p, v[1])
for p, e, a in mismatch[:20]:
    print("MISMATCH", p, "msgfmt", e, "termlint", a)
sys.exit(1 if errors or mismatch else 0)
PY
[ -f "$tmp/unreadable" ] && echo "msgunfmt could not read $(wc -l <"$tmp/unreadable") catalogs (not counted)"
exit 0

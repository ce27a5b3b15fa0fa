#!/usr/bin/env bash
# termlint's end-to-end benchmark against pofilter (translate-toolkit), on real catalogs.
# See bench/README.md for what it measures and how to read the table.
#
# Usage: bench/run.sh [RUNS (3)] [SIZES_MB ("50 100 200")]
# Environment: WORK (default /tmp/termlint-bench), SKIP_POFILTER=1, POFILTER_RUNS (default RUNS).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-3}
SIZES=${2:-"50 100 200"}
WORK=${WORK:-/tmp/termlint-bench}
mkdir -p "$WORK/catalogs"

shopt -s nullglob
mos=(/usr/share/locale/zh_CN/LC_MESSAGES/*.mo)
if [ ${#mos[@]} -eq 0 ]; then
  echo "no zh_CN catalogs in /usr/share/locale: nothing to benchmark on" >&2
  exit 0
fi
command -v msgunfmt >/dev/null || { echo "msgunfmt (gettext) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt install time)" >&2; exit 2; }

# 1. The real catalogs as PO (ISO code lists left out: they are name tables, not UI text).
for mo in "${mos[@]}"; do
  name=$(basename "$mo" .mo)
  case "$name" in iso_*) continue ;; esac
  [ -s "$WORK/catalogs/$name.po" ] || msgunfmt "$mo" -o "$WORK/catalogs/$name.po" 2>/dev/null || true
done
echo "catalogs: $(ls "$WORK/catalogs" | wc -l) files, $(du -sh "$WORK/catalogs" | cut -f1)"

# 2. Corpora (10 MB for the pofilter comparison, then SIZES) and the 100k-entry glossary.
need=()
for s in 10 $SIZES; do [ -s "$WORK/corpus-$s.po" ] || need+=("$s"); done
if [ ${#need[@]} -gt 0 ] || [ ! -s "$WORK/glossary-100000.csv" ]; then
  CORPUS="$WORK/catalogs" python3 bench/make_corpus.py "$WORK" "${need[@]}" --glossary 100000
fi
head -n 1001 "$WORK/glossary-100000.csv" > "$WORK/glossary-1000.csv"

# 3. termlint, release build.
cargo build --release --quiet
TL="$ROOT/target/release/termlint"

# 4. pofilter from PyPI.
if [ -z "${SKIP_POFILTER:-}" ] && ! command -v pofilter >/dev/null; then
  python3 -m pip install --quiet translate-toolkit
fi

# measure NAME RUNS OUTFILE COUNT_CMD -- COMMAND...: median wall time and peak RSS over RUNS.
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
measure() {
  local name=$1 runs=$2 outfile=$3 count_cmd=$4
  shift 5
  local times=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$outfile" 2>/dev/null || true
    read -r t m < <(tail -n 1 "$WORK/time.txt")
    times+=("$t"); mems+=("$m")
  done
  local count
  count=$(eval "$count_cmd")
  python3 - "$name" "$count" "${times[*]}" "${mems[*]}" >> "$RESULTS" <<'PY'
import statistics, sys
name, count, times, mems = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
t = statistics.median(float(x) for x in times)
m = max(int(x) for x in mems) / 1024
print(f"{name}\t{t:.3f}\t{m:.0f}\t{count}\t{' '.join(times)}")
PY
  tail -n 1 "$RESULTS"
}

json_count='python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))[\"findings\"]))"'

# 5. Same 10 MB file, closest set of checks.
POFILTER_TESTS=(-t printf -t pythonbraceformat -t xmltags -t numbers -t brackets -t endpunc
  -t doublespacing -t untranslated -t urls -t doublewords -t puncspacing -t escapes -t newlines)
TL_RULES=placeholder-mismatch,markup-mismatch,number-mismatch,bracket-mismatch,end-punctuation,double-space,untranslated,url-mismatch,repeated-word,punctuation-spacing,whitespace-mismatch
if [ -z "${SKIP_POFILTER:-}" ]; then
  measure "pofilter 10MB (13 tests)" "${POFILTER_RUNS:-$RUNS}" "$WORK/pofilter.out" \
    "grep -c '^# (pofilter)' '$WORK/pofilter-out.po' || true" -- \
    pofilter --progress=none "${POFILTER_TESTS[@]}" -i "$WORK/corpus-10.po" -o "$WORK/pofilter-out.po"
fi
measure "termlint 10MB (same 11 rules)" "$RUNS" "$WORK/tl10.json" "$json_count '$WORK/tl10.json'" -- \
  "$TL" check --format json --select "$TL_RULES" "$WORK/corpus-10.po"
measure "termlint 10MB (all default rules)" "$RUNS" "$WORK/tl10all.json" "$json_count '$WORK/tl10all.json'" -- \
  "$TL" check --format json "$WORK/corpus-10.po"

# 6. Glossary size: 1k vs 100k terms on the same 10 MB.
for g in 1000 100000; do
  measure "termlint 10MB, all rules, ${g}-term glossary" "$RUNS" "$WORK/tlg$g.json" "$json_count '$WORK/tlg$g.json'" -- \
    "$TL" check --format json -g "$WORK/glossary-$g.csv" "$WORK/corpus-10.po"
done

# 6b. The same at the first scale size: the index is built once per run, so its cost
# weighs on a 10 MB run and fades with the corpus size (issue #7 compares throughputs).
first_size=${SIZES%% *}
if [ -n "$first_size" ]; then
  measure "termlint ${first_size}MB, all rules, 1000-term glossary" "$RUNS" "$WORK/tlg1000-$first_size.json" "$json_count '$WORK/tlg1000-$first_size.json'" -- \
    "$TL" check --format json -g "$WORK/glossary-1000.csv" "$WORK/corpus-$first_size.po"
fi

# 7. Scale: every default rule and the 100k glossary on SIZES.
for s in $SIZES; do
  measure "termlint ${s}MB, all rules, 100k glossary" "$RUNS" "$WORK/tl$s.json" "$json_count '$WORK/tl$s.json'" -- \
    "$TL" check --format json -g "$WORK/glossary-100000.csv" "$WORK/corpus-$s.po"
done

# 8. The table.
python3 - "$RESULTS" "$WORK" <<'PY'
import os, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
work = sys.argv[2]
def size(name):
    for tok in name.replace(",", " ").split():
        if tok.endswith("MB"):
            return os.path.getsize(os.path.join(work, "corpus-%s.po" % tok[:-2])) / 1e6
    return None
pof = next((float(r[1]) for r in rows if r[0].startswith("pofilter")), None)
print()
print("| run | wall (median) | MB/s | peak RSS | findings | vs pofilter |")
print("|---|---:|---:|---:|---:|---:|")
for name, t, mem, count, _ in rows:
    t = float(t)
    mb = size(name)
    speed = "%.1f" % (mb / t) if mb and t > 0 else "-"
    ratio = "%.1f×" % (pof / t) if pof and "10MB" in name and t > 0 else "-"
    print(f"| {name} | {t:.2f} s | {speed} | {mem} MB | {count} | {ratio} |")
# Issue #7: the 100k-term glossary against the 1k-term one, at each size measured with both.
times = {r[0]: float(r[1]) for r in rows}
for name, t in times.items():
    if "1000-term glossary" in name:
        mb = name.split()[1].rstrip(",")
        big = next((v for k, v in times.items() if k.split()[1].rstrip(",") == mb and ("100000-term" in k or "100k glossary" in k)), None)
        if big and t > 0:
            print(f"\n100k vs 1k glossary, {mb}: {t:.2f} s -> {big:.2f} s ({(big / t - 1) * 100:+.0f}% wall)", end="")
print()
# The checking throughput itself, without what a run pays once (start-up, reading and
# indexing the glossary): the extra MB per extra second between 10 MB and the first scale
# size, for each glossary.
def run_time(mb, glossary):
    for k, v in times.items():
        if k.split()[1].rstrip(",") != mb:
            continue
        if glossary == "1k" and "1000-term glossary" in k:
            return v
        if glossary == "100k" and ("100000-term" in k or "100k glossary" in k):
            return v
    return None
sizes = sorted({k.split()[1].rstrip(",") for k in times if "glossary" in k}, key=lambda m: float(m[:-2]))
if len(sizes) >= 2:
    lo, hi = sizes[0], sizes[1]
    mb_lo, mb_hi = size(lo), size(hi)
    rates = {}
    for g in ("1k", "100k"):
        a, b = run_time(lo, g), run_time(hi, g)
        if a is not None and b is not None and b > a:
            rates[g] = (mb_hi - mb_lo) / (b - a)
    if len(rates) == 2:
        print(f"checking throughput between {lo} and {hi} (fixed costs left out): "
              f"1k {rates['1k']:.1f} MB/s, 100k {rates['100k']:.1f} MB/s "
              f"({(rates['1k'] / rates['100k'] - 1) * 100:+.0f}% time per MB with 100k)")
PY

#!/usr/bin/env bash
# Throughput of termlint's cjk-punctuation + cjk-spacing against autocorrect's lint mode
# (npm package autocorrect-node), on ~50 MB of mixed Chinese/English text: the msgstr strings
# of this machine's zh_CN gettext catalogs, repeated.
#
# Usage: scripts/bench_cjk.sh [TARGET_MB (50)] [AUTOCORRECT_MB (5)]
# autocorrect is about a thousand times slower, so it lints the first AUTOCORRECT_MB of the same
# file (set it to the full size for a complete run; it takes minutes); throughputs are
# compared in MB/s. termlint is built in release mode and timed on the whole file, best of 3.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_MB=${1:-50}
AC_MB=${2:-5}
WORK=${TMPDIR:-/tmp}/termlint-bench-cjk
mkdir -p "$WORK"

shopt -s nullglob
mos=(/usr/share/locale/zh_CN/LC_MESSAGES/*.mo)
if [ ${#mos[@]} -eq 0 ]; then
  echo "no zh_CN catalogs in /usr/share/locale: skipping" >&2
  exit 0
fi
python3 scripts/extract_msgstr.py "$WORK/one.txt" "${mos[@]}"
one=$(stat -c %s "$WORK/one.txt")
reps=$(( (TARGET_MB * 1000000 + one - 1) / one ))
: > "$WORK/input.txt"
for _ in $(seq "$reps"); do cat "$WORK/one.txt" >> "$WORK/input.txt"; done
size=$(stat -c %s "$WORK/input.txt")
head -c $((AC_MB * 1000000)) "$WORK/input.txt" | sed '$d' > "$WORK/ac_input.txt"
ac_size=$(stat -c %s "$WORK/ac_input.txt")
echo "input: $size bytes ($reps copies of $one bytes of msgstr lines); autocorrect sample: $ac_size bytes"

if [ ! -d "$WORK/node_modules/autocorrect-node" ]; then
  (cd "$WORK" && npm install --silent --no-save autocorrect-node >/dev/null)
fi
cat > "$WORK/lint.js" <<'JS'
const ac = require("autocorrect-node");
const fs = require("fs");
const text = fs.readFileSync(process.argv[2], "utf8");
const t0 = process.hrtime.bigint();
const r = ac.lintFor(text, "input.txt");
const t1 = process.hrtime.bigint();
console.log(JSON.stringify({ seconds: Number(t1 - t0) / 1e9, findings: r.lines.length }));
JS

cargo build --release --quiet
bin=target/release/termlint

# Wall time and CPU time (user + system, both cores) of each run; the best of each is kept.
# On a shared machine the CPU time is the steadier figure: other processes stretch the wall
# time of a two-thread run far more than its CPU time.
best=""
best_cpu=""
for _ in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" \
    "$bin" check --lang zh --align lines --select cjk-punctuation,cjk-spacing \
    --cjk-spacing require --format json "$WORK/input.txt" > "$WORK/termlint.json" || true
  read -r t u s < "$WORK/time.txt"
  cpu=$(echo "$u + $s" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc -l)" = 1 ]; then best_cpu=$cpu; fi
done
tl_findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$WORK/termlint.json" 2>/dev/null || echo "?")

# autocorrect also gets the best of 3 runs (each a fresh process, as termlint's are).
ac_s=""
for _ in 1 2 3; do
  ac_json=$(cd "$WORK" && node lint.js "$WORK/ac_input.txt")
  s=$(echo "$ac_json" | python3 -c "import json,sys; print(json.load(sys.stdin)['seconds'])")
  ac_f=$(echo "$ac_json" | python3 -c "import json,sys; print(json.load(sys.stdin)['findings'])")
  if [ -z "$ac_s" ] || [ "$(echo "$s < $ac_s" | bc -l)" = 1 ]; then ac_s=$s; fi
done

tl_mbs=$(echo "$size / 1000000 / $best" | bc -l)
ac_mbs=$(echo "$ac_size / 1000000 / $ac_s" | bc -l)
printf 'termlint     %8.1f MB in %7.2f s = %9.2f MB/s  (%s findings, whole run incl. reading)\n' \
  "$(echo "$size/1000000" | bc -l)" "$best" "$tl_mbs" "$tl_findings"
printf 'termlint CPU %8.1f MB in %7.2f s of CPU (user + sys, best of 3)\n' \
  "$(echo "$size/1000000" | bc -l)" "$best_cpu"
printf 'autocorrect  %8.1f MB in %7.2f s = %9.2f MB/s  (%s lines with findings, lintFor only, best of 3)\n' \
  "$(echo "$ac_size/1000000" | bc -l)" "$ac_s" "$ac_mbs" "$ac_f"
printf 'ratio: termlint is %.0fx the throughput of autocorrect (target >= 30x)\n' \
  "$(echo "$tl_mbs / $ac_mbs" | bc -l)"

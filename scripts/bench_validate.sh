#!/usr/bin/env bash
# `termlint glossary validate`: two binaries (an old build and a new one) compared on
# the same glossaries. First their outputs (JSON and human, with exit codes) must be
# identical on every glossary given; then each is timed, min of 5 runs alternating
# between the binaries: wall, user+sys CPU, max RSS, for `validate` and for `stats`
# (which only loads, so the difference is roughly validation's own cost).
#
# Usage: scripts/bench_validate.sh OLD_BIN NEW_BIN BIG_GLOSSARY [MORE_GLOSSARIES...]
# e.g.   cp target/release/termlint /tmp/termlint-old   # before the change
#        scripts/bench_validate.sh /tmp/termlint-old target/release/termlint \
#            /tmp/val100k.csv /tmp/val100k.tbx glossaries/*/*.csv \
#            /work/shared/data/git-glossaries/*.csv
# Only the first glossary is timed; all are compared.
set -euo pipefail
OLD=$1 NEW=$2
shift 2
WORK=${TMPDIR:-/tmp}/termlint-bench-validate
rm -rf "$WORK" && mkdir -p "$WORK/old" "$WORK/new"
status=0
for f in "$@"; do
  n=$(echo "$f" | tr '/' '_')
  for side in old new; do
    bin=$OLD; [ $side = new ] && bin=$NEW
    rc=0; "$bin" glossary validate --format json "$f" >"$WORK/$side/$n.json" 2>"$WORK/$side/$n.err" || rc=$?
    echo "rc=$rc" >>"$WORK/$side/$n.err"
    rc=0; "$bin" glossary validate --strict "$f" >"$WORK/$side/$n.txt" 2>>"$WORK/$side/$n.err" || rc=$?
    echo "rc=$rc" >>"$WORK/$side/$n.err"
  done
  if diff -q "$WORK/old/$n.json" "$WORK/new/$n.json" >/dev/null &&
    diff -q "$WORK/old/$n.txt" "$WORK/new/$n.txt" >/dev/null &&
    diff -q "$WORK/old/$n.err" "$WORK/new/$n.err" >/dev/null; then
    echo "same findings: $f ($(grep -c '"code"' "$WORK/new/$n.json" || true) findings)"
  else
    echo "DIFFERENT findings: $f (see $WORK/old and $WORK/new)"
    status=1
  fi
done
python3 - "$OLD" "$NEW" "$1" <<'PY'
import os, subprocess, sys, time
old, new, g = sys.argv[1:]
best = {}
for _ in range(5):
    for cmd in ("validate", "stats"):
        for b in (old, new):
            t0 = time.perf_counter()
            p = subprocess.Popen([b, "glossary", cmd, g], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, ru = os.wait4(p.pid, 0)
            wall, cpu = time.perf_counter() - t0, ru.ru_utime + ru.ru_stime
            w, c, m = best.get((cmd, b), (wall, cpu, 0))
            best[(cmd, b)] = (min(w, wall), min(c, cpu), max(m, ru.ru_maxrss // 1024))
for cmd in ("validate", "stats"):
    for name, b in (("old", old), ("new", new)):
        w, c, m = best[(cmd, b)]
        print(f"{cmd:9s} {name}: wall {w:.3f} s  cpu {c:.3f} s  max rss {m} MB")
PY
uptime
exit $status

#!/usr/bin/env bash
# Run the cargo-fuzz targets one after another (stable toolchain, no sanitizer), each for
# SECONDS_EACH seconds (default 600), niced, logging to fuzz/logs/TARGET.log. Crashes and
# timeouts land in fuzz/artifacts/TARGET/. See docs/reliability.md.
#
#   scripts/fuzz_all.sh [TARGET...]        # default: every target, most important first
set -u
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-600}
# 30 s, not 10: on a loaded machine the first input (rule tables and dictionaries load once)
# can take seconds; a real hang still shows, and slow units are in the final stats.
TIMEOUT=${TIMEOUT:-30}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(po xliff pipeline csv tmx tbx json markdown config)
mkdir -p fuzz/logs
nice -n 10 cargo fuzz build -s none -a >&2 || exit 2
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    echo "$(date +%T) $t: start" >&2
    nice -n 10 cargo fuzz run -s none -a "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
        -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1
    code=$?
    echo "$(date +%T) $t: exit $code; $(grep -a -E 'stat::number_of_executed_units' "fuzz/logs/$t.log" | tail -1)" >&2
done

#!/usr/bin/env bash
# Run termlint over every hostile file (tests/hostile) and over generated huge inputs, and
# check that each run ends within 2 s and 200 MB of peak RSS, never with a panic (101) or a
# kill. Not a test: timing depends on the machine; run it by hand or in CI as a script.
#
#   scripts/hostile_limits.sh [path/to/termlint]
#
# Default binary: target/release/termlint if it exists, else target/debug/termlint (the
# debug build is slower; the limits are meant for release builds). Needs /usr/bin/time
# (Debian package `time`) and python3. Generated files go to a temporary directory that is
# removed at the end; nothing is committed.
set -u
cd "$(dirname "$0")/.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    if [ -x target/release/termlint ]; then BIN=target/release/termlint; else BIN=target/debug/termlint; fi
fi
[ -x "$BIN" ] || { echo "no termlint binary at $BIN (cargo build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }
MAX_S=${MAX_S:-2}
MAX_MB=${MAX_MB:-200}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$TMP" <<'PY'
import os, sys
d = sys.argv[1]
MB = 1 << 20
en = "The quick brown fox commits the file to the repository, see %s and {0}. "
zh = "这个文件已经提交到版本库中，请参阅 %s 和 {0}。"
def fill(unit, size):
    n = size // len(unit.encode()) + 1
    return (unit * n).encode()[:size].decode("utf-8", "ignore")
# 50 MB on one line (no newline at all): monolingual and as a pair.
open(f"{d}/huge-line-en.txt", "w").write(fill(en, 50 * MB))
open(f"{d}/huge-line-zh.txt", "w").write(fill(zh, 50 * MB))
# Just under the default line-length limit (1 MiB): handled, not refused.
open(f"{d}/line-1mb-en.txt", "w").write(fill(en, MB - 4096))
open(f"{d}/line-1mb-zh.txt", "w").write(fill(zh, MB - 4096))
# One PO string of 50 MB; a 50 MB PO of ordinary entries; an 8 MB PO of ordinary entries.
with open(f"{d}/huge-string.po", "w") as f:
    f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    f.write('msgid "' + fill(en, 25 * MB) + '"\nmsgstr "' + fill(zh, 25 * MB) + '"\n')
def catalog(path, size):
    with open(path, "w") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        i = 0
        while f.tell() < size:
            f.write(f'#: src/file{i}.c:{i}\nmsgid "{en}{i}"\nmsgstr "{zh}{i}"\n\n')
            i += 1
catalog(f"{d}/huge-entries.po", 50 * MB)
catalog(f"{d}/entries-4mb.po", 4 * MB)
# XML: a 10 MB attribute, 100 000 nested elements.
head = '<?xml version="1.0"?><xliff version="1.2"><file source-language="en" target-language="zh" original="'
open(f"{d}/huge-attr.xlf", "w").write(head + "a" * (10 * MB) + '"><body></body></file></xliff>')
open(f"{d}/deep.xlf", "w").write(head + 'x"><body>' + "<group>" * 100000 + "</group>" * 100000 + "</body></file></xliff>")
PY

printf '%-34s %5s %8s %8s  %s\n' FILE EXIT SECONDS MAX_MB RESULT
fails=0
run() { # name, args...
    local name=$1; shift
    local out="$TMP/out" err="$TMP/time"
    /usr/bin/time -v -o "$err" timeout 20 "$BIN" "$@" >"$out" 2>&1
    local code=$?
    local kb secs wall
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$err")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$err")
    # m:ss.cc or h:mm:ss
    secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    local mb=$(( ${kb:-0} / 1024 ))
    local verdict=ok
    if [ "$code" = 101 ] || [ "$code" -ge 124 ] 2>/dev/null; then verdict="FAIL (exit $code)"; fi
    if awk "BEGIN{exit !($secs >= $MAX_S)}"; then verdict="FAIL (slow)"; fi
    if [ "$mb" -ge "$MAX_MB" ]; then verdict="FAIL (memory)"; fi
    [ "$verdict" = ok ] || fails=$((fails + 1))
    printf '%-34s %5s %8s %8s  %s\n' "$name" "$code" "$secs" "$mb" "$verdict"
    if [ "$verdict" != ok ] || [ -n "${VERBOSE:-}" ]; then head -c 400 "$out" | sed 's/^/    /'; echo; fi
}

SEED_ZH=examples/seed/zh.txt
SEED_EN=examples/seed/en.txt
for f in tests/hostile/*; do
    name=$(basename "$f")
    case "$f" in
        *.tbx|*.csv|*.tsv) run "$name (-g)" check --source "$SEED_ZH" --target "$SEED_EN" -g "$f" ;;
        *) run "$name" check "$f" ;;
    esac
done
run "huge-line-en.txt (--lang en)" check --lang en "$TMP/huge-line-en.txt"
run "huge-line zh/en pair" check --source "$TMP/huge-line-zh.txt" --target "$TMP/huge-line-en.txt"
run "line-1mb-en.txt (--lang en)" check --lang en "$TMP/line-1mb-en.txt"
run "line-1mb zh/en pair" check --source "$TMP/line-1mb-zh.txt" --target "$TMP/line-1mb-en.txt"
run "huge-string.po" check "$TMP/huge-string.po"
run "huge-string.po (--max-file-size 32M)" check --max-file-size 32M "$TMP/huge-string.po"
run "huge-entries.po" check "$TMP/huge-entries.po"
run "entries-4mb.po" check "$TMP/entries-4mb.po"
run "huge-attr.xlf" check "$TMP/huge-attr.xlf"
run "deep.xlf" check "$TMP/deep.xlf"
run "/dev/zero (--lang en)" check --lang en /dev/zero
echo
if [ "$fails" -eq 0 ]; then echo "all within ${MAX_S}s and ${MAX_MB} MB"; else echo "$fails over the limits"; fi
[ "$fails" -eq 0 ]

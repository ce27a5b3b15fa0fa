#!/usr/bin/env bash
# Run termlint over every hostile file (tests/hostile) and over generated huge inputs, print
# the exit code, wall time and peak RSS of each run, and check that
#   - each hostile file and small generated case ends within 2 s and 200 MB;
#   - each 50 MB input (one line of text, one PO string, one comment, one XML or JSON value,
#     one CSV cell...) is checked or refused with a clear limit within 200 MB (time is
#     printed, not judged: reading 50 MB takes what the disk takes);
#   - no run panics (exit 101) or is killed.
# Not a test: timing depends on the machine; run it by hand or in CI as a script.
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
open(f"{d}/huge-line-en.md", "w").write(fill(en, 50 * MB))
open(f"{d}/huge-line-zh.md", "w").write(fill(zh, 50 * MB))
open(f"{d}/huge-line-en.po", "w").write(fill(en, 50 * MB))  # prose named .po
open(f"{d}/small-en.txt", "w").write(en + "\n")
open(f"{d}/small-zh.txt", "w").write(zh + "\n")
# PO: a whole 50 MB entry on one line; a 50 MB translator comment; 50 MB of flags.
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
open(f"{d}/huge-line.po", "w").write(HEADER + 'msgid "' + fill(en, 50 * MB) + '" msgstr ""')
open(f"{d}/huge-comment.po", "w").write(HEADER + "# " + fill(en, 50 * MB) + '\nmsgid "a"\nmsgstr "b"\n')
open(f"{d}/huge-flags.po", "w").write(HEADER + "#" + ", c-format" * (5 * MB) + '\nmsgid "a"\nmsgstr "b"\n')
# One 50 MB string of escapes (25 MB decoded, one escape per decoded byte).
open(f"{d}/huge-escapes.po", "w").write(HEADER + 'msgid "a"\nmsgstr "' + "\\n" * (25 * MB) + '"\n')
# XML, JSON, CSV: one 50 MB value on a single line.
open(f"{d}/huge-unit.xlf", "w").write('<?xml version="1.0"?><xliff version="1.2"><file source-language="en" target-language="zh" original="x"><body><trans-unit id="1"><source>' + fill(en, 25 * MB) + "</source><target>" + fill(zh, 25 * MB) + "</target></trans-unit></body></file></xliff>")
open(f"{d}/huge-tu.tmx", "w").write('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body><tu><tuv xml:lang="en"><seg>' + fill(en, 25 * MB) + '</seg></tuv><tuv xml:lang="zh"><seg>' + fill(zh, 25 * MB) + "</seg></tuv></tu></body></tmx>")
open(f"{d}/small-en.json", "w").write('{"greeting": "Commit the file."}')
open(f"{d}/huge-value-zh.json", "w").write('{"greeting": "' + fill(zh, 50 * MB) + '"}')
open(f"{d}/huge-cell.csv", "w").write("source,target\n" + fill(en, 25 * MB).replace(",", ";") + "," + fill(zh, 25 * MB).replace(",", ";") + "\n")
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
    if [ -z "${MEM_ONLY:-}" ] && awk "BEGIN{exit !($secs >= $MAX_S)}"; then verdict="FAIL (slow)"; fi
    if [ "$mb" -ge "$MAX_MB" ]; then verdict="FAIL (memory)"; fi
    # Large but ordinary inputs are measured, not judged: their cost is a performance matter
    # (bench/), not a hostile-input limit.
    if [ -n "${INFO_ONLY:-}" ] && [ "$verdict" != ok ]; then verdict="info: $verdict"; fi
    case "$verdict" in ok|info:*) ;; *) fails=$((fails + 1)) ;; esac
    printf '%-34s %5s %8s %8s  %s\n' "$name" "$code" "$secs" "$mb" "$verdict"
    if [ "$verdict" != ok ] && [ -z "${INFO_ONLY:-}" ] || [ -n "${VERBOSE:-}" ]; then head -c 400 "$out" | sed 's/^/    /'; echo; fi
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
# 50 MB inputs: memory is judged, time only printed.
export MEM_ONLY=1
run "huge-line-en.txt (--lang en)" check --lang en "$TMP/huge-line-en.txt"
run "huge-line zh/en pair" check --source "$TMP/huge-line-zh.txt" --target "$TMP/huge-line-en.txt"
run "huge-line en target of a pair" check --source "$TMP/small-zh.txt" --target "$TMP/huge-line-en.txt"
run "huge-line zh/en Markdown pair" check --source "$TMP/huge-line-zh.md" --target "$TMP/huge-line-en.md"
run "huge-line-en.po (prose)" check "$TMP/huge-line-en.po"
run "huge-line.po (one 50 MB line)" check "$TMP/huge-line.po"
run "huge-string.po (2 x 25 MB)" check "$TMP/huge-string.po"
run "huge-comment.po" check "$TMP/huge-comment.po"
run "huge-flags.po" check "$TMP/huge-flags.po"
run "huge-escapes.po" check "$TMP/huge-escapes.po"
run "huge-unit.xlf (2 x 25 MB)" check "$TMP/huge-unit.xlf"
run "huge-tu.tmx (2 x 25 MB)" check "$TMP/huge-tu.tmx"
run "huge-value JSON pair" check --source "$TMP/small-en.json" --target "$TMP/huge-value-zh.json"
run "huge-cell.csv (2 x 25 MB)" check "$TMP/huge-cell.csv"
unset MEM_ONLY
run "line-1mb-en.txt (--lang en)" check --lang en "$TMP/line-1mb-en.txt"
run "line-1mb zh/en pair" check --source "$TMP/line-1mb-zh.txt" --target "$TMP/line-1mb-en.txt"
run "huge-string.po (--max-file-size 32M)" check --max-file-size 32M "$TMP/huge-string.po"
INFO_ONLY=1 run "huge-entries.po (50 MB, info)" check "$TMP/huge-entries.po"
INFO_ONLY=1 run "entries-4mb.po (info)" check "$TMP/entries-4mb.po"
run "huge-attr.xlf" check "$TMP/huge-attr.xlf"
run "deep.xlf" check "$TMP/deep.xlf"
run "/dev/zero (--lang en)" check --lang en /dev/zero
echo
if [ "$fails" -eq 0 ]; then echo "all within ${MAX_S}s and ${MAX_MB} MB"; else echo "$fails over the limits"; fi
[ "$fails" -eq 0 ]

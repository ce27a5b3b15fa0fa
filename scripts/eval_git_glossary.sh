#!/usr/bin/env bash
# Evaluate termlint's glossary support on real data: the git project's own zh_CN glossary
# (GPL-2.0, read from ../shared/data/git-glossaries, never copied into the repository)
# against the real git catalog of this machine (msgunfmt of zh_CN git.mo).
#
#   1. `check` of git.po with the v2.39.0 glossary as CSV: term-missing / term-forbidden
#      counts, the most frequent missing terms, and a fixed random sample of 30
#      term-missing findings (source term, msgid, msgstr, expected rendering) to judge by
#      hand;
#   2. the same glossary converted to TBX (v2 and v3) must give the same findings;
#   3. `glossary validate` on the glossaries, `glossary diff` v2.39.0 -> v2.55,
#      `glossary stats`.
#
# Usage: scripts/eval_git_glossary.sh [GLOSSARY.csv] [git.mo]
# TERMLINT=path/to/termlint overrides the binary (default: target/debug/termlint, built).
set -euo pipefail
cd "$(dirname "$0")/.."
# The data folder: $GIT_GLOSSARIES, else ../shared/data/git-glossaries (from a checkout
# beside shared/) or ../../shared/... (from a worktree one level deeper).
DATA=${GIT_GLOSSARIES:-../shared/data/git-glossaries}
[ -d "$DATA" ] || DATA=../../shared/data/git-glossaries
GLOSSARY=${1:-$DATA/git-zh_CN-v2.39.0.csv}
NEWER=$DATA/git-zh_CN-v2.55.csv
MO=${2:-/usr/share/locale/zh_CN/LC_MESSAGES/git.mo}
for f in "$GLOSSARY" "$MO"; do
  [ -e "$f" ] || { echo "skip: $f not found"; exit 0; }
done
command -v msgunfmt >/dev/null || { echo "skip: msgunfmt (gettext) not installed"; exit 0; }
if [ -z "${TERMLINT:-}" ]; then
  nice -n 5 cargo build --quiet --bin termlint
  TERMLINT=target/debug/termlint
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
msgunfmt "$MO" -o "$TMP/git.po"

echo "== 1. check git.po with $(basename "$GLOSSARY") =="
set +e
"$TERMLINT" check "$TMP/git.po" -g "$GLOSSARY" --source-lang en --target-lang zh-CN \
  --select term-missing,term-forbidden --format json -q > "$TMP/csv.json"
set -e
python3 - "$TMP/csv.json" "$TMP/git.po" "$GLOSSARY" <<'PY'
import json, sys, collections, random, csv
d = json.load(open(sys.argv[1]))
print("segments:", d["summary"]["segments"], "input errors:", d["errors"][:3])
c = collections.Counter(f["rule"] for f in d["findings"])
print("findings by rule:", dict(c))
missing = [f for f in d["findings"] if f["rule"] == "term-missing"]
t = collections.Counter(f["text"].lower() for f in missing)
print("term-missing, most frequent source terms:", t.most_common(15))
# Map PO entries by line so a finding can show its msgid / msgstr.
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
def entry_at(line):
    i = line - 1
    while i > 0 and not lines[i].startswith("msgid "):
        i -= 1
    def collect(j, key):
        out = []
        if not lines[j].startswith(key):
            return "", j
        out.append(lines[j][len(key):].strip()[1:-1]); j += 1
        while j < len(lines) and lines[j].startswith('"'):
            out.append(lines[j][1:-1]); j += 1
        return "".join(out), j
    msgid, j = collect(i, "msgid ")
    while j < len(lines) and not lines[j].startswith("msgstr"):
        j += 1
    msgstr, _ = collect(j, "msgstr[0] ") if lines[j].startswith("msgstr[") else collect(j, "msgstr ")
    return msgid, msgstr
random.seed(7)
sample = random.sample(missing, min(30, len(missing)))
print("\n-- sample of", len(sample), "term-missing findings (judge by hand) --")
for n, f in enumerate(sample, 1):
    msgid, msgstr = entry_at(f["line"])
    print(f"[{n}] line {f['line']}: `{f['text']}` -> {f.get('suggestion','?')}")
    print("    msgid :", msgid[:200])
    print("    msgstr:", msgstr[:200])
PY

echo; echo "== 2. the same glossary as TBX v2 and v3 =="
for v in 2 3; do
  "$TERMLINT" glossary convert "$GLOSSARY" "$TMP/g$v.tbx" --tbx-version $v \
    --source-lang en --target-lang zh-CN
  set +e
  "$TERMLINT" check "$TMP/git.po" -g "$TMP/g$v.tbx" --source-lang en --target-lang zh-CN \
    --select term-missing,term-forbidden --format json -q > "$TMP/tbx$v.json"
  set -e
  python3 - "$TMP/csv.json" "$TMP/tbx$v.json" "$v" <<'PY'
import json, sys
key = lambda f: (f["rule"], f["line"], f["column"], f["text"])
a = sorted(map(key, json.load(open(sys.argv[1]))["findings"]))
b = sorted(map(key, json.load(open(sys.argv[2]))["findings"]))
print(f"TBX v{sys.argv[3]}: {len(b)} findings, identical to CSV: {a == b}")
PY
done

echo; echo "== 3. glossary validate / diff / stats =="
set +e
"$TERMLINT" glossary validate "$DATA"/*.csv
echo "(exit $?)"
set -e
if [ -e "$NEWER" ]; then
  "$TERMLINT" glossary diff "$GLOSSARY" "$NEWER"
fi
"$TERMLINT" glossary stats "$GLOSSARY"

#!/usr/bin/env bash
# Evaluate the term index and the terminology checks on the real git catalog
# (zh_CN git.mo of this machine) with the git project's own glossary (en->zh, GPL-2.0,
# read from ../shared/data, never copied into the repository).
#
#   1. term hits of the index over every msgid vs a naive case-insensitive substring count;
#   2. term-missing / term-forbidden findings when checking msgid/msgstr pairs
#      (one segment per line) against the glossary of the same git version.
#
# Usage: scripts/eval_git_terms.sh [GLOSSARY.csv] [git.mo]
set -euo pipefail
cd "$(dirname "$0")/.."
GLOSSARY=${1:-../shared/data/git-glossaries/git-zh_CN-v2.39.0.csv}
MO=${2:-/usr/share/locale/zh_CN/LC_MESSAGES/git.mo}
for f in "$GLOSSARY" "$MO"; do
  [ -e "$f" ] || { echo "skip: $f not found"; exit 0; }
done
command -v msgunfmt >/dev/null || { echo "skip: msgunfmt (gettext) not installed"; exit 0; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
msgunfmt "$MO" -o "$TMP/git.po"
python3 - "$TMP" <<'PY'
import re, sys
tmp = sys.argv[1]
entries, cur, key = [], {}, None
def unq(s):
    s = s.strip()[1:-1]
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
for line in open(f"{tmp}/git.po", encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
    if m:
        key = m.group(1)
        if key in ("msgctxt", "msgid") and "msgid" in cur and "msgstr" in "".join(cur):
            entries.append(cur); cur = {}
        cur[key] = unq(m.group(2))
    elif line.startswith('"') and key:
        cur[key] += unq(line)
    elif not line.strip():
        key = None
if cur: entries.append(cur)
entries = [e for e in entries if e.get("msgid")]
def flat(s): return s.replace("\\", "\\\\").replace("\n", "\\n") if False else s.replace("\n", " ").replace("\r", " ")
with open(f"{tmp}/msgids.txt", "w", encoding="utf-8") as f:
    for e in entries: f.write(e["msgid"].replace("\n", "\\n") + "\n")
pairs = [(e["msgid"], e.get("msgstr", e.get("msgstr[0]", ""))) for e in entries]
pairs = [(a, b) for a, b in pairs if b.strip() and a.strip()]
with open(f"{tmp}/en.txt", "w", encoding="utf-8") as f:
    for a, _ in pairs: f.write(flat(a) + "\n")
with open(f"{tmp}/zh.txt", "w", encoding="utf-8") as f:
    for _, b in pairs: f.write(flat(b) + "\n")
print(f"catalog: {len(entries)} messages, {len(pairs)} translated pairs")
PY
cargo build --release --quiet --example term_hits --bin termlint
echo "== 1. term hits over msgids =="
target/release/examples/term_hits "$GLOSSARY" "$TMP/msgids.txt" en
echo "== 2. terminology findings on msgid/msgstr pairs =="
set +e
target/release/termlint check --source "$TMP/en.txt" --target "$TMP/zh.txt" --align lines \
  --source-lang en --target-lang zh-CN -g "$GLOSSARY" --select term-missing,term-forbidden \
  --format json > "$TMP/findings.json"
set -e
python3 - "$TMP/findings.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
print("segments:", d["summary"]["segments"], "errors:", d["errors"][:3])
c = collections.Counter(f["rule"] for f in d["findings"])
print("findings by rule:", dict(c))
t = collections.Counter(f["text"].lower() for f in d["findings"] if f["rule"] == "term-missing")
print("term-missing, most frequent source terms:", t.most_common(15))
PY

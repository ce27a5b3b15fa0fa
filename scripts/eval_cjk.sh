#!/usr/bin/env bash
# Run cjk-punctuation and cjk-spacing over the real zh_CN gettext catalogs of this machine
# (msgunfmt -> PO, one document per catalog) and print counts and a random sample of each
# rule's findings for judging by hand.
#
# Usage: scripts/eval_cjk.sh [SAMPLE (50)] [SPACING (consistent)] [SEED (1)]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
MODE=${2:-consistent}
SEED=${3:-1}
WORK=${TMPDIR:-/tmp}/termlint-eval-cjk
mkdir -p "$WORK/po"
shopt -s nullglob
mos=(/usr/share/locale/zh_CN/LC_MESSAGES/*.mo)
if [ ${#mos[@]} -eq 0 ] || ! command -v msgunfmt >/dev/null; then
  echo "no zh_CN catalogs or no msgunfmt: skipping" >&2
  exit 0
fi
for f in "${mos[@]}"; do
  msgunfmt "$f" -o "$WORK/po/$(basename "$f" .mo).po" 2>/dev/null || true
done
cargo build --quiet
target/debug/termlint check --select cjk-punctuation,cjk-spacing --cjk-spacing "$MODE" \
  --format json "$WORK"/po/*.po > "$WORK/findings.json" || true
python3 - "$WORK/findings.json" "$N" "$SEED" <<'PY'
import collections, json, random, sys
data = json.load(open(sys.argv[1]))
n, seed = int(sys.argv[2]), int(sys.argv[3])
f = data["findings"]
segs = data.get("summary", {}).get("segments") or data.get("segments")
print("findings by rule:", dict(collections.Counter(x["rule"] for x in f)), "segments:", segs)
for rule in ("cjk-punctuation", "cjk-spacing"):
    fr = [x for x in f if x["rule"] == rule]
    print(f"\n== {rule}: {len(fr)} findings; by text:",
          collections.Counter(x["text"] for x in fr).most_common(8))
    print("   by catalog:", [(k.split('/')[-1], v) for k, v in
                             collections.Counter(x["file"] for x in fr).most_common(8)])
    random.seed(seed)
    lines = {}
    for x in random.sample(fr, min(n, len(fr))):
        if x["file"] not in lines:
            lines[x["file"]] = open(x["file"], encoding="utf-8").read().split("\n")
        line = lines[x["file"]][x["line"] - 1]
        c = x["column"] - 1
        t = line[c:c + len(x["text"])] if x["end_line"] == x["line"] else x["text"]
        print(f"  {x['file'].split('/')[-1][:14]:14} …{line[max(0, c - 16):c]}⟦{t}⟧"
              f"{line[c + len(t):c + len(t) + 16]}  -> {x.get('suggestion')!r}")
PY

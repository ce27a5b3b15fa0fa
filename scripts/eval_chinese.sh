#!/usr/bin/env bash
# Evaluate the Chinese-side rules (chinese-script-mix, chinese-regional-term, chinese-quotes,
# chinese-typo, accelerator-mismatch) on the real zh_CN and zh_TW gettext catalogs of this
# machine: counts per rule and locale, a random sample of each rule's findings for judging
# by hand, and the cross check: zh_TW catalogs checked as zh-CN (and the reverse) must light
# up chinese-script-mix, the right tag must not.
#
# Usage: scripts/eval_chinese.sh [SAMPLE (30)] [SEED (1)]
# Catalogs: /work/corpus/zh_{CN,TW}/*.po when present, else msgunfmt of
# /usr/share/locale/zh_{CN,TW}/LC_MESSAGES/*.mo into $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-30}
SEED=${2:-1}
WORK=${TMPDIR:-/tmp}/termlint-eval-chinese
RULES=chinese-script-mix,chinese-regional-term,chinese-quotes,chinese-typo,accelerator-mismatch
mkdir -p "$WORK"
shopt -s nullglob
for loc in zh_CN zh_TW; do
  if [ -d "/work/corpus/$loc" ] && compgen -G "/work/corpus/$loc/*.po" >/dev/null; then
    eval "PO_$loc=/work/corpus/$loc"
    continue
  fi
  mos=(/usr/share/locale/$loc/LC_MESSAGES/*.mo)
  if [ ${#mos[@]} -eq 0 ] || ! command -v msgunfmt >/dev/null; then
    echo "no $loc catalogs or no msgunfmt: skipping" >&2
    exit 0
  fi
  mkdir -p "$WORK/$loc"
  for f in "${mos[@]}"; do
    msgunfmt "$f" -o "$WORK/$loc/$(basename "$f" .mo).po" 2>/dev/null || true
  done
  eval "PO_$loc=$WORK/$loc"
done
cargo build --quiet
BIN=target/debug/termlint
run() { # name, target-lang, dir
  "$BIN" check --select "$RULES" --source-lang en --target-lang "$2" --format json \
    "$3"/*.po > "$WORK/$1.json" 2>"$WORK/$1.err" || true
}
run cn zh-CN "$PO_zh_CN"
run tw zh-TW "$PO_zh_TW"
run tw-as-cn zh-CN "$PO_zh_TW"
run cn-as-tw zh-TW "$PO_zh_CN"
python3 - "$WORK" "$N" "$SEED" <<'PY'
import collections, json, random, sys
work, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(name):
    return json.load(open(f"{work}/{name}.json"))["findings"]
rules = ["chinese-script-mix", "chinese-regional-term", "chinese-quotes", "chinese-typo",
         "accelerator-mismatch"]
res = {k: load(k) for k in ("cn", "tw", "tw-as-cn", "cn-as-tw")}
print("counts per rule (catalogs checked with their own tag):")
print(f"  {'rule':24} {'zh_CN':>7} {'zh_TW':>7}")
for r in rules:
    c = [sum(1 for x in res[k] if x["rule"] == r) for k in ("cn", "tw")]
    print(f"  {r:24} {c[0]:7} {c[1]:7}")
def per_file(k):
    return collections.Counter(x["file"].split("/")[-1] for x in res[k]
                               if x["rule"] == "chinese-script-mix")
print("\ncross check, chinese-script-mix findings:")
for k, label in (("cn", "zh_CN as zh-CN"), ("tw", "zh_TW as zh-TW"),
                 ("tw-as-cn", "zh_TW as zh-CN"), ("cn-as-tw", "zh_CN as zh-TW")):
    pf = per_file(k)
    print(f"  {label:16} {sum(pf.values()):7} findings in {len(pf)} catalogs")
# Every zh_TW catalog with Chinese text should light up when checked as zh-CN.
right = per_file("tw")
wrong = per_file("tw-as-cn")
print(f"  zh_TW catalogs lighting up as zh-CN: {len(wrong)}; as zh-TW: {len(right)}")
wrong = per_file("cn-as-tw")
right = per_file("cn")
print(f"  zh_CN catalogs lighting up as zh-TW: {len(wrong)}; as zh-CN: {len(right)}")
lines = {}
random.seed(seed)
for r in rules:
    for k in ("cn", "tw"):
        fr = [x for x in res[k] if x["rule"] == r]
        if not fr:
            continue
        print(f"\n== {r} on {'zh_CN' if k == 'cn' else 'zh_TW'}: {len(fr)}; most common:",
              collections.Counter(x["text"] for x in fr).most_common(10))
        for x in random.sample(fr, min(n, len(fr))):
            if x["file"] not in lines:
                lines[x["file"]] = open(x["file"], encoding="utf-8").read().split("\n")
            line = lines[x["file"]][x["line"] - 1]
            c = x["column"] - 1
            t = line[c:c + len(x["text"])] if x["end_line"] == x["line"] else x["text"]
            print(f"  {x['file'].split('/')[-1][:16]:16} …{line[max(0, c - 18):c]}⟦{t}⟧"
                  f"{line[c + len(t):c + len(t) + 18]}  -> {x.get('suggestion')!r}")
PY

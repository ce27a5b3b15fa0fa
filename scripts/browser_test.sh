#!/usr/bin/env bash
# Loads termlint's HTML report in headless Chromium and checks that the findings are in the
# DOM and that a filter works; optionally takes a screenshot.
#   scripts/browser_test.sh [TERMLINT_BINARY] [SCREENSHOT.png]
# Skips (exit 0 with a message) where Chromium is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/termlint}
shot=${2:-}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "browser test skipped: no chromium on this machine (apt-get install chromium)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$tmp/profile" --virtual-time-budget=5000)
"$bin" check --source examples/seed/zh.txt --target examples/seed/en.txt \
  -g glossaries/zh-en/terms.csv -g glossaries/en/common-errors.csv \
  --format html -o "$tmp/seed.html" || true
fail=0
check() { # name, file, grep pattern, expect (present|absent)
  if grep -q -- "$3" "$2"; then found=present; else found=absent; fi
  if [ "$found" = "$4" ]; then echo "ok   $1"; else echo "FAIL $1 (pattern '$3' $found)"; fail=1; fi
}
"$chrome" "${flags[@]}" --dump-dom "file://$tmp/seed.html" > "$tmp/dom.html" 2>"$tmp/err.log"
check "page rendered" "$tmp/dom.html" 'data-ready="true"' present
check "mainframes highlighted in the target" "$tmp/dom.html" '<mark title="term-forbidden[^"]*">mainframes</mark>' present
check "主机 highlighted in the source" "$tmp/dom.html" '<mark class="src" title="term-missing[^"]*">主机</mark>' present
check "glossary note shown" "$tmp/dom.html" 'class="note"' present
"$chrome" "${flags[@]}" --dump-dom "file://$tmp/seed.html#rule=term-missing" > "$tmp/filtered.html" 2>>"$tmp/err.log"
check "filter by rule keeps term-missing" "$tmp/filtered.html" '<span class="rule">term-missing</span>' present
check "filter by rule hides term-forbidden" "$tmp/filtered.html" '<span class="rule">term-forbidden</span>' absent
"$chrome" "${flags[@]}" --dump-dom "file://$tmp/seed.html#q=no-such-text-anywhere" > "$tmp/search.html" 2>>"$tmp/err.log"
check "search with no match shows the empty state" "$tmp/search.html" 'No findings match.' present
if [ -n "$shot" ]; then
  "$chrome" "${flags[@]}" --window-size=1280,900 --screenshot="$shot" "file://$tmp/seed.html" 2>>"$tmp/err.log" || true
  echo "screenshot: $shot"
fi
if [ $fail -ne 0 ]; then
  echo "browser test failed; chromium said:"; tail -5 "$tmp/err.log"
  exit 1
fi
echo "browser test passed"

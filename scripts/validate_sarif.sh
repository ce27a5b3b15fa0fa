#!/usr/bin/env bash
# Validate termlint's SARIF output with Microsoft's SARIF Multitool
# (npm package @microsoft/sarif-multitool-linux). Fails when the validator reports an error.
#
# usage: scripts/validate_sarif.sh [FILE.sarif...]
#   Without arguments, it writes and validates the SARIF output for the seed pair
#   (examples/seed/zh.txt + en.txt), the CLI test fixture (tests/fixtures/ci) and, when
#   msgunfmt and zh_CN catalogs exist on this machine, 25 real gettext catalogs.
# If the validator cannot be installed (no npm, no network), it prints why and exits 0.
# Environment: TERMLINT (the binary; default: cargo build, then target/debug/termlint),
#              SARIF_TOOL_DIR (where the validator is installed; default under $TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."

tool_dir=${SARIF_TOOL_DIR:-${TMPDIR:-/tmp}/termlint-sarif-multitool}
tool="$tool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -f "$tool" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "validate_sarif: SKIPPED: npm is not installed, so the SARIF validator cannot be installed"
    exit 0
  fi
  mkdir -p "$tool_dir"
  if ! npm install --silent --no-audit --no-fund --prefix "$tool_dir" @microsoft/sarif-multitool-linux >"$tool_dir/npm.log" 2>&1; then
    echo "validate_sarif: SKIPPED: 'npm install @microsoft/sarif-multitool-linux' failed (offline?):"
    tail -n 5 "$tool_dir/npm.log" | sed 's/^/  /'
    exit 0
  fi
fi
# npm may not run the package's postinstall (chmod) script.
chmod u+x "$tool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  if [ -z "${TERMLINT:-}" ]; then
    cargo build --quiet
    TERMLINT=target/debug/termlint
  fi
  run() { # run OUT ARGS...: termlint must exit 0, 1 or 2 (not crash)
    local out=$1; shift
    local rc=0
    "$TERMLINT" check --format sarif "$@" >"$out" || rc=$?
    if [ "$rc" -gt 2 ]; then echo "validate_sarif: termlint exited $rc on $*"; exit 1; fi
  }
  run "$work/seed.sarif" --no-config --source examples/seed/zh.txt --target examples/seed/en.txt
  files+=("$work/seed.sarif")
  # The CLI fixture: findings with fixes, custom patterns, an inline suppression, and an
  # unreadable input (a tool execution notification).
  run "$work/fixture.sarif" --config tests/fixtures/ci/termlint.toml \
    --source tests/fixtures/ci/zh.txt --target tests/fixtures/ci/en.txt tests/fixtures/ci/missing.po
  files+=("$work/fixture.sarif")
  # Real catalogs: the first 20 zh_CN and 5 zh_TW catalogs of this machine, as PO.
  if command -v msgunfmt >/dev/null 2>&1 && ls /usr/share/locale/zh_CN/LC_MESSAGES/*.mo >/dev/null 2>&1; then
    mkdir -p "$work/catalogs"
    for mo in $(ls /usr/share/locale/zh_CN/LC_MESSAGES/*.mo | head -n 20) \
              $(ls /usr/share/locale/zh_TW/LC_MESSAGES/*.mo 2>/dev/null | head -n 5); do
      lang=$(basename "$(dirname "$(dirname "$mo")")")
      msgunfmt "$mo" -o "$work/catalogs/$(basename "$mo" .mo).$lang.po" 2>/dev/null || true
    done
    run "$work/catalog.sarif" --no-config "$work/catalogs"
    files+=("$work/catalog.sarif")
  else
    echo "validate_sarif: no msgunfmt or no zh_CN catalogs: the real-catalog check is skipped"
  fi
fi

status=0
for f in "${files[@]}"; do
  log="$work/$(basename "$f").validation.sarif"
  rm -f "$log"
  "$tool" validate --output "$log" "$f" >/dev/null 2>&1 || true
  if [ ! -s "$log" ]; then
    echo "validate_sarif: the validator produced no log for $f"
    status=1
    continue
  fi
  # Count and print the validator's findings by level.
  summary=$(node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const counts = { error: 0, warning: 0, note: 0 };
    for (const run of log.runs || []) {
      for (const n of (run.invocations || []).flatMap(i => i.toolExecutionNotifications || []))
        if (n.level === "error") { counts.error++; console.error("  tool error: " + n.message.text); }
      for (const r of run.results || []) {
        const level = r.level || "warning";
        counts[level] = (counts[level] || 0) + 1;
        if (level === "error") console.error("  " + r.ruleId + ": " + (r.message.text || JSON.stringify(r.message.arguments)));
      }
    }
    console.log(`${counts.error} ${counts.warning} ${counts.note}`);
  ' "$log")
  read -r errors warnings notes <<<"$summary"
  echo "validate_sarif: $(basename "$f"): $errors errors, $warnings warnings, $notes notes"
  if [ "$errors" != 0 ]; then status=1; fi
done
exit $status
